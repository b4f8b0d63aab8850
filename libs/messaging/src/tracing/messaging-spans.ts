import { type Span, SpanStatusCode, trace, type Tracer } from '@opentelemetry/api';

/**
 * The OpenTelemetry messaging semantic conventions (v1.45) this library records. They are still
 * "development" conventions, so copied here rather than imported from
 * `@opentelemetry/semantic-conventions/incubating`, as that package's README advises.
 */
export const MESSAGING_SPAN_ATTRIBUTES = {
  system: 'messaging.system.name',
  operationType: 'messaging.operation.type',
  operationName: 'messaging.operation.name',
  destination: 'messaging.destination.name',
  partition: 'messaging.destination.partition.id',
  consumerGroup: 'messaging.consumer.group.name',
  messageId: 'messaging.message.id',
  kafkaOffset: 'kafka.offset',
  kafkaMessageKey: 'kafka.message.key',
  errorType: 'error.type',
  /** Ours: what the consumer did with the message (applied, duplicate, dead_lettered, stopped). */
  consumerOutcome: 'mb.consumer.outcome',
} as const;

/**
 * The tracer of the outbox relay and the consumers. Asked for at each use, not kept: with no SDK
 * registered it is the API's no-op tracer, and a provider registered later (or replaced, as tests
 * do) is picked up.
 */
export function messagingTracer(): Tracer {
  return trace.getTracer('@mb/messaging');
}

/** Marks a span failed by an error, keeping the error as a span event. */
export function recordSpanFailure(span: Span, error: unknown): void {
  const failure = error instanceof Error ? error : new Error(String(error));
  span.recordException(failure);
  span.setAttribute(MESSAGING_SPAN_ATTRIBUTES.errorType, failure.name);
  span.setStatus({ code: SpanStatusCode.ERROR, message: failure.message });
}
