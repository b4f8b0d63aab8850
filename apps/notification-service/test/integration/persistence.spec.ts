import { randomInt, randomUUID } from 'node:crypto';
import { aValidEvent } from '@mb/events';
import { newEventId, newId } from '@mb/kernel';
import { createLogger } from '@mb/observability';
import { TypeOrmUnitOfWork } from '@mb/messaging';
import { createServiceDataSource, migrate, SecretKeyring } from '@mb/platform';
import { testServiceDatabaseUrl, testServiceMigrationDatabaseUrl } from '@mb/testing';
import type { DataSource } from 'typeorm';
import { Delivery } from '../../src/domain/delivery/delivery';
import { retryPolicy } from '../../src/domain/delivery/retry-policy';
import { WebhookSubscription } from '../../src/domain/webhook-subscription/webhook-subscription';
import { TypeOrmDeliveryQueries } from '../../src/infrastructure/persistence/typeorm-delivery.queries';
import { TypeOrmDeliveryRepository } from '../../src/infrastructure/persistence/typeorm-delivery.repository';
import { TypeOrmParkedNoticeRepository } from '../../src/infrastructure/persistence/typeorm-parked-notice.repository';
import { TypeOrmRecipientDirectory } from '../../src/infrastructure/persistence/typeorm-recipient-directory.repository';
import { SubscribedEventsCache } from '../../src/infrastructure/persistence/subscribed-events.cache';
import { TypeOrmWebhookSubscriptionRepository } from '../../src/infrastructure/persistence/typeorm-webhook-subscription.repository';
import { notificationMigrations } from '../../src/infrastructure/persistence/migrations';
import { EncryptedWebhookSecrets1765100000000 } from '../../src/infrastructure/persistence/migrations/1765100000000-encrypted-webhook-secrets';
import { notificationServiceDefinition } from '../../src/notification-service.definition';
import { TEST_SECRET_KEYS } from './notification-test-kit';

/**
 * The repositories against the real tables. Deliveries here are planned without a timer and fall
 * due in 2098 or 2099, so a notification service running beside these tests never sends them (one
 * that starts sets their timers, for then).
 */
