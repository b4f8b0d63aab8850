import { context, type SpanContext, SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { InMemorySpanExporter, type ReadableSpan, SimpleSpanProcessor, TracerProvider } from '@opentelemetry/sdk-trace';
import { aMilestoneTriggeredForDisbursement, anInvoiceIssued, type EventEnvelope } from '@mb/events';
import { uniqueName } from '@mb/testing';
import { EventConsumer, EventHandler, MESSAGING_SPAN_ATTRIBUTES, OutboxRelay, OutboxWriter, PermanentEventError } from '../../src';
import { aMessagingTestKit, eventually, MessagingTestKit, readAll } from './messaging-test-kit';

const TRACEPARENT = /^00-([0-9a-f]{32})-([0-9a-f]{16})-01$/;

/** The trace and parent span a traceparent header names. */
function parsedTraceparent(header: string | undefined): { traceId: string; spanId: string } {
  const match = TRACEPARENT.exec(header ?? '');
  if (!match) throw new Error(`not a sampled W3C traceparent: ${header}`);
  return { traceId: match[1], spanId: match[2] };
}

describe('traces across the outbox, the relay and a consumer', () => {
  // An SDK of the test's own, registered globally as a service's would be, spans kept in memory.
  const exporter = new InMemorySpanExporter();
  const provider = new TracerProvider({ spanProcessors: [new SimpleSpanProcessor({ exporter })] });
  const contextManager = new AsyncLocalStorageContextManager();

  let kit: MessagingTestKit;
  let writer: OutboxWriter;
  let relay: OutboxRelay;
  const consumers: EventConsumer[] = [];

  beforeAll(() => {
    context.setGlobalContextManager(contextManager.enable());
    trace.setGlobalTracerProvider(provider);
  });

  afterAll(async () => {
    trace.disable();
    context.disable();
    await provider.shutdown();
  });

  beforeEach(async () => {
    exporter.reset();
    kit = await aMessagingTestKit(['milestone.status_updated', 'invoice.issued']);
    writer = new OutboxWriter({ schema: kit.schema, topicNaming: kit.naming });
    relay = new OutboxRelay({ schema: kit.schema, dataSource: kit.dataSource, databaseUrl: kit.databaseUrl, kafka: kit.kafka, logger: kit.logger, pollIntervalMs: 200 });
  });

  afterEach(async () => {
    await Promise.all(consumers.splice(0).map((consumer) => consumer.stop()));
    await relay?.stop();
    await kit?.close();
  });

  const milestoneTopic = () => kit.topicOf('milestone.status_updated');
  const aConsumer = (handler: EventHandler<'milestone.status_updated'>) => {
    const consumer = new EventConsumer({
      kafka: kit.kafka,
      dataSource: kit.dataSource,
      schema: kit.schema,
      groupId: uniqueName('group'),
      handlers: [handler],
      logger: kit.logger,
      topicNaming: kit.naming,
    });
    consumers.push(consumer);
    return consumer;
  };

  /** A producer's use case inside a span of its own, as an HTTP request is under the SDK. */
  const announceInASpan = (): Promise<{ producer: SpanContext; event: EventEnvelope<'milestone.status_updated'> }> =>
    trace.getTracer('test').startActiveSpan('approve milestone', async (span) => {
      try {
        const event = await kit.dataSource.transaction((manager) =>
          writer.record(manager, 'milestone.status_updated', aMilestoneTriggeredForDisbursement({ data: { contract_id: 'con_traced' } }).data),
        );
        return { producer: span.spanContext(), event };
      } finally {
        span.end();
      }
    });
  const finished = (kind: SpanKind, name: string): ReadableSpan[] =>
    exporter.getFinishedSpans().filter((span) => span.kind === kind && span.name === name);

  it('continues the producer\'s trace in the consumer, and on into the events its handler records', async () => {
    // given a consumer whose handler records a follow-up event, as invoicing does on a billing trigger
    const consumer = aConsumer({
      event: 'milestone.status_updated',
      async handle(envelope, { manager }) {
        await writer.record(manager, 'invoice.issued', anInvoiceIssued({ data: { contract_id: envelope.data.contract_id } }).data);
      },
    });
    await consumer.start();
    // when an event recorded inside a producer's span is relayed and consumed
    const { producer, event } = await announceInASpan();
    await relay.start();
    await eventually(async () => consumer.stats.applied, (applied) => applied === 1, 'the event to be applied');
    await eventually(async () => finished(SpanKind.CONSUMER, `process ${milestoneTopic()}`), (spans) => spans.length === 1, 'the consumer span');

    // then the message on Kafka carries the producer's span as its traceparent
    const [message] = await readAll(kit.kafka, milestoneTopic(), 1);
    expect(parsedTraceparent(message.headers.traceparent)).toEqual({ traceId: producer.traceId, spanId: producer.spanId });
    // and the consumer span is that span's child, named by the message it processed
    const [consumerSpan] = finished(SpanKind.CONSUMER, `process ${milestoneTopic()}`);
    expect(consumerSpan.spanContext().traceId).toBe(producer.traceId);
    expect(consumerSpan.parentSpanContext?.spanId).toBe(parsedTraceparent(message.headers.traceparent).spanId);
    expect(consumerSpan.parentSpanContext?.isRemote).toBe(true);
    expect(consumerSpan.attributes).toMatchObject({
      [MESSAGING_SPAN_ATTRIBUTES.system]: 'kafka',
      [MESSAGING_SPAN_ATTRIBUTES.operationType]: 'process',
      [MESSAGING_SPAN_ATTRIBUTES.destination]: milestoneTopic(),
      [MESSAGING_SPAN_ATTRIBUTES.partition]: String(message.partition),
      [MESSAGING_SPAN_ATTRIBUTES.kafkaOffset]: 0,
      [MESSAGING_SPAN_ATTRIBUTES.messageId]: event.id,
      [MESSAGING_SPAN_ATTRIBUTES.consumerGroup]: consumer.subscription.groupId,
      [MESSAGING_SPAN_ATTRIBUTES.consumerOutcome]: 'applied',
    });
    expect(consumerSpan.status.code).not.toBe(SpanStatusCode.ERROR);
    // and the relay's send span sits in the same trace, under the producer's span
    const [sendSpan] = finished(SpanKind.PRODUCER, `send ${milestoneTopic()}`);
    expect(sendSpan.spanContext().traceId).toBe(producer.traceId);
    expect(sendSpan.parentSpanContext?.spanId).toBe(producer.spanId);
    expect(sendSpan.attributes).toMatchObject({ [MESSAGING_SPAN_ATTRIBUTES.messageId]: event.id, [MESSAGING_SPAN_ATTRIBUTES.kafkaMessageKey]: 'con_traced' });
    // and the follow-up event recorded by the handler continues the trace from the consumer span
    const [followUp] = await kit.dataSource.query(`SELECT headers FROM ${kit.schema}.outbox WHERE topic = $1`, [kit.topicOf('invoice.issued')]);
    expect(parsedTraceparent(followUp.headers.traceparent)).toEqual({ traceId: producer.traceId, spanId: consumerSpan.spanContext().spanId });
  });

  it('marks the consumer span failed when the handler refuses the event', async () => {
    // given a handler that refuses every event as a rule violation
    const consumer = aConsumer({
      event: 'milestone.status_updated',
      async handle() {
        throw new PermanentEventError('milestone 1 is not in the schedule');
      },
    });
    await consumer.start();
    // when an event reaches it
    const { producer } = await announceInASpan();
    await relay.start();
    await eventually(async () => consumer.stats.deadLettered, (count) => count === 1, 'the refusal');
    await eventually(async () => finished(SpanKind.CONSUMER, `process ${milestoneTopic()}`), (spans) => spans.length === 1, 'the consumer span');
    // then its span, still in the producer's trace, says why it failed
    const [consumerSpan] = finished(SpanKind.CONSUMER, `process ${milestoneTopic()}`);
    expect(consumerSpan.spanContext().traceId).toBe(producer.traceId);
    expect(consumerSpan.status).toEqual({ code: SpanStatusCode.ERROR, message: 'milestone 1 is not in the schedule' });
    expect(consumerSpan.attributes).toMatchObject({
      [MESSAGING_SPAN_ATTRIBUTES.errorType]: 'PermanentEventError',
      [MESSAGING_SPAN_ATTRIBUTES.consumerOutcome]: 'dead_lettered',
    });
    expect(consumerSpan.events.map((event) => event.name)).toContain('exception');
  });
});
