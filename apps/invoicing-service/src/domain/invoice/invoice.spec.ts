import fc from 'fast-check';
import { DomainRejection } from '@mb/kernel';
import { Payment } from '../payment/payment';
import { Invoice, type DraftInvoiceTerms } from './invoice';
import { INVOICE_STATUSES, INVOICE_TRANSITIONS, type InvoiceIntent } from './invoice-status';

function aDraft(overrides: Partial<DraftInvoiceTerms> = {}): Invoice {
  return Invoice.prepareDraft({
    id: 'inv_01TEST',
    contractId: 'con_01TEST',
    clientId: 'cli_01TEST',
    clientName: 'Acme Corp',
    contractTitle: 'Customer portal rebuild',
    purchaseOrderRef: 'PO-77812',
    milestoneIndex: 2,
    milestoneTitle: 'Midway UI Prototype Sign-off',
    amountCents: 750_000,
    currency: 'usd',
    netDays: 15,
    taxRateBps: 0,
    retainageBps: 0,
    ...overrides,
  });
}

function anOpenInvoice(overrides: Partial<DraftInvoiceTerms> = {}): Invoice {
  const invoice = aDraft(overrides);
  invoice.issue({ number: 'INV-2026-000001', issueDate: '2026-05-28' });
  invoice.pullEvents();
  return invoice;
}

function rejectionOf(action: () => unknown): DomainRejection {
  try {
    action();
  } catch (error) {
    if (error instanceof DomainRejection) return error;
    throw error;
  }
  throw new Error('expected a rejection');
}

const now = new Date('2026-06-01T10:00:00Z');

