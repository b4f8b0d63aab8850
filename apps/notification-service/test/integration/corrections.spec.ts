import { aValidEvent } from '@mb/events';
import { newEventId, newId } from '@mb/kernel';
import { bootstrapService, type BootstrappedService } from '@mb/platform';
import { injectAs, testAuthEnvironment, testServiceEnvironment, testToken } from '@mb/testing';
import { notificationServiceDefinition } from '../../src/notification-service.definition';
import { aMailbox, anInvoicingApi, aWebhookReceiver, eventually, EventPublisher, TEST_SECRET_KEYS, testKafka } from './notification-test-kit';

/**
 * Issue 10 corrections as the client and subscribed systems hear of them, over real Kafka, SMTP and
 * HTTP: a credit note (its PDF attached) and a void are emailed to the AP contact and fanned out; a
 * write-off reaches subscribers only.
 */
describe('notification-service and invoice corrections', () => {
  let service: BootstrappedService<unknown>;
  let publisher: EventPublisher;
  let mailbox: Awaited<ReturnType<typeof aMailbox>>;
  let receiver: Awaited<ReturnType<typeof aWebhookReceiver>>;
  let invoicingApi: Awaited<ReturnType<typeof anInvoicingApi>>;
  let serviceToken: string;

  beforeAll(async () => {
    mailbox = await aMailbox();
    receiver = await aWebhookReceiver();
    serviceToken = await testToken('service');
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
      // The credit note's PDF is attached, fetched with a service-role token from (a stand-in for) the invoicing API.
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

  async function deliveriesOf(eventId: string) {
    const response = await injectAs(service.app, 'admin', { method: 'GET', url: `/v1/deliveries?event_id=${eventId}` });
    return response.json().data as { channel: string; recipient: string; status: string }[];
  }

  it('emails a credit note and a voided invoice to the AP contact, and tells only subscribers of a write-off', async () => {
    // given an active contract naming the client's AP contact, and a subscription to the three corrections
    const clientId = newId('cli');
    const contractId = newId('con');
    const apEmail = `ap-${clientId.toLowerCase()}@client.example`;
    const path = `/hooks/${newId('t')}`;
    const subscribed = await injectAs(service.app, 'admin', {
      method: 'POST',
      url: '/v1/webhook-subscriptions',
      payload: { url: receiver.url(path), events: ['credit_note.issued', 'invoice.voided', 'invoice.uncollectible'] },
    });
    expect(subscribed.statusCode).toBe(201);
    await publisher.publish(
      aValidEvent('contract.activated', { id: newEventId(), data: { contract_id: contractId, client_id: clientId, client_name: 'Acme Corp', client_ap_email: apEmail, title: 'Warehouse robotics' } }),
      contractId,
    );

    // when a write-off, a credit note and a void are published
    const writtenOff = aValidEvent('invoice.uncollectible', { id: newEventId(), data: { contract_id: contractId, client_id: clientId, invoice_number: 'INV-2026-000041' } });
    const credited = aValidEvent('credit_note.issued', { id: newEventId(), data: { contract_id: contractId, client_id: clientId, credit_note_number: 'CN-2026-000003' } });
    const voided = aValidEvent('invoice.voided', { id: newEventId(), data: { contract_id: contractId, client_id: clientId, invoice_number: 'INV-2026-000043' } });
    await publisher.publish(writtenOff, contractId);
    await publisher.publish(credited, contractId);
    await publisher.publish(voided, contractId);

    // then the AP contact receives the credit note's email and the void's
    const [creditNoteEmail] = await eventually(() => mailbox.to(apEmail).filter((mail) => mail.subject?.startsWith('Credit note CN-2026-000003')), (found) => found.length === 1, 'the credit note email');
    expect(creditNoteEmail.subject).toBe('Credit note CN-2026-000003 for invoice INV-2026-000042 (Warehouse robotics): 540.00 USD');
    expect(creditNoteEmail.text).toContain('Reason:            Two prototype screens descoped by agreement.');
    expect(creditNoteEmail.text).toContain('The credit note is attached as a PDF (CN-2026-000003.pdf).');
    // with the credit note's PDF attached, fetched from the invoicing API with the service credential
    const creditNoteId = credited.data.credit_note_id as string;
    expect(creditNoteEmail.attachments.map((attachment) => [attachment.filename, attachment.contentType])).toEqual([[`${creditNoteId}.pdf`, 'application/pdf']]);
    expect(creditNoteEmail.attachments[0].content.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(invoicingApi.requests.filter((request) => request.path === `/v1/credit-notes/${creditNoteId}/pdf`)).toEqual([
      { path: `/v1/credit-notes/${creditNoteId}/pdf`, authorization: `Bearer ${serviceToken}`, answered: 200 },
    ]);
    const [voidEmail] = await eventually(() => mailbox.to(apEmail).filter((mail) => mail.subject?.includes('INV-2026-000043')), (found) => found.length === 1, 'the void email');
    expect(voidEmail.subject).toBe('Invoice INV-2026-000043 for Warehouse robotics has been voided: do not pay');

    // and the subscriber receives all three events
    await eventually(
      async () => receiver.received(path).map((request) => JSON.parse(request.body).id as string),
      (ids) => [writtenOff.id, credited.id, voided.id].every((id) => ids.includes(id)),
      'the three webhooks',
    );
    // and the write-off was never emailed: its only delivery is the webhook (planned in the same unit
    // of work as any email would have been, and already received)
    expect((await deliveriesOf(writtenOff.id)).map((delivery) => delivery.channel)).toEqual(['webhook']);
    expect(mailbox.to(apEmail).filter((mail) => mail.subject?.includes('INV-2026-000041'))).toEqual([]);
  });
});
