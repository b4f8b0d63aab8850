import { Partitioners, Producer } from 'kafkajs';
import { aMilestoneTriggeredForDisbursement, type EventEnvelope } from '@mb/events';
import { DomainRejection, newEventId } from '@mb/kernel';
import { uniqueName } from '@mb/testing';
import {
  countParkedEvents,
  DEAD_LETTER_HEADERS,
  EventConsumer,
  EventHandler,
  listBlockedKeys,
  listParkedEvents,
  OutboxRelay,
  OutboxWriter,
  PermanentEventError,
  replayDeadLetters,
} from '../../src';
import { aMessagingTestKit, eventually, messageCount, MessagingTestKit, readAll } from './messaging-test-kit';

type MilestoneUpdate = EventEnvelope<'milestone.status_updated'>;

describe('event consumer with inbox and dead letters', () => {
  let kit: MessagingTestKit;
  let producer: Producer;
  const consumers: EventConsumer[] = [];
  let failNext: (envelope: MilestoneUpdate) => Error | undefined;
  /** True while the database is to refuse this event's writes as a demoted primary would (25006). */
  let readOnlyFor: (envelope: MilestoneUpdate) => boolean;
  let ignoresHeaders: (headers: Readonly<Record<string, string>>) => boolean;
  /** Event ids whose after-commit effect ran, in order. */
  let afterCommitted: string[];

  /** A handler whose effect is one row per applied event, in the order applied. */
  const recordingHandler: EventHandler<'milestone.status_updated'> = {
    event: 'milestone.status_updated',
    ignores: (headers) => ignoresHeaders(headers),
    async handle(envelope, { manager, afterCommit }) {
      afterCommit(() => afterCommitted.push(envelope.id));
      const failure = failNext(envelope);
      if (failure) throw failure;
      // PostgreSQL itself then refuses the write below with SQLSTATE 25006, as after a failover.
      if (readOnlyFor(envelope)) await manager.query('SET TRANSACTION READ ONLY');
      await manager.query(`INSERT INTO ${kit.schema}.effects (event_id, contract_id, milestone_index) VALUES ($1, $2, $3)`, [
        envelope.id,
        envelope.data.contract_id,
        envelope.data.milestone_index,
      ]);
    },
  };

  const aConsumer = (groupId = uniqueName('group'), clock?: () => Date) => {
    const consumer = new EventConsumer({
      clock,
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
  const send = (key: string, value: string, headers: Record<string, string> = { 'event-version': '1' }, partition?: number) =>
    producer.send({ topic: topic(), acks: -1, messages: [{ key, value, headers, partition }] });
  /** On a partition of the test's choosing, to put two keys on one partition or one key on two. */
  const sendTo = (partition: number, key: string, value: string) => send(key, value, { 'event-version': '1' }, partition);
  const appliedOf = async (contractId: string) => (await effects()).filter((row) => row.contract_id === contractId).map((row) => row.milestone_index);
  const anUpdate = (contractId: string, milestoneIndex: number) =>
    aMilestoneTriggeredForDisbursement({ id: newEventId(), data: { contract_id: contractId, milestone_index: milestoneIndex } });

  beforeEach(async () => {
    kit = await aMessagingTestKit(['milestone.status_updated']);
    producer = kit.kafka.producer({ idempotent: true, maxInFlightRequests: 1, createPartitioner: Partitioners.DefaultPartitioner });
    await producer.connect();
    failNext = () => undefined;
    readOnlyFor = () => false;
    ignoresHeaders = () => false;
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
    // given, on one partition: a message that is not JSON, one that breaks the schema, then a good one of another key
    const good = anUpdate('con_poison_next', 3);
    await sendTo(0, 'con_poison', '{not json');
    await sendTo(0, 'con_poison_schema', JSON.stringify({ ...anUpdate('con_poison_schema', 2), data: { ...good.data, amount_due_cents: '750000' } }));
    await sendTo(0, 'con_poison_next', JSON.stringify(good));
    // when the consumer runs
    const consumer = aConsumer();
    await consumer.start();
    // then the good message is applied
    await eventually(effects, (rows) => rows.length === 1, 'the good message to be applied');
    await expect(effects()).resolves.toEqual([{ event_id: good.id, contract_id: 'con_poison_next', milestone_index: 3 }]);
    // and both poison messages are on the dead-letter topic, original bytes and the reason in headers
    const deadLetters = await readAll(kit.kafka, kit.naming.deadLetterTopicOf(topic()), 2);
    expect(deadLetters.map((letter) => letter.value)).toEqual(['{not json', expect.stringContaining('"amount_due_cents":"750000"')]);
    expect(deadLetters[0].headers).toMatchObject({ [DEAD_LETTER_HEADERS.reason]: 'invalid_event', [DEAD_LETTER_HEADERS.sourceTopic]: topic() });
    expect(deadLetters[1].headers[DEAD_LETTER_HEADERS.error]).toContain('/data/amount_due_cents must be integer');
    expect(deadLetters[1].key).toBe('con_poison_schema');
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
    const updates = [anUpdate('con_retry', 1), anUpdate('con_retry', 2), anUpdate('con_retry_other', 3)];
    for (const update of updates) await sendTo(0, update.data.contract_id, JSON.stringify(update));
    // when the consumer runs
    const consumer = aConsumer();
    await consumer.start();
    // then milestone 1 succeeded on its third attempt, 2 was dead-lettered, and 3 (another key, same partition) was applied after it
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
    const next = anUpdate('con_rejection_next', 6);
    await sendTo(0, 'con_rejection', JSON.stringify(refused));
    await sendTo(0, 'con_rejection_next', JSON.stringify(next));
    // when the consumer runs
    const consumer = aConsumer();
    await consumer.start();
    // then the refusal is dead-lettered on its first attempt, without a retry, and the next event is applied
    await eventually(effects, (rows) => rows.length === 1, 'the event after the refusal');
    await expect(effects()).resolves.toEqual([{ event_id: next.id, contract_id: 'con_rejection_next', milestone_index: 6 }]);
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
    // and its key is no longer held back
    await eventually(() => listBlockedKeys(kit.dataSource, kit.schema, { consumerGroup: groupId }), (blocked) => blocked.length === 0, 'the key released');
  });

  it('retries a read-only database (25006) past the old five attempts, holding only that partition, and applies the event once', async () => {
    // given a database that refuses con_failover's writes as read-only (a demoted primary) until told otherwise
    let readOnly = true;
    readOnlyFor = (envelope) => readOnly && envelope.data.contract_id === 'con_failover';
    let now = Date.parse('2026-12-06T01:00:00Z');
    const stalled = anUpdate('con_failover', 1);
    await sendTo(0, 'con_failover', JSON.stringify(stalled));
    const consumer = aConsumer(uniqueName('group'), () => new Date(now));
    await consumer.start();
    // when it has failed more often than any bounded policy allows (3 here, 5 before)
    await eventually(async () => consumer.stats.infrastructureRetries, (retries) => retries >= 8, 'eight read-only failures');
    // then it is not dead-lettered, and the partition reports for how long it has been stalled
    expect(consumer.stats.deadLettered).toBe(0);
    now += 400_000;
    expect(consumer.stalledSeconds()).toBe(400);
    // and another partition flows meanwhile
    const elsewhere = anUpdate('con_flowing', 1);
    await sendTo(1, 'con_flowing', JSON.stringify(elsewhere));
    await eventually(() => appliedOf('con_flowing'), (applied) => applied.length === 1, 'the other partition to flow');
    await expect(appliedOf('con_failover')).resolves.toEqual([]);
    // when the database accepts writes again
    readOnly = false;
    // then the event is applied once, its after-commit effect ran once, nothing was dead-lettered, and the stall is over
    await eventually(() => appliedOf('con_failover'), (applied) => applied.length === 1, 'the stalled event applied');
    expect(afterCommitted.filter((id) => id === stalled.id)).toEqual([stalled.id]);
    expect(consumer.stats).toMatchObject({ applied: 2, deadLettered: 0 });
    expect(consumer.stalledSeconds()).toBe(0);
    await expect(messageCount(kit.kafka, kit.naming.deadLetterTopicOf(topic()))).resolves.toBe(0);
  });

  it('parks the later events of a dead-lettered key while other keys flow, and a replay applies the dead letter, then the parked ones in order', async () => {
    // given a handler refusing con_k's milestone 1 for now, and on partition 0: K1, K2, L1, K3, L2
    let refuse = true;
    failNext = (envelope) =>
      refuse && envelope.data.contract_id === 'con_k' && envelope.data.milestone_index === 1 ? new DomainRejection('conflict', 'milestone.not_ready', 'not yet') : undefined;
    for (const [key, index] of [['con_k', 1], ['con_k', 2], ['con_l', 1], ['con_k', 3], ['con_l', 2]] as const) {
      await sendTo(0, key, JSON.stringify(anUpdate(key, index)));
    }
    const groupId = uniqueName('group');
    const consumer = aConsumer(groupId);
    await consumer.start();
    // when the consumer runs
    await eventually(() => appliedOf('con_l'), (applied) => applied.length === 2, "con_l's events");
    // then K1 is dead-lettered, K2 and K3 wait parked, and con_l's events were applied past them
    await eventually(async () => consumer.stats.parked, (parked) => parked === 2, 'two parked events');
    await expect(appliedOf('con_k')).resolves.toEqual([]);
    // and a K event arriving on another partition (as another topic's would) waits behind them too
    await sendTo(3, 'con_k', JSON.stringify(anUpdate('con_k', 4)));
    await eventually(async () => consumer.stats.parked, (parked) => parked === 3, 'the third parked event');
    const parked = await listParkedEvents(kit.dataSource, kit.schema, { consumerGroup: groupId, key: 'con_k' });
    expect(parked.map((event) => [event.partition, JSON.parse(event.value?.toString() ?? '{}').data.milestone_index])).toEqual([
      [0, 2],
      [0, 3],
      [3, 4],
    ]);
    await expect(countParkedEvents(kit.dataSource, kit.schema)).resolves.toEqual(new Map([[groupId, 3]]));
    await expect(listBlockedKeys(kit.dataSource, kit.schema)).resolves.toEqual([
      expect.objectContaining({ consumerGroup: groupId, key: 'con_k', reason: 'permanent', deadLetterSource: expect.stringMatching(/\/0\/0$/) }),
    ]);
    // when the cause is fixed and the key's dead letter replayed
    refuse = false;
    const replayed = await replayDeadLetters({ kafka: kit.kafka, deadLetterTopic: kit.naming.deadLetterTopicOf(topic()), key: 'con_k', consumerGroup: groupId });
    expect(replayed).toEqual([expect.objectContaining({ key: 'con_k', consumerGroup: groupId })]);
    // then the dead letter is applied first, then the parked ones in their order, and nothing is left parked or held
    await eventually(() => appliedOf('con_k'), (applied) => applied.length === 4, "all of con_k's events");
    await expect(appliedOf('con_k')).resolves.toEqual([1, 2, 3, 4]);
    await eventually(() => countParkedEvents(kit.dataSource, kit.schema), (counts) => counts.size === 0, 'no parked events');
    await expect(listBlockedKeys(kit.dataSource, kit.schema)).resolves.toEqual([]);
    // and the key flows normally afterwards
    await sendTo(0, 'con_k', JSON.stringify(anUpdate('con_k', 5)));
    await eventually(() => appliedOf('con_k'), (applied) => applied.length === 5, "con_k's next event");
    expect(consumer.stats).toMatchObject({ released: 1, deadLettered: 1 });
  });

  it('discards a key\'s dead letter without applying it and releases the events parked behind it', async () => {
    // given con_d's milestone 1 refused for good, and milestones 2 and 3 parked behind it
    failNext = (envelope) => (envelope.data.contract_id === 'con_d' && envelope.data.milestone_index === 1 ? new PermanentEventError('never') : undefined);
    for (const index of [1, 2, 3]) await sendTo(0, 'con_d', JSON.stringify(anUpdate('con_d', index)));
    const groupId = uniqueName('group');
    const consumer = aConsumer(groupId);
    await consumer.start();
    await eventually(async () => consumer.stats.parked, (parked) => parked === 2, 'two parked events');
    // when an operator discards the key's dead letter
    await replayDeadLetters({ kafka: kit.kafka, deadLetterTopic: kit.naming.deadLetterTopicOf(topic()), key: 'con_d', consumerGroup: groupId, discard: true });
    // then the parked events are applied in order, the dead letter never, and the key is free
    await eventually(() => appliedOf('con_d'), (applied) => applied.length === 2, 'the parked events');
    await expect(appliedOf('con_d')).resolves.toEqual([2, 3]);
    await eventually(() => listBlockedKeys(kit.dataSource, kit.schema), (blocked) => blocked.length === 0, 'the key released');
    await expect(countParkedEvents(kit.dataSource, kit.schema)).resolves.toEqual(new Map());
    expect(consumer.stats).toMatchObject({ released: 1, deadLettered: 1 });
  });

  it('makes a parked event that fails in its turn the key\'s new dead letter, the rest staying parked behind it', async () => {
    // given con_p's milestones 1 and 2 both refused, and 3 behind them
    let refused = new Set([1, 2]);
    failNext = (envelope) => (envelope.data.contract_id === 'con_p' && refused.has(envelope.data.milestone_index) ? new PermanentEventError('no') : undefined);
    for (const index of [1, 2, 3]) await sendTo(0, 'con_p', JSON.stringify(anUpdate('con_p', index)));
    const groupId = uniqueName('group');
    const consumer = aConsumer(groupId);
    await consumer.start();
    await eventually(async () => consumer.stats.parked, (parked) => parked === 2, 'two parked events');
    // when milestone 1 is fixed and replayed
    refused = new Set([2]);
    await replayDeadLetters({ kafka: kit.kafka, deadLetterTopic: kit.naming.deadLetterTopicOf(topic()), key: 'con_p', consumerGroup: groupId });
    // then 1 is applied, 2 becomes the key's dead letter, and 3 stays parked behind it
    await eventually(async () => consumer.stats.deadLettered, (count) => count === 2, 'the second dead letter');
    await expect(appliedOf('con_p')).resolves.toEqual([1]);
    const parked = await listParkedEvents(kit.dataSource, kit.schema, { consumerGroup: groupId });
    expect(parked.map((event) => JSON.parse(event.value?.toString() ?? '{}').data.milestone_index)).toEqual([3]);
    // and once 2 is fixed, replaying the key's (latest) dead letter applies 2 then 3
    refused = new Set();
    await replayDeadLetters({ kafka: kit.kafka, deadLetterTopic: kit.naming.deadLetterTopicOf(topic()), key: 'con_p', consumerGroup: groupId });
    await eventually(() => appliedOf('con_p'), (applied) => applied.length === 3, "all of con_p's events");
    await expect(appliedOf('con_p')).resolves.toEqual([1, 2, 3]);
  });

  it('skips an event its handler ignores by its headers, without a transaction or an inbox row, and commits past it', async () => {
    // given a handler that ignores events whose header says they are not for it
    ignoresHeaders = (headers) => headers['milestone-status'] === 'irrelevant';
    const ignored = anUpdate('con_ignored', 1);
    const handled = anUpdate('con_ignored', 2);
    await send('con_ignored', JSON.stringify(ignored), { 'event-version': '1', 'milestone-status': 'irrelevant' });
    await send('con_ignored', JSON.stringify(handled));
    const groupId = uniqueName('group');
    const first = aConsumer(groupId);
    await first.start();
    // when the consumer reads both
    await eventually(() => appliedOf('con_ignored'), (applied) => applied.length === 1, 'the handled event');
    // then the ignored one had no effect and left no inbox row
    await expect(appliedOf('con_ignored')).resolves.toEqual([2]);
    expect(first.stats).toMatchObject({ ignored: 1, applied: 1 });
    await expect(kit.dataSource.query(`SELECT event_id FROM ${kit.schema}.inbox WHERE event_id = $1`, [ignored.id])).resolves.toEqual([]);
    // and its offset was committed: a restarted group reads neither again
    await first.stop();
    await sendTo(2, 'con_after', JSON.stringify(anUpdate('con_after', 1)));
    const second = aConsumer(groupId);
    await second.start();
    await eventually(() => appliedOf('con_after'), (applied) => applied.length === 1, 'the next event');
    expect(second.stats).toMatchObject({ ignored: 0, applied: 1, duplicates: 0 });
  });

  it('applies the messages of a fetched batch in one transaction, and again one by one when one of them fails', async () => {
    // given five events on one partition, waiting before the consumer starts (so they come in one fetch), then five more of which one fails once
    for (const index of [1, 2, 3, 4, 5]) await sendTo(4, 'con_batch', JSON.stringify(anUpdate('con_batch', index)));
    const groupId = uniqueName('group');
    const consumer = aConsumer(groupId);
    await consumer.start();
    await eventually(() => appliedOf('con_batch'), (applied) => applied.length === 5, 'the first five');
    // then their inbox rows were written by one transaction
    const transactions = async (from: number, to: number) =>
      kit.dataSource.query(
        `SELECT count(DISTINCT inbox.xmin::text)::int AS transactions FROM ${kit.schema}.inbox WHERE consumer_group = $1 AND kafka_offset BETWEEN $2 AND $3`,
        [groupId, from, to],
      );
    await expect(transactions(0, 4)).resolves.toEqual([{ transactions: 1 }]);
    // when a batch holds an event that fails once
    let failOnce = true;
    failNext = (envelope) => {
      if (envelope.data.contract_id !== 'con_batch' || envelope.data.milestone_index !== 8 || !failOnce) return undefined;
      failOnce = false;
      return new Error('deadlock-like hiccup');
    };
    await consumer.stop();
    for (const index of [6, 7, 8, 9, 10]) await sendTo(4, 'con_batch', JSON.stringify(anUpdate('con_batch', index)));
    const again = aConsumer(groupId);
    await again.start();
    // then every event is applied once, in order, and the failed batch was applied one by one
    await eventually(() => appliedOf('con_batch'), (applied) => applied.length === 10, 'all ten');
    await expect(appliedOf('con_batch')).resolves.toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    await expect(transactions(5, 9)).resolves.toEqual([{ transactions: 5 }]);
    expect(again.stats).toMatchObject({ applied: 5, duplicates: 0, retries: 0, deadLettered: 0 });
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
