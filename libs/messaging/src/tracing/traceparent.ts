import { randomBytes } from 'node:crypto';
import { trace } from '@opentelemetry/api';

const TRACEPARENT = /^00-([0-9a-f]{32})-([0-9a-f]{16})-([0-9a-f]{2})$/;

/**
 * The W3C traceparent of the current work: the active OpenTelemetry span's when there is one,
 * otherwise a new trace, so every event can still be followed from producer to consumers.
 */
export function currentTraceparent(): string {
  const span = trace.getActiveSpan()?.spanContext();
  if (span && span.traceId !== '0'.repeat(32)) {
    return `00-${span.traceId}-${span.spanId}-${span.traceFlags.toString(16).padStart(2, '0')}`;
  }
  return `00-${randomBytes(16).toString('hex')}-${randomBytes(8).toString('hex')}-01`;
}

/** Continues a received trace with a new span id, keeping its trace id and flags. */
export function childTraceparent(parent: string | undefined): string {
  const match = parent ? TRACEPARENT.exec(parent) : null;
  if (!match) return currentTraceparent();
  return `00-${match[1]}-${randomBytes(8).toString('hex')}-${match[3]}`;
}
