import { Partitioners, Producer, type Admin } from 'kafkajs';
import { aMilestoneTriggeredForDisbursement } from '@mb/events';
import { newEventId } from '@mb/kernel';
import { uniqueName } from '@mb/testing';
import { EventConsumer, EventHandler, OutboxRelay, OutboxWriter, readConsumerLag, readOutboxBacklog } from '../../src';
import { aMessagingTestKit, eventually, MessagingTestKit } from './messaging-test-kit';

/** What the services' gauges and dead-letter counter are read from, against the real stack. */
describe('outbox backlog, consumer lag and dead-letter notices', () => {
  let kit: MessagingTestKit;
  let admin: Admin;
  let producer: Producer;
  const stoppables: { stop(): Promise<void> }[] = [];

  const topic = () => kit.topicOf('milestone.status_updated');
  const anUpdate = (contractId: string) =>
    aMilestoneTriggeredForDisbursement({ id: newEventId(), data: { contract_id: contractId, milestone_index: 1 } });
  const totalLag = async (groupId: string) => (await readConsumerLag(admin, groupId, [topic()])).reduce((sum, { lag }) => sum + lag, 0);

  beforeEach(async () => {
    kit = await aMessagingTestKit(['milestone.status_updated'], 3);
    admin = kit.kafka.admin();
    await admin.connect();
    producer = kit.kafka.producer({ idempotent: true, maxInFlightRequests: 1, createPartitioner: Partitioners.DefaultPartitioner });
    await producer.connect();
  });

  afterEach(async () => {
    await Promise.all(stoppables.splice(0).map((part) => part.stop()));
    await producer?.disconnect();
    await admin?.disconnect();
    await kit?.close();
  });

  it('counts the outbox events not yet published and the age of the oldest, and reads zero once the relay has sent them', async () => {
    // given an empty outbox
    await expect(readOutboxBacklog(kit.dataSource, kit.schema)).resolves.toEqual({ pendingEvents: 0, oldestPendingAgeSeconds: 0, quarantinedEvents: 0 });

    // when three events are committed with no relay running, the first of them recorded 90 s ago
    const writer = new OutboxWriter({ schema: kit.schema, topicNaming: kit.naming });
    for (const contractId of ['con_backlog1', 'con_backlog2', 'con_backlog3']) {
      await kit.dataSource.transaction((manager) => writer.record(manager, 'milestone.status_updated', anUpdate(contractId).data, { causationId: newEventId() }));
    }
    await kit.dataSource.query(`UPDATE ${kit.schema}.outbox SET recorded_at = recorded_at - interval '90 seconds' WHERE partition_key = 'con_backlog1'`);

    // then the backlog is three events, the oldest at least 90 s old
    const backlog = await readOutboxBacklog(kit.dataSource, kit.schema);
    expect(backlog.pendingEvents).toBe(3);
    expect(backlog.oldestPendingAgeSeconds).toBeGreaterThanOrEqual(90);

    // and once a relay publishes them, nothing waits
    const relay = new OutboxRelay({ schema: kit.schema, dataSource: kit.dataSource, databaseUrl: kit.databaseUrl, kafka: kit.kafka, logger: kit.logger, pollIntervalMs: 200 });
    stoppables.push(relay);
    await relay.start();
    await expect(
      eventually(() => readOutboxBacklog(kit.dataSource, kit.schema), (now) => now.pendingEvents === 0, 'the outbox drained'),
    ).resolves.toEqual({ pendingEvents: 0, oldestPendingAgeSeconds: 0, quarantinedEvents: 0 });
  });

  it('reports a group that never committed as behind by every message, and caught up once it consumed them', async () => {
    // given five events on a topic of three partitions and a group that has not read any
    for (let index = 1; index <= 5; index += 1) {
      const event = anUpdate(`con_lag${index}`);
      await producer.send({ topic: topic(), acks: -1, messages: [{ key: event.data.contract_id, value: JSON.stringify(event), headers: { 'event-version': '1' } }] });
    }
    const groupId = uniqueName('lagging');

    // then its lag is one entry per partition, five messages in all
    const lags = await readConsumerLag(admin, groupId, [topic()]);
    expect(lags.map(({ partition }) => partition).sort()).toEqual([0, 1, 2]);
    expect(lags.every(({ topic: lagTopic }) => lagTopic === topic())).toBe(true);
    expect(await totalLag(groupId)).toBe(5);

    // when the group consumes them and commits
    const handler: EventHandler<'milestone.status_updated'> = { event: 'milestone.status_updated', handle: async () => undefined };
    const consumer = new EventConsumer({ kafka: kit.kafka, dataSource: kit.dataSource, schema: kit.schema, groupId, handlers: [handler], logger: kit.logger, topicNaming: kit.naming });
    stoppables.push(consumer);
    await consumer.start();

    // then it is not behind at all
    await expect(eventually(() => totalLag(groupId), (lag) => lag === 0, 'the group caught up')).resolves.toBe(0);
  });

  it('tells its owner of each dead letter with the group and source topic, after the dead letter is written', async () => {
    // given a consumer whose owner listens for dead letters, and a message that is not JSON
    const notices: { consumerGroup: string; sourceTopic: string; reason: string }[] = [];
    const groupId = uniqueName('poisoned');
    const handler: EventHandler<'milestone.status_updated'> = { event: 'milestone.status_updated', handle: async () => undefined };
    const consumer = new EventConsumer({
      kafka: kit.kafka,
      dataSource: kit.dataSource,
      schema: kit.schema,
      groupId,
      handlers: [handler],
      logger: kit.logger,
      topicNaming: kit.naming,
      onDeadLettered: (notice) => notices.push(notice),
    });
    stoppables.push(consumer);
    expect(consumer.subscription).toEqual({ groupId, topics: [topic()] });
    await producer.send({ topic: topic(), acks: -1, messages: [{ key: 'con_poison', value: '{not json' }] });

    // when the consumer reads it
    await consumer.start();

    // then the owner heard of exactly that dead letter
    await eventually(async () => notices.length, (count) => count === 1, 'one dead-letter notice');
    expect(notices).toEqual([{ consumerGroup: groupId, sourceTopic: topic(), reason: 'invalid_event' }]);
    expect(consumer.stats.deadLettered).toBe(1);
  });
});
