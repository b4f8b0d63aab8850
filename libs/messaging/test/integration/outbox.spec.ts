import { Client } from 'pg';
import type { Kafka, Producer } from 'kafkajs';
import { aMilestoneTriggeredForDisbursement, type EventData } from '@mb/events';
import { createTestTopics } from '@mb/testing';
import {
  discardQuarantinedOutboxRows,
  InvalidEventError,
  listQuarantinedOutboxRows,
  OutboxRelay,
  type OutboxRelayOptions,
  OutboxWriter,
  purgeMessagingTables,
  readOutboxBacklog,
  replayQuarantinedOutboxRows,
} from '../../src';
import { aMessagingTestKit, eventually, messageCount, MessagingTestKit, readAll } from './messaging-test-kit';

const milestoneUpdate = (contractId: string, milestoneIndex = 1): EventData<'milestone.status_updated'> => ({
  ...aMilestoneTriggeredForDisbursement().data,
  contract_id: contractId,
  milestone_index: milestoneIndex,
});

describe('transactional outbox', () => {
  let kit: MessagingTestKit;
  let writer: OutboxWriter;
  const relays: OutboxRelay[] = [];
  /** Lets a relay a test froze finish, so that it can stop. */
  let thawFrozenRelays = () => undefined as void;

  const aRelay = (options: Partial<OutboxRelayOptions> = {}) => {
    const relay = new OutboxRelay({ schema: kit.schema, dataSource: kit.dataSource, databaseUrl: kit.databaseUrl, kafka: kit.kafka, logger: kit.logger, pollIntervalMs: 200, ...options });
    relays.push(relay);
    return relay;
  };
  const pending = async () => Number((await kit.dataSource.query(`SELECT count(*) AS n FROM ${kit.schema}.outbox WHERE published_at IS NULL`))[0].n);
  /** A producer's use case: a state change and the event announcing it, in one transaction. */
  const changeAndAnnounce = (contractId: string, data = milestoneUpdate(contractId)) =>
    kit.dataSource.transaction(async (manager) => {
      await manager.query(`INSERT INTO ${kit.schema}.ledger (contract_id, amount_cents) VALUES ($1, $2)`, [contractId, 750_000]);
      return writer.record(manager, 'milestone.status_updated', data, { causationId: 'evt_01JWA5Q8RMB6Y3N0J2K4P7T9VX' });
    });

  beforeEach(async () => {
    kit = await aMessagingTestKit(['milestone.status_updated']);
    writer = new OutboxWriter({ schema: kit.schema, topicNaming: kit.naming });
  });

  afterEach(async () => {
    thawFrozenRelays();
    await Promise.all(relays.splice(0).map((relay) => relay.stop()));
    await kit?.close();
  });

  it('publishes a committed change exactly once, keyed by contract, with its metadata headers', async () => {
    // given a running relay
    const relay = aRelay();
    await relay.start();
    // when a change commits with its event
    const envelope = await changeAndAnnounce('con_exactlyonce');
    // then the event reaches its topic once, after the relay marked it published
    await eventually(pending, (count) => count === 0, 'the outbox row to be published');
    await relay.stop();
    const topic = kit.topicOf('milestone.status_updated');
    await expect(messageCount(kit.kafka, topic)).resolves.toBe(1);
    const [message] = await readAll(kit.kafka, topic, 1);
    expect(JSON.parse(message.value)).toEqual(envelope);
    expect(message.key).toBe('con_exactlyonce');
    expect(message.headers).toMatchObject({
      'content-type': 'application/json',
      'event-version': '1',
      producer: 'milestone-service',
      'causation-id': 'evt_01JWA5Q8RMB6Y3N0J2K4P7T9VX',
      // copied from data.status, so consumers can skip statuses they ignore without parsing
      'milestone-status': envelope.data.status,
    });
    expect(message.headers.traceparent).toMatch(/^00-[0-9a-f]{32}-[0-9a-f]{16}-[0-9a-f]{2}$/);
  });

  it('publishes after restart what was committed while the relay was stopped', async () => {
    // given a change committed while no relay runs
    await changeAndAnnounce('con_relaydown');
    const topic = kit.topicOf('milestone.status_updated');
    await expect(messageCount(kit.kafka, topic)).resolves.toBe(0);
    await expect(pending()).resolves.toBe(1);
    // when the relay starts again
    const relay = aRelay();
    await relay.start();
    // then the event is published, once
    await eventually(pending, (count) => count === 0, 'the backlog to drain');
    await relay.stop();
    await expect(messageCount(kit.kafka, topic)).resolves.toBe(1);
  });

  it('drains what is committed when it stops', async () => {
    // given a relay that is running but has not looked yet (long poll, no time to react)
    const relay = aRelay();
    await relay.start();
    await Promise.all(Array.from({ length: 20 }, (_, index) => changeAndAnnounce(`con_drain${index}`)));
    // when it is stopped at once
    await relay.stop();
    // then nothing committed is left behind
    await expect(pending()).resolves.toBe(0);
    await expect(messageCount(kit.kafka, kit.topicOf('milestone.status_updated'))).resolves.toBe(20);
  });

  it('rolls back the caller\'s state change when its event does not match the schema', async () => {
    // given an event whose amount is not a whole number of cents
    const invalid = { ...milestoneUpdate('con_invalid'), amount_due_cents: 1.5 };
    // when the use case records it with its change, then the producer refuses it naming the field
    const attempt = changeAndAnnounce('con_invalid', invalid);
    await expect(attempt).rejects.toThrow(InvalidEventError);
    await expect(changeAndAnnounce('con_invalid2', invalid)).rejects.toThrow('/data/amount_due_cents must be integer');
    // and neither the state change nor the event was kept
    await expect(kit.dataSource.query(`SELECT * FROM ${kit.schema}.ledger`)).resolves.toEqual([]);
    await expect(kit.dataSource.query(`SELECT * FROM ${kit.schema}.outbox`)).resolves.toEqual([]);
  });

  it('refuses to record an event outside a transaction', async () => {
    await expect(writer.record(kit.dataSource.manager, 'milestone.status_updated', milestoneUpdate('con_notx'))).rejects.toThrow(
      'must be recorded inside the transaction',
    );
  });

  it('lets only one relay of a schema publish at a time, and the standby takes over', async () => {
    // given two relays of the same service
    const first = aRelay();
    const second = aRelay();
    await first.start();
    await eventually(async () => first.isLeader, Boolean, 'the first relay to lead');
    await second.start();
    // then only one leads
    await changeAndAnnounce('con_leader1');
    await eventually(pending, (count) => count === 0, 'the first event to be published');
    expect(second.isLeader).toBe(false);
    // when the leader stops, the standby publishes the next event
    await first.stop();
    await changeAndAnnounce('con_leader2');
    await eventually(pending, (count) => count === 0, 'the standby to publish', 15_000);
    expect(second.isLeader).toBe(true);
    await expect(messageCount(kit.kafka, kit.topicOf('milestone.status_updated'))).resolves.toBe(2);
  });

  /** A transaction left open, to commit later: a use case still working while another commits. */
  const anOpenTransaction = async () => {
    const runner = kit.dataSource.createQueryRunner();
    await runner.connect();
    await runner.startTransaction();
    return {
      record: (contractId: string, milestoneIndex: number) => writer.record(runner.manager, 'milestone.status_updated', milestoneUpdate(contractId, milestoneIndex)),
      commit: async () => {
        await runner.commitTransaction();
        await runner.release();
      },
    };
  };
  /** An outbox row written as a producer would, bypassing the writer's schema check (for what Kafka refuses). */
  const recordRaw = (eventId: string, topic: string, key: string, payload: string) =>
    kit.dataSource.transaction((manager) =>
      manager.query(`INSERT INTO ${kit.schema}.outbox (event_id, topic, partition_key, payload, headers) VALUES ($1, $2, $3, $4, '{}')`, [eventId, topic, key, payload]),
    );
  const publishedAt = async (eventId: string) =>
    ((await kit.dataSource.query(`SELECT published_at FROM ${kit.schema}.outbox WHERE event_id = $1`, [eventId])) as { published_at: Date | null }[])[0].published_at;
  const eventIdsOn = async (topic: string, expected: number) => (await readAll(kit.kafka, topic, expected)).map((message) => JSON.parse(message.value).id as string);
  const firstOccurrences = (ids: readonly string[]) => ids.filter((id, index) => ids.indexOf(id) === index);

  it('publishes a key\'s events in the order their transactions committed, not the order they were written', async () => {
    // given two transactions on one contract: the first writes its event first but commits last
    const slow = await anOpenTransaction();
    const fast = await anOpenTransaction();
    const writtenFirst = await slow.record('con_commitorder', 1);
    const writtenSecond = await fast.record('con_commitorder', 2);
    await fast.commit();
    await slow.commit();
    // when the relay publishes
    const relay = aRelay();
    await relay.start();
    await eventually(pending, (count) => count === 0, 'both events to be published');
    await relay.stop();
    // then the consumer of the contract's partition reads them in commit order
    await expect(eventIdsOn(kit.topicOf('milestone.status_updated'), 2)).resolves.toEqual([writtenSecond.id, writtenFirst.id]);
    const positions = (await kit.dataSource.query(`SELECT event_id FROM ${kit.schema}.outbox ORDER BY position`)) as { event_id: string }[];
    expect(positions.map((row) => row.event_id)).toEqual([writtenSecond.id, writtenFirst.id]);
  });

  it('notifies the relay once per transaction, however many events it records', async () => {
    // given a session listening on the schema's outbox channel
    const listener = new Client({ connectionString: kit.databaseUrl });
    await listener.connect();
    const notifications: string[] = [];
    listener.on('notification', (notification) => notifications.push(notification.channel));
    await listener.query(`LISTEN outbox_${kit.schema}`);
    try {
      // when one transaction records three events and another records one
      await kit.dataSource.transaction(async (manager) => {
        for (const index of [1, 2, 3]) await writer.record(manager, 'milestone.status_updated', milestoneUpdate('con_notify', index));
      });
      await changeAndAnnounce('con_notify2');
      // then the relay's channel hears two notifications, one per commit
      await eventually(async () => notifications.length, (count) => count >= 2, 'the notifications');
      await listener.query('SELECT 1'); // a round trip, for any late notification to arrive
      expect(notifications).toEqual([`outbox_${kit.schema}`, `outbox_${kit.schema}`]);
    } finally {
      await listener.end();
    }
  });

  it('quarantines a row Kafka refuses as too large, holds the later rows of its key, publishes the rest, and lets it be discarded', async () => {
    // given an event too large for the broker, a later event of the same contract, and events of other contracts
    const topic = kit.topicOf('milestone.status_updated');
    const oversized = JSON.stringify({ id: 'evt_oversized', padding: 'x'.repeat(1_200_000) });
    await changeAndAnnounce('con_before');
    await recordRaw('evt_oversized', topic, 'con_big', oversized);
    const heldBehind = await changeAndAnnounce('con_big');
    const others = await Promise.all([changeAndAnnounce('con_other1'), changeAndAnnounce('con_other2')]);
    // when the relay publishes
    const relay = aRelay();
    await relay.start();
    // then the oversized row is set aside with Kafka's error, and only the later row of its key waits
    await eventually(pending, (count) => count === 2, 'all but the refused row and the one behind it to be published');
    const [quarantined] = await listQuarantinedOutboxRows(kit.dataSource, { schema: kit.schema });
    expect(quarantined).toMatchObject({ eventId: 'evt_oversized', topic, partitionKey: 'con_big', heldBehind: 1 });
    expect(quarantined.error).toMatch(/MESSAGE_TOO_LARGE|RECORD_LIST_TOO_LARGE/);
    await expect(readOutboxBacklog(kit.dataSource, kit.schema)).resolves.toMatchObject({ pendingEvents: 2, quarantinedEvents: 1 });
    await expect(publishedAt(heldBehind.id)).resolves.toBeNull();
    for (const other of others) await expect(publishedAt(other.id)).resolves.not.toBeNull();
    // when the operator discards it, the event held behind it flows
    await expect(discardQuarantinedOutboxRows(kit.dataSource, { schema: kit.schema, eventId: 'evt_oversized' })).resolves.toEqual(['evt_oversized']);
    await eventually(pending, (count) => count === 0, 'the held event to be published');
    await relay.stop();
    const published = await eventIdsOn(topic, 4);
    expect(published).toHaveLength(4);
    expect(published).toContain(heldBehind.id);
    expect(published).not.toContain('evt_oversized');
    await expect(readOutboxBacklog(kit.dataSource, kit.schema)).resolves.toMatchObject({ pendingEvents: 0, quarantinedEvents: 0 });
  });

  it('quarantines rows for a topic that does not exist and publishes them, in order, once it is created and replayed', async () => {
    // given an event for a topic not yet created, then a later one of the same key, and one for an existing topic
    const missingTopic = `${kit.schema}.not-yet-created`;
    await recordRaw('evt_missing1', missingTopic, 'con_missing', JSON.stringify({ id: 'evt_missing1' }));
    await recordRaw('evt_missing2', missingTopic, 'con_missing', JSON.stringify({ id: 'evt_missing2' }));
    const flowing = await changeAndAnnounce('con_flowing');
    const relay = aRelay();
    await relay.start();
    // then the other topic's event is published while the missing topic's rows are set aside
    await eventually(() => publishedAt(flowing.id), (at) => at !== null, 'the event of the existing topic to be published', 60_000);
    const quarantined = await eventually(
      () => listQuarantinedOutboxRows(kit.dataSource, { schema: kit.schema }),
      (rows) => rows.length > 0,
      'the missing topic\'s rows to be quarantined',
      60_000,
    );
    expect(quarantined[0]).toMatchObject({ eventId: 'evt_missing1', topic: missingTopic });
    expect(quarantined[0].error).toMatch(/UNKNOWN_TOPIC_OR_PARTITION/);
    // when the topic is created and the operator replays the quarantined rows
    await createTestTopics(kit.kafka, [{ topic: missingTopic, numPartitions: 3 }]);
    await expect(replayQuarantinedOutboxRows(kit.dataSource, { schema: kit.schema })).resolves.toEqual(quarantined.map((row) => row.eventId));
    // then both are published, in their order
    await eventually(pending, (count) => count === 0, 'the replayed rows to be published', 60_000);
    await relay.stop();
    await expect(eventIdsOn(missingTopic, 2)).resolves.toEqual(['evt_missing1', 'evt_missing2']);
  }, 180_000);

  it('bounds a batch by bytes as well as rows', async () => {
    // given events that together are larger than a batch may be
    const events = await Promise.all(Array.from({ length: 6 }, (_, index) => changeAndAnnounce(`con_bytes${index}`)));
    const eventBytes = Number((await kit.dataSource.query(`SELECT max(octet_length(payload)) AS bytes FROM ${kit.schema}.outbox`))[0].bytes);
    // when a relay whose batches hold about two of them publishes one batch
    const relay = aRelay({ maxBatchBytes: eventBytes * 2 + 600 });
    await relay.start();
    await eventually(async () => relay.isLeader, Boolean, 'the relay to lead');
    await eventually(pending, (count) => count === 0, 'all events to be published');
    await relay.stop();
    // then all are published, in several sends: each batch's rows share one published_at instant at most two apart
    const batches = (await kit.dataSource.query(`SELECT count(DISTINCT published_at)::int AS n FROM ${kit.schema}.outbox`))[0].n;
    expect(batches).toBeGreaterThanOrEqual(3);
    await expect(messageCount(kit.kafka, kit.topicOf('milestone.status_updated'))).resolves.toBe(events.length);
  });

  it('replaces a frozen leader within its lease, and the frozen leader\'s late batch neither marks rows nor reorders a key', async () => {
    // given a leader whose sends can be frozen (as if SIGSTOPped in the middle of a batch)
    let thaw: () => void = () => undefined;
    thawFrozenRelays = () => thaw();
    let frozen: Promise<void> | undefined;
    let freezeAtNextSend = false;
    const freezable = {
      producer: (config: Parameters<Kafka['producer']>[0]): Producer => {
        const producer = kit.kafka.producer(config);
        return {
          ...producer,
          sendBatch: async (batch) => {
            if (freezeAtNextSend) {
              freezeAtNextSend = false;
              frozen = new Promise((resolve) => (thaw = resolve));
            }
            if (frozen) await frozen;
            return producer.sendBatch(batch);
          },
        };
      },
    } as unknown as Kafka;
    // and whose database calls freeze with it (its lease keepalive among them)
    const freezableDatabase = new Proxy(kit.dataSource, {
      get: (target, property) =>
        property === 'query'
          ? async (...query: Parameters<typeof target.query>) => {
              if (frozen) await frozen;
              return target.query(...query);
            }
          : Reflect.get(target, property),
    });
    const stale = aRelay({ kafka: freezable, dataSource: freezableDatabase, leaseMs: 3000 });
    await stale.start();
    await eventually(async () => stale.isLeader, Boolean, 'the first relay to lead');
    const standby = aRelay({ leaseMs: 3000 });
    await standby.start();
    // when the leader freezes while sending an event of a contract
    freezeAtNextSend = true;
    const first = await changeAndAnnounce('con_frozen');
    await eventually(async () => frozen !== undefined, Boolean, 'the leader to freeze in the middle of sending it');
    // then the standby takes over once the lease expires and publishes it and the contract's next event
    await eventually(async () => standby.isLeader, Boolean, 'the standby to take over', 15_000);
    await eventually(() => publishedAt(first.id), (at) => at !== null, 'the first event to be published by the new leader');
    const second = await kit.dataSource.transaction((manager) => writer.record(manager, 'milestone.status_updated', milestoneUpdate('con_frozen', 2)));
    await eventually(pending, (count) => count === 0, 'the second event to be published');
    const markedBy = { first: await publishedAt(first.id), second: await publishedAt(second.id) };
    // when the frozen leader wakes and finishes its batch
    thaw();
    await eventually(async () => stale.isLeader, (leads) => !leads, 'the stale leader to find it lost the lease');
    // then it marked nothing, and the contract's events reach consumers first in commit order
    await expect(publishedAt(first.id)).resolves.toEqual(markedBy.first);
    await expect(publishedAt(second.id)).resolves.toEqual(markedBy.second);
    const ids = await eventIdsOn(kit.topicOf('milestone.status_updated'), 3);
    expect(firstOccurrences(ids)).toEqual([first.id, second.id]);
    expect(standby.isLeader).toBe(true);
  });

  it('retention deletes only published outbox rows and inbox rows older than their retention, in batches', async () => {
    // given outbox rows published long ago and lately, and rows never published (pending, quarantined), all old
    for (const id of ['evt_oldpub1', 'evt_oldpub2', 'evt_oldpub3', 'evt_newpub', 'evt_oldpending', 'evt_oldquarantined']) {
      await recordRaw(id, kit.topicOf('milestone.status_updated'), 'con_retention', JSON.stringify({ id }));
    }
    await kit.dataSource.query(`UPDATE ${kit.schema}.outbox SET recorded_at = clock_timestamp() - interval '30 days'`);
    await kit.dataSource.query(`UPDATE ${kit.schema}.outbox SET published_at = clock_timestamp() - interval '8 days' WHERE event_id LIKE 'evt_oldpub%'`);
    await kit.dataSource.query(`UPDATE ${kit.schema}.outbox SET published_at = clock_timestamp() - interval '1 day' WHERE event_id = 'evt_newpub'`);
    await kit.dataSource.query(`UPDATE ${kit.schema}.outbox SET quarantined_at = clock_timestamp() - interval '20 days', quarantine_error = 'MESSAGE_TOO_LARGE' WHERE event_id = 'evt_oldquarantined'`);
    // and inbox rows processed 40 days ago and yesterday
    await kit.dataSource.query(
      `INSERT INTO ${kit.schema}.inbox (consumer_group, event_id, topic, kafka_partition, kafka_offset, processed_at)
       VALUES ('g', 'evt_in_old1', 't', 0, 1, clock_timestamp() - interval '40 days'),
              ('g', 'evt_in_old2', 't', 0, 2, clock_timestamp() - interval '40 days'),
              ('g', 'evt_in_new', 't', 0, 3, clock_timestamp() - interval '1 day')`,
    );
    // when the purge runs with 7 days for published rows and 35 for the inbox, two rows per batch
    const purged = await purgeMessagingTables(kit.dataSource, kit.schema, { publishedOutboxDays: 7, inboxDays: 35, batchSize: 2 });
    // then only the old published rows and the old inbox rows are gone
    expect(purged).toEqual({ outboxRowsDeleted: 3, inboxRowsDeleted: 2 });
    const outbox = (await kit.dataSource.query(`SELECT event_id FROM ${kit.schema}.outbox ORDER BY event_id`)) as { event_id: string }[];
    expect(outbox.map((row) => row.event_id)).toEqual(['evt_newpub', 'evt_oldpending', 'evt_oldquarantined']);
    const inbox = (await kit.dataSource.query(`SELECT event_id FROM ${kit.schema}.inbox`)) as { event_id: string }[];
    expect(inbox.map((row) => row.event_id)).toEqual(['evt_in_new']);
  });
});
