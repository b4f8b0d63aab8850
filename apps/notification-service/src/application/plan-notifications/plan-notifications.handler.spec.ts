import { loadEmailRenderer } from '../../infrastructure/templates/template-files.loader';
import { aValidEvent } from '@mb/events';
import { newEventId } from '@mb/kernel';
import { InMemoryUnitOfWork } from '@mb/testing';
import { InMemoryDeliveryRepository } from '../../../test/fakes/in-memory-delivery.repository';
import { InMemoryParkedNoticeRepository } from '../../../test/fakes/in-memory-parked-notice.repository';
import { InMemoryRecipientDirectory } from '../../../test/fakes/in-memory-recipient-directory.repository';
import { InMemoryWebhookSubscriptionRepository } from '../../../test/fakes/in-memory-webhook-subscription.repository';
import { RecordingTimers } from '@mb/testing';
import type { EmailContent } from '../../domain/delivery/delivery';
import { WebhookSubscription } from '../../domain/webhook-subscription/webhook-subscription';
import { DELIVERY_DUE_TIMER } from '../dispatch-delivery/dispatch-delivery.handler';
import { PlanNotificationsHandler } from './plan-notifications.handler';

// The renderer the service builds at start-up, from the real template files.
const renderer = loadEmailRenderer();

describe('PlanNotificationsHandler', () => {
  const now = new Date('2026-06-01T09:00:00Z');
  const clientId = 'cli_01JACME';
  const contractId = 'con_01JROBOTICS';
  const apEmail = 'ap@acme.example';
  const APPROVAL_LINKS = { APPROVAL_LINKS_BASE_URL: 'https://billing.agency.example' };

  function setUp() {
    const unitOfWork = new InMemoryUnitOfWork();
    const deliveries = new InMemoryDeliveryRepository();
    const subscriptions = new InMemoryWebhookSubscriptionRepository();
    const directory = new InMemoryRecipientDirectory();
    const parkedNotices = new InMemoryParkedNoticeRepository();
    const timers = new RecordingTimers();
    const handler = new PlanNotificationsHandler(unitOfWork, deliveries, subscriptions, directory, parkedNotices, timers, { now: () => now }, APPROVAL_LINKS, renderer);
    return { unitOfWork, deliveries, subscriptions, directory, parkedNotices, timers, handler };
  }

  async function aKnownClientAndContract(directory: InMemoryRecipientDirectory) {
    await directory.rememberClient({ clientId, clientName: 'Acme Corp', apEmail, approverEmail: null });
    await directory.rememberContract({ contractId, clientId, title: 'Warehouse robotics' });
  }

  function anInvoiceIssued() {
    return aValidEvent('invoice.issued', { id: newEventId(), data: { client_id: clientId, contract_id: contractId, invoice_number: 'INV-2026-000042' } });
  }

  function aCaseOpened() {
    return aValidEvent('collections.case_opened', { id: newEventId(), data: { client_id: clientId, contract_id: contractId, invoice_number: 'INV-2026-000042', days_overdue: 3 } });
  }

  async function subscribe(subscriptions: InMemoryWebhookSubscriptionRepository, id: string, url: string, events: string[]) {
    await subscriptions.add(WebhookSubscription.subscribe({ id, url, events, now }));
  }

  it('plans one webhook delivery per subscription naming the event, carrying the envelope as received', async () => {
    // given two subscriptions to invoice.paid and one to another event
    const { unitOfWork, deliveries, subscriptions, timers, handler } = setUp();
    await subscribe(subscriptions, 'whs_1', 'https://erp.example/hooks', ['invoice.paid']);
    await subscribe(subscriptions, 'whs_2', 'https://bi.example/in', ['invoice.paid', 'invoice.issued']);
    await subscribe(subscriptions, 'whs_3', 'https://other.example/in', ['invoice.issued']);
    const paid = aValidEvent('invoice.paid', { id: newEventId() });
    // when invoice.paid is planned
    await handler.execute(paid);
    // then each subscriber gets a pending webhook delivery, due at once, in one unit of work
    expect(deliveries.all()).toEqual([
      expect.objectContaining({ channel: 'webhook', recipient: 'https://erp.example/hooks', eventId: paid.id, eventName: 'invoice.paid', status: 'pending', nextAttemptAt: now }),
      expect.objectContaining({ channel: 'webhook', recipient: 'https://bi.example/in', eventId: paid.id, status: 'pending' }),
    ]);
    expect(deliveries.all().map((delivery) => delivery.payload)).toEqual([
      { subscriptionId: 'whs_1', body: JSON.stringify(paid) },
      { subscriptionId: 'whs_2', body: JSON.stringify(paid) },
    ]);
    expect(unitOfWork.unitsRun).toBe(1);
    // and each delivery's timer is set, keyed by its id, due at once
    expect(timers.pending()).toEqual(deliveries.all().map((delivery) => ({ timer: DELIVERY_DUE_TIMER, key: delivery.id, dueAt: now, data: {} })));
  });

  it("writes the email in the client's language, with an HTML part, and in English for a client that set none", async () => {
    // given a client that set German
    const { deliveries, directory, handler } = setUp();
    await directory.rememberClient({ clientId, clientName: 'Acme GmbH', apEmail, approverEmail: null, language: 'de' });
    await directory.rememberContract({ contractId, clientId, title: 'Warehouse robotics' });
    // when an issued invoice is planned
    await handler.execute(anInvoiceIssued());
    // then its email is German, in both parts, and says which template and language wrote it
    const content = deliveries.only().payload as EmailContent;
    expect(content).toMatchObject({ template: 'invoice-issued', language: 'de' });
    expect(content.subject).toMatch(/^Rechnung INV-2026-000042 für Warehouse robotics: .* fällig am /);
    expect(content.text).toContain('Guten Tag Acme GmbH,');
    expect(content.html).toContain('<html lang="de">');
    expect(content.attachments).toEqual([{ kind: 'invoice_pdf', id: expect.stringMatching(/^inv_/) }]);
    // and a client without a language is written to in English
    const english = setUp();
    await aKnownClientAndContract(english.directory);
    await english.handler.execute(anInvoiceIssued());
    expect(english.deliveries.only().payload).toMatchObject({ template: 'invoice-issued', language: 'en', subject: expect.stringMatching(/^Invoice INV-2026-000042 /) });
  });

  it("emails an issued invoice to the client's AP contact once the client and contract are known", async () => {
    // given the client's AP contact and the contract are known
    const { deliveries, directory, timers, handler } = setUp();
    await aKnownClientAndContract(directory);
    // when an issued invoice is planned
    await handler.execute(anInvoiceIssued());
    // then one email to the AP contact is pending, worded with the client and contract, under the client's lock
    const email = deliveries.only();
    expect(email).toMatchObject({ channel: 'email', recipient: apEmail, eventName: 'invoice.issued', status: 'pending', nextAttemptAt: now });
    const content = email.payload as EmailContent;
    expect(content.subject).toContain('INV-2026-000042');
    expect(content.subject).toContain('Warehouse robotics');
    expect(content.text).toContain('Dear Acme Corp');
    expect(directory.locked).toEqual([clientId]);
    // and its timer is set, due at once
    expect(timers.pending()).toEqual([{ timer: DELIVERY_DUE_TIMER, key: email.id, dueAt: now, data: {} }]);
  });

  it("parks an issued invoice whose client's AP contact is not known yet, and plans no email", async () => {
    // given nothing known about the client
    const { deliveries, parkedNotices, timers, handler } = setUp();
    const issued = anInvoiceIssued();
    // when the invoice is planned
    await handler.execute(issued);
    // then it waits for its recipient, with no timer
    expect(parkedNotices.parkedEventIds()).toEqual([issued.id]);
    expect(deliveries.all()).toEqual([]);
    expect(timers.scheduled).toEqual([]);
  });

  it('parks an issued invoice whose contract is not known yet, even when the client is', async () => {
    // given the client is known but not the contract
    const { deliveries, directory, parkedNotices, handler } = setUp();
    await directory.rememberClient({ clientId, clientName: 'Acme Corp', apEmail, approverEmail: null });
    const issued = anInvoiceIssued();
    // when the invoice is planned, then it is parked (its email names the contract)
    await handler.execute(issued);
    expect(parkedNotices.parkedEventIds()).toEqual([issued.id]);
    expect(deliveries.all()).toEqual([]);
  });

  it('emails a collections reminder to a known client without waiting for the contract', async () => {
    // given the client is known but not the contract
    const { deliveries, directory, parkedNotices, handler } = setUp();
    await directory.rememberClient({ clientId, clientName: 'Globex', apEmail, approverEmail: null });
    // when a collections case opens
    await handler.execute(aCaseOpened());
    // then the reminder is planned at once
    const reminder = deliveries.only();
    expect(reminder).toMatchObject({ channel: 'email', recipient: apEmail, eventName: 'collections.case_opened' });
    expect((reminder.payload as EmailContent).subject).toContain('Reminder: invoice INV-2026-000042 is 3 days overdue');
    expect(parkedNotices.parkedEventIds()).toEqual([]);
  });

  it("emails a milestone's advance notice to the AP contact with the amount, expected invoice date and due date, and fans it out to subscribers", async () => {
    // given the client and contract known, and a subscriber to milestone.due_soon
    const { deliveries, directory, subscriptions, timers, handler } = setUp();
    await aKnownClientAndContract(directory);
    await subscribe(subscriptions, 'whs_1', 'https://erp.example/hooks', ['milestone.due_soon']);
    const dueSoon = aValidEvent('milestone.due_soon', { id: newEventId(), data: { client_id: clientId, contract_id: contractId } });
    // when the advance notice is planned
    await handler.execute(dueSoon);
    // then the subscriber gets the event and the AP contact an email saying what is coming and when it will be due
    expect(deliveries.all().map((delivery) => [delivery.channel, delivery.recipient, delivery.eventName])).toEqual([
      ['webhook', 'https://erp.example/hooks', 'milestone.due_soon'],
      ['email', apEmail, 'milestone.due_soon'],
    ]);
    const content = deliveries.all()[1].payload as EmailContent;
    expect(content.subject).toBe('Advance notice: Warehouse robotics, milestone 2 (7,500.00 USD) expected to be invoiced 2026-05-25');
    for (const expected of ['Dear Acme Corp', '2. Midway UI Prototype Sign-off', 'Expected invoice date:  2026-05-25', 'Expected due date:      2026-06-24 (net 30 days)']) {
      expect(content.text).toContain(expected);
    }
    // and each delivery has its timer, due at once
    expect(timers.pending()).toEqual(deliveries.all().map((delivery) => ({ timer: DELIVERY_DUE_TIMER, key: delivery.id, dueAt: now, data: {} })));
  });

  it("emails an approval request to the client's approver, with what was delivered and the links to answer", async () => {
    // given the client known with an approver, and its contract
    const { deliveries, directory, handler } = setUp();
    await directory.rememberClient({ clientId, clientName: 'Acme Corp', apEmail, approverEmail: 'pm@acme.example' });
    await directory.rememberContract({ contractId, clientId, title: 'Warehouse robotics' });
    const request = aValidEvent('milestone.approval_requested', { id: newEventId(), data: { client_id: clientId, contract_id: contractId } });
    // when the approval request is planned
    await handler.execute(request);
    // then the approver, not the AP contact, gets an email to approve or reject the delivered work
    const email = deliveries.only();
    expect(email).toMatchObject({ channel: 'email', recipient: 'pm@acme.example', eventName: 'milestone.approval_requested' });
    const content = email.payload as EmailContent;
    expect(content.subject).toBe('Approval requested: Warehouse robotics, milestone 2 "Midway UI Prototype Sign-off" (answer by 2026-05-24)');
    for (const expected of [
      'Evidence:            https://staging.acme.example/prototype',
      `To approve: POST https://billing.agency.example/v1/milestones/${request.data.milestone_id}/approve`,
      'is deemed accepted and invoiced',
    ]) {
      expect(content.text).toContain(expected);
    }
  });

  it('asks the AP contact for approval when the client named no approver', async () => {
    const { deliveries, directory, handler } = setUp();
    await aKnownClientAndContract(directory);
    const reminder = aValidEvent('milestone.approval_requested', { id: newEventId(), data: { client_id: clientId, contract_id: contractId, kind: 'last_day_reminder' } });
    await handler.execute(reminder);
    expect(deliveries.only()).toMatchObject({ channel: 'email', recipient: apEmail });
    expect((deliveries.only().payload as EmailContent).subject).toMatch(/^Reminder: approval requested/);
  });

  it('parks an advance notice until its contract is known, as its email names the contract', async () => {
    // given the client is known but not the contract
    const { deliveries, directory, parkedNotices, handler } = setUp();
    await directory.rememberClient({ clientId, clientName: 'Acme Corp', apEmail, approverEmail: null });
    const dueSoon = aValidEvent('milestone.due_soon', { id: newEventId(), data: { client_id: clientId, contract_id: contractId } });
    // when the advance notice is planned, then it waits
    await handler.execute(dueSoon);
    expect(parkedNotices.parkedEventIds()).toEqual([dueSoon.id]);
    expect(deliveries.all()).toEqual([]);
  });

  it('plans nothing more when the same event is planned again', async () => {
    // given an issued invoice already planned as an email and a webhook
    const { deliveries, directory, subscriptions, timers, handler } = setUp();
    await aKnownClientAndContract(directory);
    await subscribe(subscriptions, 'whs_1', 'https://erp.example/hooks', ['invoice.issued']);
    const issued = anInvoiceIssued();
    await handler.execute(issued);
    const timersSet = timers.scheduled.length;
    // when it is planned a second time
    await handler.execute(issued);
    // then there is still one message per channel and recipient, and no timer is set again
    expect(deliveries.all().map((delivery) => [delivery.channel, delivery.recipient])).toEqual([
      ['webhook', 'https://erp.example/hooks'],
      ['email', apEmail],
    ]);
    expect(timersSet).toBe(2);
    expect(timers.scheduled).toHaveLength(2);
  });

  it('sends the notices parked for a client once it is known, and forgets them', async () => {
    // given an issued invoice and a case opened, parked for want of the client's AP contact
    const { deliveries, directory, parkedNotices, timers, handler } = setUp();
    const issued = anInvoiceIssued();
    const opened = aCaseOpened();
    await handler.execute(issued);
    await handler.execute(opened);
    expect(parkedNotices.parkedEventIds()).toHaveLength(2);
    // when the client and contract become known and the parked notices are released
    await aKnownClientAndContract(directory);
    await handler.releaseParked(clientId);
    // then both are emailed, each with its timer, and nothing waits any more
    expect(deliveries.all().map((delivery) => [delivery.eventId, delivery.channel, delivery.recipient])).toEqual([
      [issued.id, 'email', apEmail],
      [opened.id, 'email', apEmail],
    ]);
    expect(timers.pending().map((set) => set.key)).toEqual(deliveries.all().map((delivery) => delivery.id));
    expect(parkedNotices.parkedEventIds()).toEqual([]);
  });

  it('keeps a notice parked when its release finds the recipient still unknown', async () => {
    // given a parked invoice, and a client known without an AP contact
    const { deliveries, directory, parkedNotices, handler } = setUp();
    const issued = anInvoiceIssued();
    await handler.execute(issued);
    await directory.rememberClient({ clientId, clientName: 'Acme Corp', apEmail: null, approverEmail: null });
    await directory.rememberContract({ contractId, clientId, title: 'Warehouse robotics' });
    // when the parked notices are released, then it waits on
    await handler.releaseParked(clientId);
    expect(parkedNotices.parkedEventIds()).toEqual([issued.id]);
    expect(deliveries.all()).toEqual([]);
  });

  it("emails a credit note to the client's AP contact with its PDF attached, and fans it out to subscribers", async () => {
    // given the client and contract known, and a subscriber to credit_note.issued
    const { deliveries, directory, subscriptions, handler } = setUp();
    await aKnownClientAndContract(directory);
    await subscribe(subscriptions, 'whs_1', 'https://erp.example/hooks', ['credit_note.issued']);
    const issued = aValidEvent('credit_note.issued', { id: newEventId(), data: { client_id: clientId, contract_id: contractId } });
    // when it is planned
    await handler.execute(issued);
    // then the subscriber gets the event and the AP contact an email naming the credit note and the invoice
    expect(deliveries.all().map((delivery) => [delivery.channel, delivery.recipient, delivery.eventName])).toEqual([
      ['webhook', 'https://erp.example/hooks', 'credit_note.issued'],
      ['email', apEmail, 'credit_note.issued'],
    ]);
    const content = deliveries.all()[1].payload as EmailContent;
    expect(content.subject).toBe('Credit note CN-2026-000003 for invoice INV-2026-000042 (Warehouse robotics): 540.00 USD');
    expect(content.text).toContain('The credit note is attached as a PDF (CN-2026-000003.pdf).');
    // and the email names the credit note's PDF, fetched when it is sent
    expect(content.attachments).toEqual([{ kind: 'credit_note_pdf', id: issued.data.credit_note_id }]);
  });

  it("emails a payment plan's agreement with its schedule PDF attached, its reminders and its breaking to the AP contact, no contract needed", async () => {
    // given the client known (a plan names no contract)
    const { deliveries, directory, handler } = setUp();
    await directory.rememberClient({ clientId, clientName: 'Acme Corp', apEmail, approverEmail: null });
    const agreed = aValidEvent('collections.payment_plan_agreed', { id: newEventId(), data: { client_id: clientId } });
    // when the plan's agreement, a reminder and its breaking are planned
    await handler.execute(agreed);
    await handler.execute(aValidEvent('collections.instalment_due_soon', { id: newEventId(), data: { client_id: clientId } }));
    await handler.execute(aValidEvent('collections.payment_plan_broken', { id: newEventId(), data: { client_id: clientId } }));
    // then each is an email to the AP contact, the agreement with the schedule PDF by reference
    expect(deliveries.all().map((delivery) => [delivery.channel, delivery.recipient, delivery.eventName])).toEqual([
      ['email', apEmail, 'collections.payment_plan_agreed'],
      ['email', apEmail, 'collections.instalment_due_soon'],
      ['email', apEmail, 'collections.payment_plan_broken'],
    ]);
    const [agreement, reminder, broken] = deliveries.all().map((delivery) => delivery.payload as EmailContent);
    expect(agreement.attachments).toEqual([{ kind: 'payment_plan_pdf', id: agreed.data.payment_plan_id }]);
    expect(agreement.subject).toBe('Your payment plan: 7,725.00 USD in 2 instalments');
    expect(reminder.subject).toBe('Payment plan: 3,362.50 USD due 2026-08-15');
    expect(broken.subject).toBe('Payment plan ended: 3,362.50 USD now due');
  });

  it("emails a voided invoice to the client's AP contact: do not pay it", async () => {
    const { deliveries, directory, handler } = setUp();
    await aKnownClientAndContract(directory);
    await handler.execute(aValidEvent('invoice.voided', { id: newEventId(), data: { client_id: clientId, contract_id: contractId } }));
    expect(deliveries.only()).toMatchObject({ channel: 'email', recipient: apEmail, eventName: 'invoice.voided' });
    expect((deliveries.only().payload as EmailContent).subject).toBe('Invoice INV-2026-000042 for Warehouse robotics has been voided: do not pay');
  });

  it('tells webhook subscribers of a write-off, and never emails the client about it', async () => {
    // given the client known, and a subscriber to invoice.uncollectible
    const { deliveries, directory, subscriptions, parkedNotices, handler } = setUp();
    await aKnownClientAndContract(directory);
    await subscribe(subscriptions, 'whs_1', 'https://erp.example/hooks', ['invoice.uncollectible']);
    // when a write-off is planned
    await handler.execute(aValidEvent('invoice.uncollectible', { id: newEventId(), data: { client_id: clientId, contract_id: contractId } }));
    // then only the webhook goes out: an internal decision, not the client's to read
    expect(deliveries.all().map((delivery) => [delivery.channel, delivery.recipient])).toEqual([['webhook', 'https://erp.example/hooks']]);
    expect(parkedNotices.parkedEventIds()).toEqual([]);
  });
});
