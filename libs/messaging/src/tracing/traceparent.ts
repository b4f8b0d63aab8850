import { randomBytes } from 'node:crypto';
import { type Context, isSpanContextValid, ROOT_CONTEXT, type SpanContext, trace } from '@opentelemetry/api';

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

/**
 * A context whose parent is the span a received traceparent names, for spans that continue the
 * event's trace; a new trace's root context when the header is missing or malformed. Parsed here
 * rather than by the global propagator: the header is the event's own metadata, written by
 * currentTraceparent, and must be read the same way whichever propagators a process configures.
 */
export function remoteContextOf(traceparent: string | undefined): Context {
  const match = traceparent ? TRACEPARENT.exec(traceparent) : null;
  if (!match) return ROOT_CONTEXT;
  const parent: SpanContext = { traceId: match[1], spanId: match[2], traceFlags: parseInt(match[3], 16), isRemote: true };
  return isSpanContextValid(parent) ? trace.setSpanContext(ROOT_CONTEXT, parent) : ROOT_CONTEXT;
}
