import { aValidEvent } from '@mb/events';
import { newEventId, newId } from '@mb/kernel';
import { bootstrapService, type BootstrappedService } from '@mb/platform';
import { testAuthEnvironment, testServiceEnvironment } from '@mb/testing';
import { notificationServiceDefinition } from '../../src/notification-service.definition';
import { aMailbox, eventually, EventPublisher, TEST_SECRET_KEYS, testKafka } from './notification-test-kit';

/**
 * Issue 11 "Disputes" as the client hears of them, over real Kafka and SMTP: the acknowledgement
 * when a dispute is opened, and the decision (upheld or rejected) when it is resolved.
 */
describe('notification-service and disputes', () => {
  let service: BootstrappedService<unknown>;
  let publisher: EventPublisher;
  let mailbox: Awaited<ReturnType<typeof aMailbox>>;

  beforeAll(async () => {
    mailbox = await aMailbox();
    service = await bootstrapService(notificationServiceDefinition, {
      ...testServiceEnvironment('notification-service'),
      ...(await testAuthEnvironment()),
      LOG_LEVEL: 'warn',
      SMTP_URL: `smtp://127.0.0.1:${mailbox.port}`,
      MAIL_FROM: 'billing@milestone-billing.test',
      WEBHOOK_SECRET_KEYS: TEST_SECRET_KEYS,
    });
    publisher = await EventPublisher.connect(testKafka());
  });

  afterAll(async () => {
    await publisher?.close();
    await service?.close();
    await mailbox?.close();
  });

  it("emails the client's AP contact when its dispute is received, upheld and rejected", async () => {
    // given an active contract naming the client's AP contact
    const clientId = newId('cli');
    const contractId = newId('con');
    const apEmail = `ap-${clientId.toLowerCase()}@client.example`;
    await publisher.publish(
      aValidEvent('contract.activated', { id: newEventId(), data: { contract_id: contractId, client_id: clientId, client_name: 'Acme Corp', client_ap_email: apEmail, title: 'Warehouse robotics' } }),
      contractId,
    );

    // when a dispute of 1,500.00 is opened, then upheld, and a second one rejected
    const data = { client_id: clientId, contract_id: contractId, dispute_id: newId('dsp'), invoice_number: 'INV-2026-000042' };
    await publisher.publish(aValidEvent('collections.dispute_opened', { id: newEventId(), data }), clientId);
    await publisher.publish(aValidEvent('collections.dispute_resolved', { id: newEventId(), data: { ...data, credit_amount_cents: 100_000 } }), clientId);
    const rejected = { ...data, dispute_id: newId('dsp'), invoice_number: 'INV-2026-000043' };
    const rejection = aValidEvent('collections.dispute_resolved', { id: newEventId(), data: { ...rejected, outcome: 'rejected', note: 'The review log shows five days.' } });
    delete (rejection.data as { credit_amount_cents?: number }).credit_amount_cents;
    await publisher.publish(rejection, clientId);

    // then the AP contact receives the acknowledgement
    const [acknowledgement] = await eventually(() => mailbox.to(apEmail).filter((mail) => mail.subject?.startsWith('We received your dispute')), (found) => found.length === 1, 'the acknowledgement');
    expect(acknowledgement.subject).toBe('We received your dispute of invoice INV-2026-000042 (1,500.00 USD)');
    expect(acknowledgement.text).toContain('Dear Acme Corp');
    expect(acknowledgement.text).toContain('The prototype review took two days, not the five billed.');
    expect(acknowledgement.text).toContain('We will not send payment reminders for this invoice while the dispute is open.');
    // and the decision that a credit note follows
    const [upheld] = await eventually(() => mailbox.to(apEmail).filter((mail) => mail.subject?.includes('was upheld')), (found) => found.length === 1, 'the upheld decision');
    expect(upheld.subject).toBe('Your dispute of invoice INV-2026-000042 was upheld: 1,000.00 USD credited');
    expect(upheld.text).toContain('A credit note for 1,000.00 USD follows');
    // and the rejection with its reason
    const [notUpheld] = await eventually(() => mailbox.to(apEmail).filter((mail) => mail.subject?.includes('was not upheld')), (found) => found.length === 1, 'the rejection');
    expect(notUpheld.subject).toBe('Your dispute of invoice INV-2026-000043 was not upheld: the invoice is due again');
    expect(notUpheld.text).toContain('Reason:\nThe review log shows five days.');
  });
});
