import { aValidEvent } from '@mb/events';
import { newEventId, newId } from '@mb/kernel';
import { bootstrapService, BootstrappedService } from '@mb/platform';
import { injectAs, testAuthEnvironment, testServiceEnvironment, testToken } from '@mb/testing';
import { notificationServiceDefinition } from '../../src/notification-service.definition';
import { aMailbox, anInvoicingApi, eventually, EventPublisher, TEST_SECRET_KEYS, testKafka } from './notification-test-kit';

// Issue 11 item 8: every email is a template (subject, HTML and text parts) in the client's
// language, previewable by staff, and listed in the delivery log with its template and language.
describe('notification-service: email templates', () => {
  let service: BootstrappedService<unknown>;
  let publisher: EventPublisher;
  let mailbox: Awaited<ReturnType<typeof aMailbox>>;
  let invoicingApi: Awaited<ReturnType<typeof anInvoicingApi>>;

  beforeAll(async () => {
    mailbox = await aMailbox();
    const serviceToken = await testToken('service');
    invoicingApi = await anInvoicingApi(serviceToken);
    service = await bootstrapService(notificationServiceDefinition, {
      ...testServiceEnvironment('notification-service'),
      ...(await testAuthEnvironment()),
      LOG_LEVEL: 'warn',
      SMTP_URL: `smtp://127.0.0.1:${mailbox.port}`,
      MAIL_FROM: 'billing@milestone-billing.test',
      WEBHOOK_SECRET_KEYS: TEST_SECRET_KEYS,
      INVOICING_API_URL: invoicingApi.url,
      INVOICING_API_CREDENTIAL: serviceToken,
    });
    publisher = await EventPublisher.connect(testKafka());
  });

  afterAll(async () => {
    await publisher?.close();
    await service?.close();
    await invoicingApi?.close();
    await mailbox?.close();
  });

  const get = (role: Parameters<typeof injectAs>[1], url: string) => injectAs(service.app, role, { method: 'GET', url });

  it('lists every template with the languages it is written in', async () => {
    const response = await get('finance', '/v1/templates');
    expect(response.statusCode).toBe(200);
    const names = (response.json().data as { name: string; languages: string[] }[]).map((template) => template.name);
    expect(names).toEqual(expect.arrayContaining([
      'invoice-issued', 'invoice-voided', 'credit-note-issued', 'collections-reminder', 'advance-notice', 'approval-request',
      'dispute-acknowledged', 'dispute-resolved', 'payment-reminder', 'payment-plan-agreed', 'instalment-due-soon', 'payment-plan-broken',
      'dunning-letter', 'promise-confirmation', 'collections-handed-off', 'webhook-disabled', 'change-order-proposed', 'payment-plan-proposed',
    ]));
    for (const template of response.json().data) expect(template.languages).toEqual(['en', 'de']);
  });

  it('previews a template with its sample, in a language, as HTML or as text', async () => {
    const html = await get('project_manager', '/v1/templates/invoice-issued/preview?language=de&format=html');
    expect(html.statusCode).toBe(200);
    expect(html.json()).toMatchObject({ template: 'invoice-issued', language: 'de', format: 'html', content_type: 'text/html; charset=utf-8', attachments: ['invoice_pdf'] });
    expect(html.json().subject).toBe('Rechnung INV-2026-000042 für Customer portal rebuild: 7.725,00 USD fällig am 27. Juni 2026');
    expect(html.json().body).toMatch(/^<!DOCTYPE html>\n<html lang="de">/);
    const text = await get('admin', '/v1/templates/approval-request/preview?format=text');
    expect(text.json()).toMatchObject({ language: 'en', format: 'text', content_type: 'text/plain; charset=utf-8' });
    expect(text.json().body).toContain('Dear Acme Corp,');
    expect(text.json().body).not.toContain('<');
  });

  it('answers 404 for an unknown template and 400 naming the field for an unsupported language or format', async () => {
    const unknown = await get('finance', '/v1/templates/no-such-email/preview');
    expect(unknown.statusCode).toBe(404);
    expect(unknown.headers['content-type']).toContain('application/problem+json');
    expect(unknown.json()).toMatchObject({ code: 'template.not_found' });
    const french = await get('finance', '/v1/templates/invoice-issued/preview?language=fr');
    expect(french.statusCode).toBe(400);
    expect(french.headers['content-type']).toContain('application/problem+json');
    expect(french.json()).toMatchObject({ code: 'request.invalid', errors: [expect.objectContaining({ field: 'language' })] });
    const pdf = await get('finance', '/v1/templates/invoice-issued/preview?format=pdf');
    expect(pdf.json()).toMatchObject({ code: 'request.invalid', errors: [expect.objectContaining({ field: 'format' })] });
  });

  it("is the supplier's wording: a client may not preview it", async () => {
    const client = { role: 'client', clientId: newId('cli') } as const;
    expect((await get(client, '/v1/templates')).statusCode).toBe(403);
    expect((await get(client, '/v1/templates/invoice-issued/preview')).statusCode).toBe(403);
  });

  it("writes to a client in the language its contract events name: both parts, over SMTP, and the delivery log says which", async () => {
    // given a client whose contract events say it reads German, with an evil name
    const clientId = newId('cli');
    const contractId = newId('con');
    const apEmail = `ap-${clientId.toLowerCase()}@client.example`;
    await publisher.publish(
      aValidEvent('contract.activated', {
        id: newEventId(),
        data: { contract_id: contractId, client_id: clientId, client_name: 'Müller & <Söhne> GmbH', client_ap_email: apEmail, client_language: 'de', title: 'Lagerrobotik' },
      }),
      contractId,
    );
    // when an invoice of 7,725.00 EUR is issued
    const issued = aValidEvent('invoice.issued', {
      id: newEventId(),
      data: { contract_id: contractId, client_id: clientId, invoice_id: newId('inv'), invoice_number: 'INV-2026-004711', currency: 'eur', amount_due_cents: 772_500, due_date: '2026-06-27' },
    });
    await publisher.publish(issued, contractId);
    // then the AP contact gets one German email with a text part and an HTML part, the PDF attached
    const [mail] = await eventually(() => mailbox.to(apEmail), (found) => found.length === 1, 'the German invoice email');
    expect(mail.subject).toBe('Rechnung INV-2026-004711 für Lagerrobotik: 7.725,00 EUR fällig am 27. Juni 2026');
    expect(mail.text).toContain('Guten Tag Müller & <Söhne> GmbH,');
    expect(mail.text).toContain('Zahlbetrag:        7.725,00 EUR');
    expect(mail.html).toContain('<html lang="de">');
    expect(mail.html).toContain('Guten Tag Müller &amp; &lt;Söhne&gt; GmbH,');
    expect(mail.html).not.toContain('<Söhne>');
    expect(mail.attachments.map((attachment) => attachment.contentType)).toEqual(['application/pdf']);
    // and the delivery log names the template and the language
    const [delivery] = await eventually(
      async () => (await get('finance', `/v1/deliveries?event_id=${issued.id}`)).json().data,
      (found: { status: string; first_attempt_at: string | null; sent_at: string | null }[]) => found.length === 1 && found[0].status === 'sent',
      'the delivery recorded as sent',
    );
    expect(delivery).toMatchObject({ channel: 'email', template: 'invoice-issued', language: 'de', subject: mail.subject, status: 'sent', attempts: 1 });
    expect(delivery.first_attempt_at).toEqual(delivery.sent_at);
  });
});
