import { aMilestoneTriggeredForDisbursement, type EventData } from '@mb/events';
import { InvalidEventError, OutboxRelay, OutboxWriter } from '../../src';
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

  const aRelay = () => {
    const relay = new OutboxRelay({ schema: kit.schema, dataSource: kit.dataSource, databaseUrl: kit.databaseUrl, kafka: kit.kafka, logger: kit.logger, pollIntervalMs: 200 });
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
});
