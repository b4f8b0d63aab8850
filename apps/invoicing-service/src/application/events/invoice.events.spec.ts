import { eventDefinition, validateEvent } from '@mb/events';
import type { CatalogueEvent } from '@mb/messaging';
import { aDraftInvoice, anOpenInvoice, CLIENT_ID, CONTRACT_ID } from '../../domain/invoice/invoice.fixtures';
import { aPaymentFor } from '../../domain/payment/payment.fixtures';
import { invoiceCatalogueEvents } from './invoice.events';

/** Whether the catalogue's current schema accepts the event, as the outbox would check it. */
function validationOf(event: CatalogueEvent) {
  const envelope = { event: event.name, id: 'evt_01JX0000000000000000000001', created_at: '2026-05-28T09:00:00.000Z', data: event.data };
  return validateEvent(event.name, eventDefinition(event.name).currentVersion, envelope);
}

describe('invoice events', () => {
  it('announces an issued invoice as a valid invoice.issued carrying its figures, dates and milestone id', () => {
    // given a draft with tax and retainage, issued for a milestone
    const invoice = aDraftInvoice({ taxRateBps: 800, retainageBps: 500 });
    invoice.issue({ number: 'INV-2026-000007', issueDate: '2026-05-28', milestoneId: 'ms_01JTEST0000000000000000003' });
    // when its recorded events are mapped
    const [issued, ...rest] = invoiceCatalogueEvents(invoice.pullEvents(), invoice.snapshot());
    // then one invoice.issued goes out, accepted by the catalogue, with the amount due after retainage
    expect(rest).toEqual([]);
    expect(validationOf(issued)).toMatchObject({ ok: true });
    expect(issued).toEqual({
      name: 'invoice.issued',
      data: {
        invoice_id: invoice.id,
        invoice_number: 'INV-2026-000007',
        kind: 'milestone',
        contract_id: CONTRACT_ID,
        client_id: CLIENT_ID,
        milestone_index: 2,
        milestone_title: 'Midway UI Prototype Sign-off',
        currency: 'usd',
        subtotal_cents: 750_000,
        tax_cents: 60_000,
        retainage_cents: 37_500,
        total_cents: 810_000,
        amount_due_cents: 772_500,
        issue_date: '2026-05-28',
        due_date: '2026-06-12',
        purchase_order_ref: 'PO-77812',
        milestone_id: 'ms_01JTEST0000000000000000003',
        schedule_version: 1,
      },
    });
  });

  it('leaves milestone_id out of invoice.issued when the trigger named none', () => {
    const invoice = aDraftInvoice();
    invoice.issue({ number: 'INV-2026-000008', issueDate: '2026-05-28' });
    const [issued] = invoiceCatalogueEvents(invoice.pullEvents(), invoice.snapshot());
    expect(validationOf(issued)).toMatchObject({ ok: true });
    expect(issued.data).not.toHaveProperty('milestone_id');
  });

  it('announces a paid invoice as a valid invoice.paid naming every payment and when the balance reached zero', () => {
    // given an open invoice paid in two parts
    const invoice = anOpenInvoice();
    const paidAt = new Date('2026-06-03T15:30:00Z');
    aPaymentFor(invoice, { id: 'pay_01JTEST0000000000000000001', amountCents: 250_000, currency: 'usd', externalReference: null, now: paidAt });
    aPaymentFor(invoice, { id: 'pay_01JTEST0000000000000000002', amountCents: 500_000, currency: 'usd', externalReference: null, now: paidAt });
    // when its recorded events are mapped
    const events = invoiceCatalogueEvents(invoice.pullEvents(), invoice.snapshot());
    // then invoice.paid carries the whole amount and both payments
    expect(events.map((event) => event.name)).toEqual(['invoice.paid']);
    expect(validationOf(events[0])).toMatchObject({ ok: true });
    expect(events[0].data).toEqual({
      invoice_id: invoice.id,
      invoice_number: 'INV-2026-000001',
      contract_id: CONTRACT_ID,
      client_id: CLIENT_ID,
      milestone_index: 2,
      currency: 'usd',
      amount_paid_cents: 750_000,
      paid_at: '2026-06-03T15:30:00.000Z',
      payment_ids: ['pay_01JTEST0000000000000000001', 'pay_01JTEST0000000000000000002'],
    });
  });

  it('announces an invoice past due as a valid invoice.overdue with the open balance and the days late', () => {
    // given an open invoice due on 2026-06-12, partly paid
    const invoice = anOpenInvoice();
    aPaymentFor(invoice, { id: 'pay_01JTEST0000000000000000001', amountCents: 200_000, currency: 'usd', externalReference: null, now: new Date('2026-06-01T10:00:00Z') });
    invoice.pullEvents();
    // when the scan finds it four days late
    invoice.announceOverdue(new Date('2026-06-16T08:00:00Z'));
    const [overdue] = invoiceCatalogueEvents(invoice.pullEvents(), invoice.snapshot());
    // then invoice.overdue asks for what is left
    expect(validationOf(overdue)).toMatchObject({ ok: true });
    expect(overdue).toEqual({
      name: 'invoice.overdue',
      data: {
        invoice_id: invoice.id,
        invoice_number: 'INV-2026-000001',
        contract_id: CONTRACT_ID,
        client_id: CLIENT_ID,
        milestone_index: 2,
        currency: 'usd',
        amount_due_cents: 550_000,
        due_date: '2026-06-12',
        days_overdue: 4,
      },
    });
  });

  it('maps the events in the order they were recorded: an invoice with nothing to pay is issued, then paid', () => {
    const invoice = aDraftInvoice({ amountCents: 0 });
    invoice.issue({ number: 'INV-2026-000009', issueDate: '2026-05-28' });
    const events = invoiceCatalogueEvents(invoice.pullEvents(), invoice.snapshot());
    expect(events.map((event) => event.name)).toEqual(['invoice.issued', 'invoice.paid']);
    for (const event of events) expect(validationOf(event)).toMatchObject({ ok: true });
    expect(events[1].data).toMatchObject({ amount_paid_cents: 0, paid_at: '2026-05-28T00:00:00.000Z', payment_ids: [] });
  });
});