describe('Invoice', () => {
  it('is prepared as a draft with no number, dates or events', () => {
    const invoice = aDraft();
    expect(invoice.status).toBe('draft');
    expect(invoice.snapshot()).toMatchObject({ number: null, issueDate: null, dueDate: null, totalCents: 750_000, payableCents: 750_000 });
    expect(invoice.pullEvents()).toEqual([]);
  });

  it('is issued with its number, dated today and due after the net days, announcing invoice.issued', () => {
    // given a draft on net-15 terms
    const invoice = aDraft({ taxRateBps: 800, retainageBps: 500 });
    // when it is issued on 2026-05-28
    invoice.issue({ number: 'INV-2026-000007', issueDate: '2026-05-28', milestoneId: 'ms_01TEST' });
    // then it is open, due on 2026-06-12, and invoice.issued carries the figures
    expect(invoice.status).toBe('open');
    expect(invoice.snapshot()).toMatchObject({ number: 'INV-2026-000007', issueDate: '2026-05-28', dueDate: '2026-06-12' });
    expect(invoice.pullEvents()).toEqual([
      {
        name: 'invoice.issued',
        data: expect.objectContaining({
          invoice_id: 'inv_01TEST',
          invoice_number: 'INV-2026-000007',
          milestone_index: 2,
          subtotal_cents: 750_000,
          tax_cents: 60_000,
          retainage_cents: 37_500,
          total_cents: 810_000,
          amount_due_cents: 772_500,
          issue_date: '2026-05-28',
          due_date: '2026-06-12',
          purchase_order_ref: 'PO-77812',
          milestone_id: 'ms_01TEST',
        }),
      },
    ]);
  });

  it('refuses to be issued twice', () => {
    const invoice = anOpenInvoice();
    expect(rejectionOf(() => invoice.issue({ number: 'INV-2026-000002', issueDate: '2026-05-29' }))).toMatchObject({
      kind: 'conflict',
      code: 'invoice.illegal_transition',
    });
  });

  it('keeps a balance after a partial payment and stays open', () => {
    // given an open invoice of 7,500.00
    const invoice = anOpenInvoice();
    // when 2,500.00 is paid
    const payment = Payment.receive({ id: 'pay_01A', invoice, amountCents: 250_000, currency: 'usd', reference: null, now });
    // then the balance is 5,000.00 and only payment.recorded is announced
    expect(invoice.status).toBe('open');
    expect(invoice.balanceCents).toBe(500_000);
    expect(payment.pullEvents().map((event) => event.name)).toEqual(['payment.recorded']);
    expect(invoice.pullEvents()).toEqual([]);
  });

  it('is paid when payments bring the balance to zero, announcing invoice.paid with every payment', () => {
    const invoice = anOpenInvoice();
    Payment.receive({ id: 'pay_01A', invoice, amountCents: 250_000, currency: 'usd', reference: null, now });
    const last = Payment.receive({ id: 'pay_01B', invoice, amountCents: 500_000, currency: 'usd', reference: 'WIRE-1', now });
    expect(invoice.status).toBe('paid');
    expect(invoice.balanceCents).toBe(0);
    expect(last.pullEvents()[0]).toMatchObject({
      name: 'payment.recorded',
      data: { amount_cents: 500_000, unapplied_cents: 0, reference: 'WIRE-1', allocations: [{ invoice_id: 'inv_01TEST', amount_cents: 500_000 }] },
    });
    expect(invoice.pullEvents()).toEqual([
      {
        name: 'invoice.paid',
        data: expect.objectContaining({ amount_paid_cents: 750_000, payment_ids: ['pay_01A', 'pay_01B'], paid_at: now.toISOString() }),
      },
    ]);
  });

  it('asks only for the amount after retainage', () => {
    const invoice = anOpenInvoice({ retainageBps: 1000 });
    expect(invoice.balanceCents).toBe(675_000);
    Payment.receive({ id: 'pay_01A', invoice, amountCents: 675_000, currency: 'usd', reference: null, now });
    expect(invoice.status).toBe('paid');
  });

  it.each([
    ['a payment in another currency', { amountCents: 100, currency: 'eur' }, 'payment.currency_mismatch'],
    ['a payment of zero', { amountCents: 0, currency: 'usd' }, 'payment.amount_not_positive'],
    ['a payment above the balance', { amountCents: 750_001, currency: 'usd' }, 'payment.exceeds_balance'],
  ])('refuses %s', (_, payment, code) => {
    const invoice = anOpenInvoice();
    const rejection = rejectionOf(() => Payment.receive({ id: 'pay_01A', invoice, reference: null, now, ...payment }));
    expect(rejection).toMatchObject({ kind: 'invalid', code });
    expect(invoice.balanceCents).toBe(750_000);
  });

  it('refuses payments on a draft and on a paid invoice', () => {
    expect(rejectionOf(() => Payment.receive({ id: 'pay_1', invoice: aDraft(), amountCents: 1, currency: 'usd', reference: null, now }))).toMatchObject({
      code: 'invoice.not_open',
    });
    const paid = anOpenInvoice();
    Payment.receive({ id: 'pay_1', invoice: paid, amountCents: 750_000, currency: 'usd', reference: null, now });
    expect(rejectionOf(() => Payment.receive({ id: 'pay_2', invoice: paid, amountCents: 1, currency: 'usd', reference: null, now }))).toMatchObject({
      code: 'invoice.not_open',
    });
  });

  it('announces being overdue once, only when open past its due date with a balance', () => {
    // given an invoice due on 2026-06-12
    const invoice = anOpenInvoice();
    // when the scan runs on the due date, nothing happens
    invoice.announceOverdue(new Date('2026-06-12T23:00:00Z'));
    expect(invoice.pullEvents()).toEqual([]);
    // when it runs three days later, invoice.overdue goes out with the open balance
    invoice.announceOverdue(new Date('2026-06-15T08:00:00Z'));
    expect(invoice.pullEvents()).toEqual([
      { name: 'invoice.overdue', data: expect.objectContaining({ amount_due_cents: 750_000, due_date: '2026-06-12', days_overdue: 3 }) },
    ]);
    // then later scans stay silent
    invoice.announceOverdue(new Date('2026-06-20T08:00:00Z'));
    expect(invoice.pullEvents()).toEqual([]);
  });

  it('never announces a paid invoice as overdue', () => {
    const invoice = anOpenInvoice();
    Payment.receive({ id: 'pay_1', invoice, amountCents: 750_000, currency: 'usd', reference: null, now });
    invoice.pullEvents();
    invoice.announceOverdue(new Date('2026-07-01T08:00:00Z'));
    expect(invoice.pullEvents()).toEqual([]);
  });

  it('settles at issue an invoice with nothing to pay', () => {
    const invoice = aDraft({ amountCents: 0 });
    invoice.issue({ number: 'INV-2026-000003', issueDate: '2026-05-28' });
    expect(invoice.status).toBe('paid');
    expect(invoice.pullEvents().map((event) => event.name)).toEqual(['invoice.issued', 'invoice.paid']);
  });
});

describe('Invoice transition table', () => {
  it('never leaves a known state, whatever the sequence of intents', () => {
    const intents = Object.keys(INVOICE_TRANSITIONS) as InvoiceIntent[];
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...intents, 'pay_part' as const, 'pay_all' as const), { maxLength: 12 }), (steps) => {
        const invoice = aDraft();
        for (const step of steps) {
          const before = invoice.status;
          try {
            if (step === 'issue') invoice.issue({ number: 'INV-2026-000001', issueDate: '2026-05-28' });
            else if (step === 'pay_part') Payment.receive({ id: 'pay_1', invoice, amountCents: 1, currency: 'usd', reference: null, now });
            // settle and pay_all: the whole balance is paid
            else Payment.receive({ id: 'pay_2', invoice, amountCents: invoice.balanceCents, currency: 'usd', reference: null, now });
          } catch (error) {
            expect(error).toBeInstanceOf(DomainRejection);
            expect(invoice.status).toBe(before);
          }
          expect(INVOICE_STATUSES).toContain(invoice.status);
          if (invoice.status === 'paid') expect(invoice.balanceCents).toBe(0);
          expect(invoice.balanceCents).toBeGreaterThanOrEqual(0);
        }
      }),
    );
  });
});
