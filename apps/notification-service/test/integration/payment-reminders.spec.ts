import { aValidEvent } from '@mb/events';
import { newEventId, newId } from '@mb/kernel';
import { bootstrapService, BootstrappedService } from '@mb/platform';
import { injectAs, testAuthEnvironment, testServiceEnvironment, testToken } from '@mb/testing';
import { notificationServiceDefinition } from '../../src/notification-service.definition';
import { aMailbox, anInvoicingApi, aWebhookReceiver, eventually, EventPublisher, TEST_SECRET_KEYS, testKafka } from './notification-test-kit';

// Issue 11 item 1: invoice.payment_reminder_due is emailed to the client's AP contact, in the tone
// of its kind, with the invoice PDF, and fanned out to the webhooks subscribed to it.
describe('notification-service: payment reminders', () => {
  let service: BootstrappedService<unknown>;
  let publisher: EventPublisher;
  let mailbox: Awaited<ReturnType<typeof aMailbox>>;
  let receiver: Awaited<ReturnType<typeof aWebhookReceiver>>;
  let invoicingApi: Awaited<ReturnType<typeof anInvoicingApi>>;

  beforeAll(async () => {
    mailbox = await aMailbox();
    receiver = await aWebhookReceiver();
    const serviceToken = await testToken('service');
    invoicingApi = await anInvoicingApi(serviceToken);
    service = await bootstrapService(notificationServiceDefinition, {
      ...testServiceEnvironment('notification-service'),
      ...(await testAuthEnvironment()),
      LOG_LEVEL: 'warn',
      SMTP_URL: `smtp://127.0.0.1:${mailbox.port}`,
      MAIL_FROM: 'billing@milestone-billing.test',
      WEBHOOK_RETRY_BASE_MS: '100',
      WEBHOOK_HTTP_URLS: 'local-development',
      WEBHOOK_EGRESS_ALLOWED_CIDRS: '127.0.0.1/32',
      WEBHOOK_SECRET_KEYS: TEST_SECRET_KEYS,
      INVOICING_API_URL: invoicingApi.url,
      INVOICING_API_CREDENTIAL: serviceToken,
    });
    publisher = await EventPublisher.connect(testKafka());
  });

  afterAll(async () => {
    await publisher?.close();
    await service?.close();
    await receiver?.close();
    await invoicingApi?.close();
    await mailbox?.close();
  });

  it("emails each reminder to the client's AP contact once, in the tone of its kind, with how to pay and the PDF, and posts it to subscribed webhooks", async () => {
    // given a webhook subscribed to reminders, and an active contract naming the client's AP contact
    const path = `/hooks/${newId('t')}`;
    const subscribed = await injectAs(service.app, 'admin', { method: 'POST', url: '/v1/webhook-subscriptions', payload: { url: receiver.url(path), events: ['invoice.payment_reminder_due'] } });
    expect(subscribed.statusCode).toBe(201);
    const clientId = newId('cli');
    const contractId = newId('con');
    const apEmail = `ap-${clientId.toLowerCase()}@client.example`;
    await publisher.publish(
      aValidEvent('contract.activated', { id: newEventId(), data: { contract_id: contractId, client_id: clientId, client_name: 'Acme Corp', client_ap_email: apEmail, title: 'Warehouse robotics' } }),
      contractId,
    );
    const invoiceId = newId('inv');
    const reminder = (kind: 'before_due' | 'on_due' | 'after_due', offsetDays: number, daysUntilDue: number, daysPastDue: number) =>
      aValidEvent('invoice.payment_reminder_due', {
        id: newEventId(),
        data: { contract_id: contractId, client_id: clientId, invoice_id: invoiceId, invoice_number: 'INV-2026-000042', reminder_kind: kind, reminder_offset_days: offsetDays, days_until_due: daysUntilDue, days_past_due: daysPastDue, amount_due_cents: 500_000 },
      });

    // when the reminders before, on and after the due date arrive, the first one twice
    const before = reminder('before_due', 3, 3, 0);
    await publisher.publish(before, contractId);
    await publisher.publish(before, contractId);
    await publisher.publish(reminder('on_due', 0, 0, 0), contractId);
    const after = reminder('after_due', 7, 0, 7);
    await publisher.publish(after, contractId);

    // then three emails arrive, one per reminder (the first not twice), each in its tone; their
    // order is not promised (they wait for the contract, on another topic, and are released together)
    await eventually(() => mailbox.to(apEmail), (found) => found.length >= 3, 'three reminder emails');
    for (const event of [before, after]) await eventually(() => deliveriesOf(event.id, 'email'), (found) => found[0]?.status === 'sent', 'the reminder recorded as sent');
    const emails = mailbox.to(apEmail);
    expect(emails.map((mail) => mail.subject).sort()).toEqual([
      'Invoice INV-2026-000042 (5,000.00 USD) is due today',
      'Overdue: invoice INV-2026-000042 (5,000.00 USD) is 7 days late',
      'Reminder: invoice INV-2026-000042 (5,000.00 USD) is due on 2026-06-27',
    ]);
    const beforeEmail = emails.find((mail) => mail.subject?.startsWith('Reminder:'));
    const afterEmail = emails.find((mail) => mail.subject?.startsWith('Overdue:'));
    expect(beforeEmail?.text).toContain('Dear Acme Corp');
    expect(beforeEmail?.text).toContain('falls due on 2026-06-27, in 3 days');
    expect(afterEmail?.text).toContain('is now 7 days overdue');
    expect(afterEmail?.text).toContain('Account:      DE02120300000000202051');
    expect(afterEmail?.text).toContain('Reference:    INV-2026-000042');
    expect(afterEmail?.attachments.map((attachment) => attachment.contentType)).toEqual(['application/pdf']);

    // and each reminder is posted to the subscribed webhook as its envelope (the subscription hears
    // every client's reminders, other tests' included: this contract's are counted)
    const postsOfContract = () => receiver.received(path).map((request) => JSON.parse(request.body)).filter((envelope) => envelope.data.contract_id === contractId);
    await eventually(async () => postsOfContract(), (posts) => posts.length >= 3, 'three webhook posts');
    expect(postsOfContract().map((envelope) => envelope.data.reminder_kind).sort()).toEqual(['after_due', 'before_due', 'on_due']);
  });

  async function deliveriesOf(eventId: string, channel: string) {
    const response = await injectAs(service.app, 'admin', { method: 'GET', url: `/v1/deliveries?event_id=${eventId}` });
    return (response.json().data as { channel: string; status: string }[]).filter((delivery) => delivery.channel === channel);
  }
});
