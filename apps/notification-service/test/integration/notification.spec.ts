import { randomInt } from 'node:crypto';
import { Webhook } from 'standardwebhooks';
import { aValidEvent } from '@mb/events';
import { newEventId, newId, Timers, UnitOfWork } from '@mb/kernel';
import { bootstrapService, BootstrappedService } from '@mb/platform';
import { injectAs, metricValue, parsePrometheusText, testAuthEnvironment, testServiceEnvironment, testToken } from '@mb/testing';
import { DELIVERY_DUE_TIMER } from '../../src/application/dispatch-delivery/dispatch-delivery.handler';
import { DeliveryRepository } from '../../src/application/ports/delivery.repository';
import { Delivery } from '../../src/domain/delivery/delivery';
import { notificationServiceDefinition } from '../../src/notification-service.definition';
import { aMailbox, anInvoicingApi, aWebhookReceiver, eventually, EventPublisher, TEST_SECRET_KEYS, testKafka } from './notification-test-kit';

describe('notification-service', () => {
  let service: BootstrappedService<unknown>;
  let publisher: EventPublisher;
  let mailbox: Awaited<ReturnType<typeof aMailbox>>;
  let receiver: Awaited<ReturnType<typeof aWebhookReceiver>>;
  let invoicingApi: Awaited<ReturnType<typeof anInvoicingApi>>;
  let serviceToken: string;

  /** The service's environment: both instances of a test that starts a second one send to the same mailbox. */
  const environment = async () => ({
    ...testServiceEnvironment('notification-service'),
    ...(await testAuthEnvironment()),
    CLOCK_CONTROL: 'enabled',
    LOG_LEVEL: 'warn',
    SMTP_URL: `smtp://127.0.0.1:${mailbox.port}`,
    MAIL_FROM: 'billing@milestone-billing.test',
    WEBHOOK_RETRY_BASE_MS: '100',
    // The receiver is a local http server: allowed here only, by the local-development settings.
    WEBHOOK_HTTP_URLS: 'local-development',
    WEBHOOK_EGRESS_ALLOWED_CIDRS: '127.0.0.1/32',
    WEBHOOK_SECRET_KEYS: TEST_SECRET_KEYS,
    // Invoice emails attach the PDF, fetched with a service-role token from (a stand-in for) the invoicing API.
    INVOICING_API_URL: invoicingApi.url,
    INVOICING_API_CREDENTIAL: serviceToken,
    // Payment plan emails attach the schedule, fetched the same way from (the same stand-in for) the collections API.
    COLLECTIONS_API_URL: invoicingApi.url,
    COLLECTIONS_API_CREDENTIAL: serviceToken,
  });

  beforeAll(async () => {
    mailbox = await aMailbox();
    receiver = await aWebhookReceiver();
    serviceToken = await testToken('service');
    invoicingApi = await anInvoicingApi(serviceToken);
    service = await bootstrapService(notificationServiceDefinition, await environment());
    publisher = await EventPublisher.connect(testKafka());
  });

  afterAll(async () => {
    await publisher?.close();
    await service?.close();
    await receiver?.close();
    await invoicingApi?.close();
    await mailbox?.close();
  });

  function aClient() {
    const clientId = newId('cli');
    return { clientId, contractId: newId('con'), apEmail: `ap-${clientId.toLowerCase()}@client.example` };
  }

  function anInvoiceNumber(): string {
    return `INV-2026-${String(randomInt(0, 1_000_000)).padStart(6, '0')}`;
  }

  async function deliveriesOf(eventId: string) {
    const response = await injectAs(service.app, 'admin', { method: 'GET', url: `/v1/deliveries?event_id=${eventId}` });
    expect(response.statusCode).toBe(200);
    return response.json().data as { id: string; channel: string; recipient: string; status: string; attempts: number; attempt_log: { outcome: string; status_code: number | null }[] }[];
  }

  /** The timer jobs of a delivery, oldest first (pg-boss's table in the service's schema). */
  async function timerJobsOf(deliveryId: string): Promise<{ id: string; state: string }[]> {
    return service.runtime.dataSource.query(`SELECT id, state FROM notification.job WHERE name = $1 AND singleton_key = $2 AND state <> 'cancelled' ORDER BY created_on`, [DELIVERY_DUE_TIMER, deliveryId]);
  }

  /** How many delivery timers fired with the outcome, by GET /metrics. */
  async function firedTimers(outcome: 'applied' | 'duplicate'): Promise<number> {
    const metrics = await injectAs(service.app, 'admin', { method: 'GET', url: '/metrics' });
    return metricValue(parsePrometheusText(metrics.body), 'mb_timers_fired_total', { timer: DELIVERY_DUE_TIMER, outcome }) ?? 0;
  }

  it("emails an issued invoice to the client's AP contact once, even when the event is delivered twice", async () => {
    // given an active contract naming the client's AP contact
    const { clientId, contractId, apEmail } = aClient();
    await publisher.publish(
      aValidEvent('contract.activated', { id: newEventId(), data: { contract_id: contractId, client_id: clientId, client_name: 'Acme Corp', client_ap_email: apEmail, title: 'Warehouse robotics' } }),
      contractId,
    );
    // when an invoice is issued, and the same event is delivered twice, followed by a second invoice
    const number = anInvoiceNumber();
    const issued = aValidEvent('invoice.issued', { id: newEventId(), data: { contract_id: contractId, client_id: clientId, invoice_id: newId('inv'), invoice_number: number } });
    await publisher.publish(issued, contractId);
    await publisher.publish(issued, contractId);
    const laterNumber = anInvoiceNumber();
    await publisher.publish(
      aValidEvent('invoice.issued', { id: newEventId(), data: { contract_id: contractId, client_id: clientId, invoice_id: newId('inv'), invoice_number: laterNumber } }),
      contractId,
    );

    // then, once both emails have arrived (the duplicate was handled before the later invoice), the first came once
    await eventually(() => mailbox.to(apEmail).filter((mail) => mail.subject?.includes(laterNumber)), (found) => found.length === 1, 'the second invoice email');
    await eventually(() => mailbox.to(apEmail).filter((mail) => mail.subject?.includes(number)), (found) => found.length >= 1, 'the first invoice email');
    await eventually(() => deliveriesOf(issued.id), (found) => found.length === 1 && found[0].status === 'sent', 'the first delivery to be recorded');
    const emails = mailbox.to(apEmail).filter((mail) => mail.subject?.includes(number));
    expect(emails).toHaveLength(1);
    expect(emails[0].subject).toContain('Warehouse robotics');
    expect(emails[0].text).toContain('Dear Acme Corp');
    expect(emails[0].text).toContain('2. Midway UI Prototype Sign-off');
    expect(emails[0].text).toContain(issued.data.due_date);
    expect(emails[0].from?.text).toContain('billing@milestone-billing.test');
    // and the invoice PDF is attached, fetched from the invoicing API with the service credential
    expect(emails[0].attachments.map((attachment) => [attachment.filename, attachment.contentType])).toEqual([[`${issued.data.invoice_id}.pdf`, 'application/pdf']]);
    expect(emails[0].attachments[0].content.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(invoicingApi.requests.filter((request) => request.path === `/v1/invoices/${issued.data.invoice_id}/pdf`)).toEqual([
      { path: `/v1/invoices/${issued.data.invoice_id}/pdf`, authorization: `Bearer ${serviceToken}`, answered: 200 },
    ]);
    // and the delivery is listed as sent after one attempt
    expect(await deliveriesOf(issued.id)).toMatchObject([{ channel: 'email', recipient: apEmail, status: 'sent', attempts: 1 }]);
  });

  it('sends an invoice email only with its PDF: a failed fetch is a failed attempt that the delivery timer retries', async () => {
    // given an active contract, and an invoicing API that fails the first two fetches of the next invoice's PDF
    const { clientId, contractId, apEmail } = aClient();
    await publisher.publish(
      aValidEvent('contract.activated', { id: newEventId(), data: { contract_id: contractId, client_id: clientId, client_name: 'Acme Corp', client_ap_email: apEmail, title: 'Warehouse robotics' } }),
      contractId,
    );
    const invoiceId = newId('inv');
    invoicingApi.failNext(invoiceId, [503, 502]);
    // when the invoice is issued
    const issued = aValidEvent('invoice.issued', { id: newEventId(), data: { contract_id: contractId, client_id: clientId, invoice_id: invoiceId, invoice_number: anInvoiceNumber() } });
    await publisher.publish(issued, contractId);
    // then the email arrives once, on the third attempt, with the PDF
    const [delivery] = await eventually(() => deliveriesOf(issued.id), (found) => found.length === 1 && found[0].status === 'sent', 'the invoice email sent');
    expect(delivery.attempts).toBe(3);
    expect(delivery.attempt_log.map((attempt) => attempt.outcome)).toEqual(['failed', 'failed', 'sent']);
    const emails = mailbox.to(apEmail);
    expect(emails).toHaveLength(1);
    expect(emails[0].attachments.map((attachment) => attachment.contentType)).toEqual(['application/pdf']);
    expect(invoicingApi.requests.filter((request) => request.path.includes(invoiceId)).map((request) => request.answered)).toEqual([503, 502, 200]);
  });

  it("emails a milestone's advance notice to the client's AP contact: contract, milestone, amount, expected invoice and due dates", async () => {
    // given an active contract naming the client's AP contact
    const { clientId, contractId, apEmail } = aClient();
    await publisher.publish(
      aValidEvent('contract.activated', { id: newEventId(), data: { contract_id: contractId, client_id: clientId, client_name: 'Initech', client_ap_email: apEmail, title: 'Billing portal' } }),
      contractId,
    );
    // when milestone-service announces its second milestone due in a week, on net-30 terms
    const dueSoon = aValidEvent('milestone.due_soon', {
      id: newEventId(),
      data: { contract_id: contractId, client_id: clientId, milestone_id: newId('ms'), planned_date: '2026-05-25', expected_invoice_date: '2026-05-25', expected_due_date: '2026-06-24' },
    });
    await publisher.publish(dueSoon, contractId);
    // then the AP contact gets one advance notice saying what is coming, how much and when it will be due
    const [notice] = await eventually(() => mailbox.to(apEmail), (found) => found.length === 1, 'the advance notice email');
    expect(notice.subject).toBe('Advance notice: Billing portal, milestone 2 (7,500.00 USD) expected to be invoiced 2026-05-25');
    for (const expected of [
      'Dear Initech',
      'invoice coming up for the project "Billing portal"',
      '2. Midway UI Prototype Sign-off',
      '2026-05-25 (in 7 days)',
      '7,500.00 USD',
      'Expected invoice date:  2026-05-25',
      'Expected due date:      2026-06-24 (net 30 days)',
    ]) {
      expect(notice.text).toContain(expected);
    }
    // and it is recorded as one email delivery to the AP contact
    await eventually(() => deliveriesOf(dueSoon.id), (found) => found[0]?.status === 'sent', 'the advance notice delivery recorded as sent');
    expect(await deliveriesOf(dueSoon.id)).toMatchObject([{ channel: 'email', recipient: apEmail, status: 'sent', attempts: 1 }]);
  });

  it("emails an approval request to the client's approver over SMTP, with the evidence, the last day to answer and the links to answer", async () => {
    // given an active contract naming the client's approver
    const { clientId, contractId, apEmail } = aClient();
    const approverEmail = `pm.${apEmail}`;
    await publisher.publish(
      aValidEvent('contract.activated', {
        id: newEventId(),
        data: { contract_id: contractId, client_id: clientId, client_name: 'Initech', client_ap_email: apEmail, client_approver_email: approverEmail, title: 'Billing portal' },
      }),
      contractId,
    );
    // when milestone-service asks for the approval of a delivered milestone
    const milestoneId = newId('ms');
    const request = aValidEvent('milestone.approval_requested', { id: newEventId(), data: { contract_id: contractId, client_id: clientId, milestone_id: milestoneId } });
    await publisher.publish(request, contractId);
    // then the approver (not the AP contact) gets one email with what was delivered and how to answer
    const [email] = await eventually(() => mailbox.to(approverEmail), (found) => found.length === 1, 'the approval request email');
    expect(email.subject).toBe('Approval requested: Billing portal, milestone 2 "Midway UI Prototype Sign-off" (answer by 2026-05-24)');
    for (const expected of [
      'Dear Initech',
      'Acceptance criteria: Clickable prototype of the 12 agreed screens deployed to staging',
      'Evidence:            https://staging.acme.example/prototype',
      'Answer by:           the end of 2026-05-24',
      'is deemed accepted and invoiced',
      `/v1/milestones/${milestoneId}/approve`,
      `/v1/milestones/${milestoneId}/reject`,
    ]) {
      expect(email.text).toContain(expected);
    }
    expect(mailbox.to(apEmail)).toEqual([]);
  });

  it('posts a subscribed event signed per Standard Webhooks, retrying until the receiver accepts it', async () => {
    // given a subscription whose receiver answers 500 twice, then 200
    const path = `/hooks/${newId('t')}`;
    receiver.answer(path, [500, 500]);
    const created = await injectAs(service.app, 'admin', { method: 'POST', url: '/v1/webhook-subscriptions', payload: { url: receiver.url(path), events: ['invoice.paid'] } });
    expect(created.statusCode).toBe(201);
    const subscription = created.json();
    expect(subscription).toMatchObject({ id: expect.stringMatching(/^whs_/), url: receiver.url(path), events: ['invoice.paid'], secret: expect.stringMatching(/^whsec_/) });

    // when an invoice is paid
    const { clientId, contractId } = aClient();
    const paid = aValidEvent('invoice.paid', { id: newEventId(), data: { contract_id: contractId, client_id: clientId, invoice_id: newId('inv') } });
    await publisher.publish(paid, contractId);

    // then the third attempt is accepted, and every attempt is logged
    const [delivery] = await eventually(() => deliveriesOf(paid.id), (found) => found[0]?.status === 'sent', 'the webhook delivery to be sent');
    expect(delivery).toMatchObject({ channel: 'webhook', recipient: receiver.url(path), attempts: 3 });
    expect(delivery.attempt_log.map((attempt) => [attempt.outcome, attempt.status_code])).toEqual([
      ['failed', 500],
      ['failed', 500],
      ['sent', 200],
    ]);
    const requests = receiver.received(path);
    expect(requests.map((request) => request.answered)).toEqual([500, 500, 200]);

    // and each request carries the envelope, signed with the subscription's secret: the Standard
    // Webhooks reference library (standardwebhooks) verifies it, its timestamp tolerance included
    const verifier = new Webhook(subscription.secret);
    for (const request of requests) {
      expect(JSON.parse(request.body)).toEqual(paid);
      expect(request.headers['webhook-id']).toBe(paid.id);
      expect(verifier.verify(request.body, request.headers as Record<string, string>)).toEqual(paid);
    }
    expect(() => new Webhook(subscription.secret).verify(requests[0].body.replace('"event"', '"Event"'), requests[0].headers as Record<string, string>)).toThrow();
  });

  it('emails a reminder when a collections case opens, even if the contract is learnt afterwards', async () => {
    // given a case opened for a client the service has not heard of yet
    const { clientId, contractId, apEmail } = aClient();
    const number = anInvoiceNumber();
    const opened = aValidEvent('collections.case_opened', {
      id: newEventId(),
      data: { case_id: newId('case'), client_id: clientId, contract_id: contractId, invoice_id: newId('inv'), invoice_number: number, days_overdue: 3 },
    });
    await publisher.publish(opened, clientId);
    await eventually(
      async () => (await service.runtime.dataSource.query(`SELECT 1 FROM notification.parked_notices WHERE event_id = $1`, [opened.id])).length,
      (rows) => rows === 1,
      'the reminder to wait for its recipient',
    );
    // when the contract naming the AP contact arrives
    await publisher.publish(
      aValidEvent('contract.created', { id: newEventId(), data: { contract_id: contractId, client_id: clientId, client_name: 'Globex', client_ap_email: apEmail, title: 'Data platform' } }),
      contractId,
    );
    // then the reminder is emailed to the AP contact
    const [reminder] = await eventually(() => mailbox.to(apEmail), (found) => found.length === 1, 'the reminder email');
    expect(reminder.subject).toContain(`Reminder: invoice ${number} is 3 days overdue`);
    expect(reminder.text).toContain('Dear Globex');
    expect(reminder.text).toContain('"Data platform"');
    // and the delivery is recorded as sent (just after the SMTP server took the message, so wait for it)
    const deliveries = await eventually(() => deliveriesOf(opened.id), (found) => found[0]?.status === 'sent', 'the reminder delivery recorded as sent');
    expect(deliveries).toMatchObject([{ channel: 'email', recipient: apEmail, status: 'sent' }]);
  });

  it('emails the hand-off notice when a case is handed to an agency, naming the agency and the balance per currency', async () => {
    // given a client whose AP contact a contract names (whichever event is heard first: a notice waits for its recipient)
    const { clientId, contractId, apEmail } = aClient();
    await publisher.publish(
      aValidEvent('contract.created', { id: newEventId(), data: { contract_id: contractId, client_id: clientId, client_name: 'Hooli', client_ap_email: apEmail, title: 'Search' } }),
      contractId,
    );
    // when its case is handed off with 7,725.00 USD and 2,000.00 EUR owed
    const number = anInvoiceNumber();
    const handedOff = aValidEvent('collections.handed_off', {
      id: newEventId(),
      data: {
        case_id: newId('case'),
        client_id: clientId,
        agency: 'Northwind Recoveries',
        handed_off_at: '2026-08-27T10:00:00Z',
        balances: [
          { currency: 'eur', balance_cents: 200_000 },
          { currency: 'usd', balance_cents: 772_500 },
        ],
        invoices: [{ invoice_id: newId('inv'), invoice_number: number, contract_id: contractId, currency: 'usd', balance_cents: 772_500 }],
      },
    });
    await publisher.publish(handedOff, clientId);
    // then the AP contact is told who will be in touch, and what is owed, never adding currencies
    const [notice] = await eventually(() => mailbox.to(apEmail), (found) => found.length === 1, 'the hand-off notice');
    expect(notice.subject).toBe('Notice: your overdue balance (2,000.00 EUR and 7,725.00 USD) has been passed to Northwind Recoveries');
    expect(notice.text).toContain('Dear Hooli');
    expect(notice.text).toContain(`- Invoice ${number}: 7,725.00 USD outstanding`);
  });

  it('sends a delivery once when its timer fires twice', async () => {
    // given an invoice email sent when its timer fired
    const { clientId, contractId, apEmail } = aClient();
    await publisher.publish(
      aValidEvent('contract.activated', { id: newEventId(), data: { contract_id: contractId, client_id: clientId, client_name: 'Initech', client_ap_email: apEmail, title: 'Payroll' } }),
      contractId,
    );
    const number = anInvoiceNumber();
    const issued = aValidEvent('invoice.issued', { id: newEventId(), data: { contract_id: contractId, client_id: clientId, invoice_id: newId('inv'), invoice_number: number } });
    await publisher.publish(issued, contractId);
    const [delivery] = await eventually(() => deliveriesOf(issued.id), (found) => found[0]?.status === 'sent', 'the invoice email sent');
    const [firing, ...others] = await timerJobsOf(delivery.id);
    expect([firing.state, others]).toEqual(['completed', []]);
    const duplicatesBefore = await firedTimers('duplicate');

    // when that firing comes again, as when its worker died after the commit and before pg-boss
    // heard of it (pg-boss puts the job back in the queue, as its expiry does)
    await service.runtime.dataSource.query(`UPDATE notification.job SET state = 'retry', completed_on = NULL, start_after = now() WHERE name = $1 AND id = $2`, [
      DELIVERY_DUE_TIMER,
      firing.id,
    ]);
    // then it is recognised as fired before (its inbox record), and nothing is sent again
    await eventually(() => firedTimers('duplicate'), (count) => count === duplicatesBefore + 1, 'the second firing counted a duplicate');
    await eventually(() => timerJobsOf(delivery.id), (jobs) => jobs.every((job) => job.state === 'completed'), 'the second firing settled');

    // and when the delivery's timer is set once more, a firing of its own
    await service.app.get(UnitOfWork).run(() => service.app.get(Timers).schedule(DELIVERY_DUE_TIMER, delivery.id, new Date()));
    // then it fires and leaves the sent delivery alone
    await eventually(() => timerJobsOf(delivery.id), (jobs) => jobs.length === 2 && jobs.every((job) => job.state === 'completed'), 'the new timer fired');
    expect(mailbox.to(apEmail).filter((mail) => mail.subject?.includes(number))).toHaveLength(1);
    expect(await deliveriesOf(issued.id)).toMatchObject([{ status: 'sent', attempts: 1, attempt_log: [{ outcome: 'sent' }] }]);
  });

  it('sends a delivery left pending without a timer (planned before deliveries had timers) once an instance starts', async () => {
    // given an email due now with no timer, as the polling dispatcher's version planned them
    const apEmail = `ap-${newId('cli').toLowerCase()}@client.example`;
    const subject = `Invoice ${anInvoiceNumber()} (planned before the timers)`;
    const unitOfWork = service.app.get(UnitOfWork);
    const eventId = newEventId();
    const planned = Delivery.plan({
      id: newId('dlv'),
      eventId,
      eventName: 'invoice.issued',
      channel: 'email',
      recipient: apEmail,
      payload: { subject, text: 'Dear Hooli' },
      now: new Date(),
    });
    await unitOfWork.run(() => service.app.get(DeliveryRepository).planOnce(planned));
    expect(await timerJobsOf(planned.id)).toEqual([]);
    // when another instance of the service starts (as a deployment does)
    const another = await bootstrapService(notificationServiceDefinition, await environment());
    try {
      // then the delivery's timer is set, and the email is sent once
      await eventually(() => deliveriesOf(eventId), (found) => found[0]?.status === 'sent', 'the delivery sent');
      expect(mailbox.to(apEmail).map((mail) => mail.subject)).toEqual([subject]);
      expect(await timerJobsOf(planned.id)).toEqual([{ id: expect.any(String), state: 'completed' }]);
    } finally {
      await another.close();
    }
  });

  it('never stores a new subscription’s secret with its Idempotency-Key, so a replay does not show it', async () => {
    // given a subscription created under a key: the first answer carries the secret
    const key = `whs-${newId('key')}`;
    const create = () =>
      injectAs(service.app, 'admin', { method: 'POST', url: '/v1/webhook-subscriptions', headers: { 'idempotency-key': key }, payload: { url: receiver.url('/hooks/once'), events: ['invoice.paid'] } });
    const first = await create();
    expect(first.statusCode).toBe(201);
    expect(first.json().secret).toMatch(/^whsec_/);
    // when the request is retried with the key
    const replay = await create();
    // then the same subscription is answered, without the secret, which the stored answer lacks too
    expect(replay.statusCode).toBe(201);
    expect(replay.headers['idempotent-replayed']).toBe('true');
    const { secret: _secret, ...withoutSecret } = first.json();
    expect(replay.json()).toEqual(withoutSecret);
    const [stored] = await service.runtime.dataSource.query(`SELECT response::text AS response FROM notification.idempotency_keys WHERE idempotency_key = $1`, [key]);
    expect(stored.response).not.toContain(first.json().secret);
    expect(stored.response).not.toContain('whsec_');
  });

  it('refuses a subscription to an unknown event or a URL that is not http', async () => {
    const unknown = await injectAs(service.app, 'admin', { method: 'POST', url: '/v1/webhook-subscriptions', payload: { url: 'https://erp.example/hooks', events: ['invoice.exploded'] } });
    expect(unknown.statusCode).toBe(400);
    const notHttp = await injectAs(service.app, 'admin', { method: 'POST', url: '/v1/webhook-subscriptions', payload: { url: 'ftp://erp.example/hooks', events: ['invoice.paid'] } });
    expect(notHttp.statusCode).toBe(422);
    expect(notHttp.json()).toMatchObject({ errors: [{ field: 'url', rule: 'webhook_subscription.https_required' }] });
    const notUrl = await injectAs(service.app, 'admin', { method: 'POST', url: '/v1/webhook-subscriptions', payload: { url: 'erp.example/hooks', events: ['invoice.paid'] } });
    expect(notUrl.statusCode).toBe(422);
    expect(notUrl.json()).toMatchObject({ errors: [{ field: 'url', rule: 'webhook_subscription.invalid_url' }] });
  });

  it('keeps a signing secret only encrypted: no plain-text column, no row holding it, never listed again', async () => {
    // given a new subscription, its secret shown in the 201
    const path = `/hooks/${newId('s')}`;
    const created = await injectAs(service.app, 'admin', { method: 'POST', url: '/v1/webhook-subscriptions', payload: { url: receiver.url(path), events: ['collections.stage_changed'] } });
    expect(created.statusCode).toBe(201);
    const { id, secret } = created.json() as { id: string; secret: string };
    const secretBytes = secret.slice('whsec_'.length);

    // then the table has no column for it in plain text
    const columns: { column_name: string }[] = await service.runtime.dataSource.query(
      `SELECT column_name FROM information_schema.columns WHERE table_schema = 'notification' AND table_name = 'webhook_subscriptions' ORDER BY ordinal_position`,
    );
    expect(columns.map((column) => column.column_name)).toEqual([
      'id',
      'url',
      'events',
      'created_at',
      'secret_ciphertext',
      'secret_key_id',
      'client_id',
      'status',
      'status_reason',
      'status_changed_at',
      'owner_email',
      // the secret a rotation replaced, sealed as the current one, while it still signs
      'previous_secret_ciphertext',
      'previous_secret_key_id',
      'previous_secret_expires_at',
      'failing_since',
    ]);
    // and no text of any row of any table in the schema holds the secret, whole or its key part, as text or hex
    const tables: { table_name: string }[] = await service.runtime.dataSource.query(
      `SELECT table_name FROM information_schema.tables WHERE table_schema = 'notification' AND table_type = 'BASE TABLE'`,
    );
    const keyHex = Buffer.from(secretBytes, 'base64').toString('hex');
    for (const { table_name: table } of tables) {
      const [{ found }] = await service.runtime.dataSource.query(
        `SELECT count(*)::int AS found FROM notification."${table}" t WHERE position($1 in row_to_json(t)::text) > 0 OR position($2 in row_to_json(t)::text) > 0`,
        [secretBytes, keyHex],
      );
      expect({ table, found }).toEqual({ table, found: 0 });
    }
    // and the row holds a ciphertext under the current key instead
    const [row] = await service.runtime.dataSource.query(`SELECT secret_key_id, length(secret_ciphertext) AS bytes FROM notification.webhook_subscriptions WHERE id = $1`, [id]);
    expect(row).toEqual({ secret_key_id: 'local-development', bytes: 12 + 16 + secret.length });
    // and the list shows the subscription without it
    const listed = (await injectAs(service.app, 'admin', { method: 'GET', url: '/v1/webhook-subscriptions' })).json().data.find((subscription: { id: string }) => subscription.id === id);
    expect(listed).toEqual({
      id,
      url: receiver.url(path),
      events: ['collections.stage_changed'],
      client_id: null,
      created_at: expect.any(String),
      status: 'active',
      status_reason: null,
      owner_email: null,
      previous_secret_expires_at: null,
      failing_since: null,
    });
  });

  it("binds a client's subscription to its own client, and lists a client only its own", async () => {
    // given two clients, each subscribing with its own token
    const [clientA, clientB] = [newId('cli'), newId('cli')];
    const subscribe = (clientId: string, payload: object) =>
      injectAs(service.app, { role: 'client', clientId }, { method: 'POST', url: '/v1/webhook-subscriptions', payload: { url: receiver.url('/hooks/of-a-client'), events: ['invoice.paid'], ...payload } });
    const ofA = await subscribe(clientA, {});
    const ofB = await subscribe(clientB, { client_id: clientB });
    // then each is bound to its caller's client
    expect([ofA.statusCode, ofA.json().client_id, ofB.statusCode, ofB.json().client_id]).toEqual([201, clientA, 201, clientB]);
    // and a client naming another client is refused, naming the field
    const other = await subscribe(clientA, { client_id: clientB });
    expect([other.statusCode, other.json().code, other.json().errors[0].field]).toEqual([422, 'webhook_subscription.other_client', 'client_id']);
    // and client A lists its own subscription only, where an admin lists both
    const listedToA = (await injectAs(service.app, { role: 'client', clientId: clientA }, { method: 'GET', url: '/v1/webhook-subscriptions' })).json().data;
    expect(listedToA.map((subscription: { id: string }) => subscription.id)).toEqual([ofA.json().id]);
    const listedToAdmin = (await injectAs(service.app, 'admin', { method: 'GET', url: '/v1/webhook-subscriptions' })).json().data.map((subscription: { id: string }) => subscription.id);
    expect(listedToAdmin).toEqual(expect.arrayContaining([ofA.json().id, ofB.json().id]));
  });
  it("emails an agreed payment plan to the client's AP contact with its schedule PDF, fetched from the collections API", async () => {
    // given a client whose AP contact is known
    const { clientId, contractId, apEmail } = aClient();
    await publisher.publish(
      aValidEvent('contract.activated', { id: newEventId(), data: { contract_id: contractId, client_id: clientId, client_name: 'Acme Corp', client_ap_email: apEmail, title: 'Warehouse robotics' } }),
      contractId,
    );
    // when a payment plan is agreed
    const agreed = aValidEvent('collections.payment_plan_agreed', { id: newEventId(), data: { client_id: clientId, payment_plan_id: newId('plan') } });
    await publisher.publish(agreed, clientId);
    // then the AP contact gets the schedule in the text and as the PDF attached
    const [email] = await eventually(() => mailbox.to(apEmail).filter((mail) => mail.subject?.startsWith('Your payment plan')), (found) => found.length === 1, 'the payment plan email');
    expect(email.text).toContain('Down payment: 1,000.00 USD due 2026-07-20');
    expect(email.attachments.map((attachment) => [attachment.filename, attachment.contentType])).toEqual([[`${agreed.data.payment_plan_id}.pdf`, 'application/pdf']]);
    expect(email.attachments[0].content.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(invoicingApi.requests.filter((request) => request.path === `/v1/payment-plans/${agreed.data.payment_plan_id}/schedule.pdf`)).toEqual([
      { path: `/v1/payment-plans/${agreed.data.payment_plan_id}/schedule.pdf`, authorization: `Bearer ${serviceToken}`, answered: 200 },
    ]);
  });

  it("emails each dunning stage's letter and a promise confirmation, and nothing for a quiet stage (issue 11)", async () => {
    // given a client whose AP contact is known
    const { clientId, contractId, apEmail } = aClient();
    await publisher.publish(
      aValidEvent('contract.activated', { id: newEventId(), data: { contract_id: contractId, client_id: clientId, client_name: 'Umbrella', client_ap_email: apEmail, title: 'Lab portal' } }),
      contractId,
    );
    const caseId = newId('case');
    const number = anInvoiceNumber();
    // when its case reaches the final demand by a broken promise, and then a stage that writes nothing
    const quiet = aValidEvent('collections.stage_changed', {
      id: newEventId(),
      data: { case_id: caseId, client_id: clientId, stage: 'write_off_proposal', previous_stage: 'agency_handoff', template: 'final', channel: 'none', invoices: [] },
    });
    await publisher.publish(quiet, clientId);
    const finalDemand = aValidEvent('collections.stage_changed', {
      id: newEventId(),
      data: {
        case_id: caseId,
        client_id: clientId,
        stage: 'final_demand',
        previous_stage: 'firm_notice',
        cause: 'broken_promise',
        template: 'final',
        channel: 'email',
        balances: [{ currency: 'usd', balance_cents: 672_500 }],
        invoices: [{ invoice_id: newId('inv'), invoice_number: number, contract_id: contractId, currency: 'usd', amount_due_cents: 672_500, due_date: '2026-06-27', days_late: 31 }],
      },
    });
    await publisher.publish(finalDemand, clientId);
    const promised = aValidEvent('collections.promise_recorded', {
      id: newEventId(),
      data: { case_id: caseId, client_id: clientId, promised_date: '2026-08-01', currency: 'usd', amount_cents: 672_500 },
    });
    await publisher.publish(promised, clientId);
    // then the final demand names the invoice and why it escalated, and the promise is confirmed
    const mails = await eventually(() => mailbox.to(apEmail), (found) => found.length === 2, 'the final demand and the promise confirmation');
    const letter = mails.find((mail) => mail.subject?.startsWith('Final notice'));
    expect(letter?.subject).toBe('Final notice: 6,725.00 USD overdue');
    expect(letter?.text).toContain(`- Invoice ${number}: 6,725.00 USD due 2026-06-27 (31 days late)`);
    expect(letter?.text).toContain('The payment you promised did not arrive by the agreed date.');
    expect(mails.map((mail) => mail.subject)).toContain('Promise to pay confirmed: 6,725.00 USD by 2026-08-01');
    // and the quiet stage (handled before them on the client's partition) wrote no email (a webhook
    // subscription to collections.stage_changed, another test's, still hears of it: subscribers hear every stage)
    expect((await deliveriesOf(quiet.id)).filter((delivery) => delivery.channel === 'email')).toEqual([]);
  });
});
