import { Partitioners, Producer } from 'kafkajs';
import { aMilestoneTriggeredForDisbursement, type EventEnvelope } from '@mb/events';
import { DomainRejection, newEventId } from '@mb/kernel';
import { uniqueName } from '@mb/testing';
import {
  DEAD_LETTER_HEADERS,
  EventConsumer,
  EventHandler,
  OutboxRelay,
  OutboxWriter,
  PermanentEventError,
  replayDeadLetters,
} from '../../src';
import { aMessagingTestKit, eventually, MessagingTestKit, readAll } from './messaging-test-kit';

type MilestoneUpdate = EventEnvelope<'milestone.status_updated'>;

describe('event consumer with inbox and dead letters', () => {
  let kit: MessagingTestKit;
  let producer: Producer;
  const consumers: EventConsumer[] = [];
  let failNext: (envelope: MilestoneUpdate) => Error | undefined;
  /** Event ids whose after-commit effect ran, in order. */
  let afterCommitted: string[];

  /** A handler whose effect is one row per applied event, in the order applied. */
  const recordingHandler: EventHandler<'milestone.status_updated'> = {
    event: 'milestone.status_updated',
    async handle(envelope, { manager, afterCommit }) {
      afterCommit(() => afterCommitted.push(envelope.id));
      const failure = failNext(envelope);
      if (failure) throw failure;
      await manager.query(`INSERT INTO ${kit.schema}.effects (event_id, contract_id, milestone_index) VALUES ($1, $2, $3)`, [
        envelope.id,
        envelope.data.contract_id,
        envelope.data.milestone_index,
      ]);
    },
  };

  const aConsumer = (groupId = uniqueName('group')) => {
    const consumer = new EventConsumer({
      kafka: kit.kafka,
      dataSource: kit.dataSource,
      schema: kit.schema,
      groupId,
      handlers: [recordingHandler],
      logger: kit.logger,
      topicNaming: kit.naming,
      retryPolicy: { maxAttempts: 3, initialBackoffMs: 50, maxBackoffMs: 200 },
    });
    consumers.push(consumer);
    return consumer;
  };
  const effects = async (): Promise<{ event_id: string; contract_id: string; milestone_index: number }[]> =>
    kit.dataSource.query(`SELECT event_id, contract_id, milestone_index FROM ${kit.schema}.effects ORDER BY seq`);
  const topic = () => kit.topicOf('milestone.status_updated');
  const send = (key: string, value: string, headers: Record<string, string> = { 'event-version': '1' }) =>
    producer.send({ topic: topic(), acks: -1, messages: [{ key, value, headers }] });
  const anUpdate = (contractId: string, milestoneIndex: number) =>
    aMilestoneTriggeredForDisbursement({ id: newEventId(), data: { contract_id: contractId, milestone_index: milestoneIndex } });

  beforeEach(async () => {
    kit = await aMessagingTestKit(['milestone.status_updated']);
    producer = kit.kafka.producer({ idempotent: true, maxInFlightRequests: 1, createPartitioner: Partitioners.DefaultPartitioner });
    await producer.connect();
    failNext = () => undefined;
    afterCommitted = [];
  });

  afterEach(async () => {
    await Promise.all(consumers.splice(0).map((consumer) => consumer.stop()));
    await producer?.disconnect();
    await kit?.close();
  });

  it('applies an event delivered twice only once', async () => {
    // given the same event on the topic twice
    const event = anUpdate('con_twice', 1);
    await send('con_twice', JSON.stringify(event));
    await send('con_twice', JSON.stringify(event));
    // when a consumer reads both
    const consumer = aConsumer();
    await consumer.start();
    await eventually(async () => consumer.stats.applied + consumer.stats.duplicates, (seen) => seen === 2, 'both deliveries');
    // then there is one effect, and the second delivery was recognised as a duplicate
    await expect(effects()).resolves.toEqual([{ event_id: event.id, contract_id: 'con_twice', milestone_index: 1 }]);
    expect(consumer.stats).toMatchObject({ applied: 1, duplicates: 1, deadLettered: 0 });
  });

  it('dead-letters a poison message with its error and still processes the next one on its partition', async () => {
    // given, on one partition (one key): a message that is not JSON, one that breaks the schema, then a good one
    const good = anUpdate('con_poison', 3);
    await send('con_poison', '{not json');
    await send('con_poison', JSON.stringify({ ...anUpdate('con_poison', 2), data: { ...good.data, amount_due_cents: '750000' } }));
    await send('con_poison', JSON.stringify(good));
    // when the consumer runs
    const consumer = aConsumer();
    await consumer.start();
    // then the good message is applied
    await eventually(effects, (rows) => rows.length === 1, 'the good message to be applied');
    await expect(effects()).resolves.toEqual([{ event_id: good.id, contract_id: 'con_poison', milestone_index: 3 }]);
    // and both poison messages are on the dead-letter topic, original bytes and the reason in headers
    const deadLetters = await readAll(kit.kafka, kit.naming.deadLetterTopicOf(topic()), 2);
    expect(deadLetters.map((letter) => letter.value)).toEqual(['{not json', expect.stringContaining('"amount_due_cents":"750000"')]);
    expect(deadLetters[0].headers).toMatchObject({ [DEAD_LETTER_HEADERS.reason]: 'invalid_event', [DEAD_LETTER_HEADERS.sourceTopic]: topic() });
    expect(deadLetters[1].headers[DEAD_LETTER_HEADERS.error]).toContain('/data/amount_due_cents must be integer');
    expect(deadLetters[1].key).toBe('con_poison');
  });

  it('retries a failing handler, then dead-letters the event once retries run out, and moves on', async () => {
    // given a handler that fails twice on milestone 1 and always on milestone 2
    let failuresLeft = 2;
    failNext = (envelope) => {
      if (envelope.data.milestone_index === 1 && failuresLeft > 0) {
        failuresLeft -= 1;
        return new Error('lock timeout');
      }
      return envelope.data.milestone_index === 2 ? new Error('still broken') : undefined;
    };
    const updates = [1, 2, 3].map((index) => anUpdate('con_retry', index));
    for (const update of updates) await send('con_retry', JSON.stringify(update));
    // when the consumer runs
    const consumer = aConsumer();
    await consumer.start();
    // then milestone 1 succeeded on its third attempt, 2 was dead-lettered, and 3 was applied after it
    await eventually(effects, (rows) => rows.length === 2, 'milestones 1 and 3');
    await expect(effects().then((rows) => rows.map((row) => row.milestone_index))).resolves.toEqual([1, 3]);
    const [deadLetter] = await readAll(kit.kafka, kit.naming.deadLetterTopicOf(topic()), 1);
    expect(deadLetter.headers).toMatchObject({ [DEAD_LETTER_HEADERS.reason]: 'retries_exhausted', [DEAD_LETTER_HEADERS.attempts]: '3' });
    expect(deadLetter.headers[DEAD_LETTER_HEADERS.error]).toBe('Error: still broken');
    expect(deadLetter.headers).not.toHaveProperty(DEAD_LETTER_HEADERS.errorCode);
    // and the after-commit effects ran once per committed event: none for the failed attempts
    expect(afterCommitted).toEqual([updates[0].id, updates[2].id]);
  });

  it('dead-letters at once, with its stable code, an event the handler refuses with a DomainRejection', async () => {
    // given a handler whose use case refuses milestone 5 as a business rule would (an unknown invoice)
    failNext = (envelope) =>
      envelope.data.milestone_index === 5 ? new DomainRejection('not_found', 'invoice.not_found', 'invoice inv_gone does not exist') : undefined;
    const refused = anUpdate('con_rejection', 5);
    const next = anUpdate('con_rejection', 6);
    await send('con_rejection', JSON.stringify(refused));
    await send('con_rejection', JSON.stringify(next));
    // when the consumer runs
    const consumer = aConsumer();
    await consumer.start();
    // then the refusal is dead-lettered on its first attempt, without a retry, and the next event is applied
    await eventually(effects, (rows) => rows.length === 1, 'the event after the refusal');
    await expect(effects()).resolves.toEqual([{ event_id: next.id, contract_id: 'con_rejection', milestone_index: 6 }]);
    expect(consumer.stats).toMatchObject({ applied: 1, deadLettered: 1, retries: 0 });
    // and the dead letter names the rejection's code
    const [deadLetter] = await readAll(kit.kafka, kit.naming.deadLetterTopicOf(topic()), 1);
    expect(JSON.parse(deadLetter.value)).toMatchObject({ id: refused.id });
    expect(deadLetter.headers).toMatchObject({
      [DEAD_LETTER_HEADERS.reason]: 'permanent',
      [DEAD_LETTER_HEADERS.attempts]: '1',
      [DEAD_LETTER_HEADERS.errorCode]: 'invoice.not_found',
      [DEAD_LETTER_HEADERS.error]: 'DomainRejection: invoice.not_found: invoice inv_gone does not exist',
    });
  });

  it('dead-letters at once an event the handler refuses permanently, and a replay applies it once fixed', async () => {
    // given a handler that refuses milestone 7 as a rule violation
    let refuse = true;
    failNext = (envelope) => (refuse && envelope.data.milestone_index === 7 ? new PermanentEventError('milestone 7 is not in the schedule') : undefined);
    const refused = anUpdate('con_replay', 7);
    await send('con_replay', JSON.stringify(refused));
    const groupId = uniqueName('group');
    const consumer = aConsumer(groupId);
    await consumer.start();
    await eventually(async () => consumer.stats.deadLettered, (count) => count === 1, 'the refusal');
    expect(consumer.stats.retries).toBe(0);
    // when the cause is fixed and the dead letter replayed
    refuse = false;
    const replayed = await replayDeadLetters({ kafka: kit.kafka, deadLetterTopic: kit.naming.deadLetterTopicOf(topic()), eventId: refused.id });
    // then it returns to its topic and is applied, once
    expect(replayed).toEqual([expect.objectContaining({ eventId: refused.id, sourceTopic: topic(), consumerGroup: groupId, reason: 'permanent' })]);
    await eventually(effects, (rows) => rows.length === 1, 'the replayed event to be applied');
    await expect(effects()).resolves.toEqual([{ event_id: refused.id, contract_id: 'con_replay', milestone_index: 7 }]);
  });

  it('commits offsets on stop, so a restarted group resumes after what it applied', async () => {
    // given a consumer that applied five events and was stopped
    for (const index of [1, 2, 3, 4, 5]) await send('con_resume', JSON.stringify(anUpdate('con_resume', index)));
    const groupId = uniqueName('group');
    const first = aConsumer(groupId);
    await first.start();
    await eventually(effects, (rows) => rows.length === 5, 'five effects');
    await first.stop();
    // when two more arrive and the group starts again
    for (const index of [6, 7]) await send('con_resume', JSON.stringify(anUpdate('con_resume', index)));
    const second = aConsumer(groupId);
    await second.start();
    await eventually(effects, (rows) => rows.length === 7, 'seven effects');
    // then it read only the new ones: nothing was redelivered
    expect(second.stats).toMatchObject({ applied: 2, duplicates: 0 });
  });

  it('keeps each contract\'s order for 1,000 events over 6 partitions, end to end through the outbox', async () => {
    // given 1,000 events for 20 contracts, recorded through the outbox in 100 transactions
    const writer = new OutboxWriter({ schema: kit.schema, topicNaming: kit.naming });
    const contracts = Array.from({ length: 20 }, (_, index) => `con_order${String(index).padStart(2, '0')}`);
    const relay = new OutboxRelay({ schema: kit.schema, dataSource: kit.dataSource, databaseUrl: kit.databaseUrl, kafka: kit.kafka, logger: kit.logger });
    const consumer = aConsumer();
    await consumer.start();
    await relay.start();
    try {
      for (let transaction = 0; transaction < 100; transaction += 1) {
        await kit.dataSource.transaction(async (manager) => {
          for (let step = 0; step < 10; step += 1) {
            const sequence = transaction * 10 + step;
            const contractId = contracts[sequence % contracts.length];
            const milestoneIndex = Math.floor(sequence / contracts.length) + 1;
            await writer.record(manager, 'milestone.status_updated', { ...anUpdate(contractId, milestoneIndex).data });
          }
        });
      }
      // when all are consumed
      await eventually(effects, (rows) => rows.length === 1000, '1,000 effects', 60_000);
    } finally {
      await relay.stop();
    }
    // then every contract's milestones were applied 1, 2, 3 … 50, in order
    const rows = await effects();
    for (const contractId of contracts) {
      const applied = rows.filter((row) => row.contract_id === contractId).map((row) => row.milestone_index);
      expect(applied).toEqual(Array.from({ length: 50 }, (_, index) => index + 1));
    }
    // and the contracts were spread over the partitions
    const partitions = new Set((await readAll(kit.kafka, topic(), 1000)).map((message) => message.partition));
    expect(partitions.size).toBeGreaterThan(1);
  });
});