describe('notification-service persistence', () => {
  const future = new Date('2099-01-01T00:00:00Z');
  let dataSource: DataSource;
  let unitOfWork: TypeOrmUnitOfWork;
  let deliveries: TypeOrmDeliveryRepository;

  beforeAll(async () => {
    // Migrated as the schema's owner, as a service does at start (the runtime role has no DDL), so
    // that this file passes whether or not a service of another file started first.
    const owner = createServiceDataSource({
      url: testServiceMigrationDatabaseUrl('notification-service'),
      schema: notificationServiceDefinition.schema,
      entities: notificationServiceDefinition.entities,
      migrations: notificationMigrations(SecretKeyring.parse(TEST_SECRET_KEYS)),
      applicationName: 'notification-persistence-test-migrations',
    });
    await owner.initialize();
    await migrate(owner, notificationServiceDefinition.schema);
    await owner.destroy();
    dataSource = createServiceDataSource({
      url: testServiceDatabaseUrl('notification-service'),
      schema: notificationServiceDefinition.schema,
      entities: notificationServiceDefinition.entities,
      migrations: [],
      applicationName: 'notification-persistence-test',
    });
    await dataSource.initialize();
    unitOfWork = new TypeOrmUnitOfWork(dataSource);
    deliveries = new TypeOrmDeliveryRepository(unitOfWork);
  });

  afterAll(async () => {
    await dataSource?.destroy();
  });

  function anEmail(eventId: string, recipient = 'ap@acme.example', now = future) {
    return Delivery.plan({
      id: newId('dlv'),
      eventId,
      eventName: 'invoice.issued',
      channel: 'email',
      recipient,
      payload: { subject: 'Invoice INV-2026-000042', text: 'Dear Acme Corp' },
      now,
    });
  }

  it('plans one message per event, channel and recipient, and keeps its content as planned', async () => {
    // given an email planned for an event
    const eventId = newEventId();
    const first = anEmail(eventId);
    expect(await unitOfWork.run(() => deliveries.planOnce(first))).toBe(true);
    // when the same message is planned again under another id, and one to another recipient
    expect(await unitOfWork.run(() => deliveries.planOnce(anEmail(eventId)))).toBe(false);
    expect(await unitOfWork.run(() => deliveries.planOnce(anEmail(eventId, 'finance@acme.example')))).toBe(true);
    // then the event has two deliveries, the first exactly as planned
    const found = await new TypeOrmDeliveryQueries(unitOfWork).ofEvent(eventId);
    expect(found.map(({ delivery }) => delivery.recipient)).toEqual(['ap@acme.example', 'finance@acme.example']);
    expect(found[0]).toEqual({ delivery: first.snapshot(), attempts: [] });
  });

  it('saves each attempt with the delivery, and lists them in order', async () => {
    // given a planned email
    const eventId = newEventId();
    const planned = anEmail(eventId);
    await unitOfWork.run(() => deliveries.planOnce(planned));
    // when a first attempt fails and a second succeeds, each under the row's lock
    for (const outcome of ['failed', 'sent'] as const) {
      await unitOfWork.run(async () => {
        const delivery = await deliveries.lockById(planned.id);
        if (!delivery) throw new Error('the planned delivery is missing');
        const at = new Date(future.getTime() + 60_000);
        const attempt =
          outcome === 'sent' ? delivery.recordSuccess(at, 250) : delivery.recordFailure(at, { error: '421 try later', statusCode: 421 }, retryPolicy(1000));
        await deliveries.saveAttempt(delivery, attempt);
      });
    }
    // then the delivery is sent after two attempts, both logged
    const [{ delivery, attempts }] = await new TypeOrmDeliveryQueries(unitOfWork).ofEvent(eventId);
    expect(delivery).toMatchObject({ status: 'sent', attempts: 2, lastError: null, nextAttemptAt: null, sentAt: new Date(future.getTime() + 60_000) });
    expect(attempts.map((attempt) => [attempt.attemptNumber, attempt.outcome, attempt.statusCode, attempt.error])).toEqual([
      [1, 'failed', 421, '421 try later'],
      [2, 'sent', 250, null],
    ]);
    // and locking one takes a unit of work; an unknown one is null
    await expect(deliveries.lockById(planned.id)).rejects.toThrow(/no unit of work is open/);
    expect(await unitOfWork.run(() => deliveries.lockById('dlv_unknown'))).toBeNull();
  });

  it('records the send in flight when its subscription was disabled: the claim still finds the cancelled row, and an accepted send makes it sent', async () => {
    // given a webhook delivery claimed for a send
    const eventId = newEventId();
    const subscriptionId = newId('whs');
    const planned = Delivery.plan({ id: newId('dlv'), eventId, eventName: 'invoice.paid', channel: 'webhook', recipient: 'https://erp.example/hooks', payload: { subscriptionId, body: '{}' }, now: future });
    await unitOfWork.run(() => deliveries.planOnce(planned));
    const token = randomUUID();
    expect(await unitOfWork.run(() => deliveries.claim(planned.id, token, 60_000))).toBe(true);
    // when its subscription is disabled meanwhile (its open deliveries cancelled), and the send is then accepted
    expect(await unitOfWork.run(() => deliveries.cancelOpen(subscriptionId, 'subscription_disabled'))).toBe(1);
    await unitOfWork.run(async () => {
      const delivery = await deliveries.lockClaimed(planned.id, token);
      if (!delivery) throw new Error('the claim no longer finds the cancelled delivery');
      await deliveries.saveAttempt(delivery, delivery.recordSuccess(new Date(future.getTime() + 1000), 204));
    });
    // then it is sent, its attempt logged
    const [{ delivery, attempts }] = await new TypeOrmDeliveryQueries(unitOfWork).ofEvent(eventId);
    expect(delivery).toMatchObject({ status: 'sent', attempts: 1, lastError: null, nextAttemptAt: null });
    expect(attempts.map((attempt) => [attempt.outcome, attempt.statusCode])).toEqual([['sent', 204]]);
  });

  it("pages through the pending deliveries' next attempts in (next attempt, id) order, leaving the settled ones out", async () => {
    // given two deliveries due at one instant (of 2098, a second no other test picks), a third a
    // millisecond later, and a fourth at the first instant that was sent
    const instant = new Date(Date.UTC(2098, 0, 1) + randomInt(0, 900_000_000) * 1000);
    const [first, second] = [anEmail(newEventId(), 'a@acme.example', instant), anEmail(newEventId(), 'b@acme.example', instant)].sort((a, b) => (a.id < b.id ? -1 : 1));
    const third = anEmail(newEventId(), 'c@acme.example', new Date(instant.getTime() + 1));
    const sent = anEmail(newEventId(), 'd@acme.example', instant);
    await unitOfWork.run(async () => {
      for (const delivery of [third, second, sent, first]) await deliveries.planOnce(delivery);
    });
    await unitOfWork.run(async () => {
      const delivery = await deliveries.lockById(sent.id);
      if (!delivery) throw new Error('the planned delivery is missing');
      await deliveries.saveAttempt(delivery, delivery.recordSuccess(instant, 250));
    });
    // when they are read a page of two from just before the instant, then a page of one after the last read
    const justBefore = { deliveryId: '', nextAttemptAt: new Date(instant.getTime() - 1) };
    const page = await deliveries.pendingAttempts(justBefore, 2);
    const next = await deliveries.pendingAttempts(page[page.length - 1], 1);
    // then the pending ones come in order, each once, and the sent one not at all
    expect([...page, ...next]).toEqual([
      { deliveryId: first.id, nextAttemptAt: instant },
      { deliveryId: second.id, nextAttemptAt: instant },
      { deliveryId: third.id, nextAttemptAt: new Date(instant.getTime() + 1) },
    ]);
  });

  it('keeps the AP contact known before when a later contract event names none', async () => {
    // given a client known with its AP contact
    const directory = new TypeOrmRecipientDirectory(unitOfWork);
    const clientId = newId('cli');
    await unitOfWork.run(() => directory.rememberClient({ clientId, clientName: 'Acme Corp', apEmail: 'ap@acme.example', approverEmail: 'pm@acme.example', language: 'de' }, future));
    // when it is remembered again without name or email, under its lock
    await unitOfWork.run(async () => {
      await directory.lockClient(clientId);
      await directory.rememberClient({ clientId, clientName: null, apEmail: null, approverEmail: null }, future);
    });
    // then both are kept
    expect(await directory.findClient(clientId)).toEqual({ clientId, clientName: 'Acme Corp', apEmail: 'ap@acme.example', approverEmail: 'pm@acme.example', language: 'de' });
    expect(await directory.findClient(newId('cli'))).toBeNull();
  });

  it("replaces a contract's title when a later contract event names another", async () => {
    const directory = new TypeOrmRecipientDirectory(unitOfWork);
    const contractId = newId('con');
    const clientId = newId('cli');
    await unitOfWork.run(() => directory.rememberContract({ contractId, clientId, title: 'Warehouse robotics' }, future));
    await unitOfWork.run(() => directory.rememberContract({ contractId, clientId, title: 'Warehouse robotics, phase 2' }, future));
    expect(await directory.findContract(contractId)).toEqual({ contractId, clientId, title: 'Warehouse robotics, phase 2' });
  });

  it('parks a notice once, hands back the envelope as received, and forgets it when unparked', async () => {
    // given two notices parked for a client, the first one twice
    const parkedNotices = new TypeOrmParkedNoticeRepository(unitOfWork);
    const clientId = newId('cli');
    const issued = aValidEvent('invoice.issued', { id: newEventId(), data: { client_id: clientId } });
    const opened = aValidEvent('collections.case_opened', { id: newEventId(), data: { client_id: clientId } });
    await unitOfWork.run(async () => {
      await parkedNotices.park(clientId, issued, future);
      await parkedNotices.park(clientId, issued, new Date(future.getTime() + 2000));
      await parkedNotices.park(clientId, opened, new Date(future.getTime() + 1000));
    });
    // when they are read, then each comes once, oldest first, as received
    expect(await unitOfWork.run(() => parkedNotices.parkedFor(clientId))).toEqual([issued, opened]);
    // and when one is unparked, only the other waits
    await unitOfWork.run(() => parkedNotices.unpark(issued.id));
    expect(await unitOfWork.run(() => parkedNotices.parkedFor(clientId))).toEqual([opened]);
  });

  it('finds the subscriptions naming an event', async () => {
    // given a subscription to one event and another to two
    const subscribedEvents = new SubscribedEventsCache(dataSource, createLogger('notification-service', 'silent'));
    await subscribedEvents.refresh();
    const subscriptions = new TypeOrmWebhookSubscriptionRepository(unitOfWork, { WEBHOOK_SECRET_KEYS: SecretKeyring.parse(TEST_SECRET_KEYS) }, subscribedEvents);
    const one = WebhookSubscription.subscribe({ id: newId('whs'), url: 'https://erp.example/hooks', events: ['collections.written_off'], now: future });
    const two = WebhookSubscription.subscribe({ id: newId('whs'), url: 'https://bi.example/in', events: ['invoice.voided', 'collections.written_off'], now: future });
    await unitOfWork.run(async () => {
      await subscriptions.add(one);
      await subscriptions.add(two);
    });
    const mine = (found: WebhookSubscription[]) => found.filter((subscription) => [one.id, two.id].includes(subscription.id)).map((subscription) => subscription.snapshot());
    // then each event finds the subscriptions naming it, restored as they were made
    expect(mine(await subscriptions.subscribedTo('collections.written_off'))).toEqual([one.snapshot(), two.snapshot()].sort((a, b) => a.id.localeCompare(b.id)));
    expect(mine(await subscriptions.subscribedTo('invoice.voided'))).toEqual([two.snapshot()]);
    expect((await subscriptions.findById(one.id))?.snapshot()).toEqual(one.snapshot());
    expect(mine(await subscriptions.all())).toHaveLength(2);
    // and the fan-out's cache counts their events subscribed as soon as they committed, as a fresh read of the table does
    expect(subscribedEvents.mayBeSubscribed('collections.written_off')).toBe(true);
    expect(subscribedEvents.mayBeSubscribed('invoice.voided')).toBe(true);
    const reread = new SubscribedEventsCache(dataSource, createLogger('notification-service', 'silent'));
    await reread.refresh();
    expect(reread.mayBeSubscribed('invoice.voided')).toBe(true);
    expect(reread.mayBeSubscribed('no.such_event')).toBe(false);
  });

  it('encrypts the secrets of subscriptions made before encryption in place, and drops the plain-text column', async () => {
    // given the table as it was before the migration (its down step, in a transaction rolled back at the end), with a plain-text secret
    const keyring = SecretKeyring.parse(TEST_SECRET_KEYS);
    const migration = new EncryptedWebhookSecrets1765100000000(keyring);
    // Migrations are the schema owner's to run (the runtime role has no DDL).
    const owner = createServiceDataSource({
      url: testServiceMigrationDatabaseUrl('notification-service'),
      schema: notificationServiceDefinition.schema,
      entities: notificationServiceDefinition.entities,
      migrations: [],
      applicationName: 'notification-persistence-test-owner',
    });
    await owner.initialize();
    const runner = owner.createQueryRunner();
    await runner.connect();
    await runner.startTransaction();
    try {
      await migration.down(runner);
      const id = newId('whs');
      await runner.query(`INSERT INTO notification.webhook_subscriptions (id, url, events, secret, created_at) VALUES ($1, 'https://erp.example/hooks', '{invoice.paid}', 'whsec_bGVnYWN5IHNlY3JldCBiZWZvcmU=', now())`, [id]);
      // when the migration runs
      await migration.up(runner);
      // then the row holds a ciphertext under the current key that opens to the old secret, and no column holds it in plain text
      const [row] = await runner.query(`SELECT row_to_json(s)::text AS text, secret_key_id, secret_ciphertext FROM notification.webhook_subscriptions s WHERE id = $1`, [id]);
      expect(row.secret_key_id).toBe('local-development');
      expect(keyring.open({ keyId: row.secret_key_id, ciphertext: row.secret_ciphertext }, id)).toBe('whsec_bGVnYWN5IHNlY3JldCBiZWZvcmU=');
      expect(row.text).not.toContain('bGVnYWN5');
      const columns: { column_name: string }[] = await runner.query(`SELECT column_name FROM information_schema.columns WHERE table_schema = 'notification' AND table_name = 'webhook_subscriptions'`);
      expect(columns.map((column) => column.column_name)).not.toContain('secret');
    } finally {
      await runner.rollbackTransaction();
      await runner.release();
      await owner.destroy();
    }
  });
});
