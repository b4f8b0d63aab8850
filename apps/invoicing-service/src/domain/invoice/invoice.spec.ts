import fc from 'fast-check';
import { DomainRejection } from '@mb/kernel';
import { aPaymentFor } from '../payment/payment.fixtures';
import { aDraftInvoice, anOpenInvoice, CONTRACT_ID, draftTerms } from './invoice.fixtures';
import { INVOICE_STATUSES, INVOICE_TRANSITIONS, type InvoiceIntent } from './invoice-status';

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
    const invoice = aDraftInvoice();
    expect(invoice.status).toBe('draft');
    expect(invoice.snapshot()).toMatchObject({ number: null, issueDate: null, dueDate: null, totalCents: 750_000, payableCents: 750_000 });
    expect(invoice.pullEvents()).toEqual([]);
  });

  it('is issued with its number, dated today and due after the net days, recording that it was issued', () => {
    // given a draft on net-15 terms
    const invoice = aDraftInvoice({ taxRateBps: 800, retainageBps: 500 });
    // when it is issued on 2026-05-28
    invoice.issue({ number: 'INV-2026-000007', issueDate: '2026-05-28', milestoneId: 'ms_01TEST' });
    // then it is open, due on 2026-06-12, carries the figures, and records that it was issued
    expect(invoice.status).toBe('open');
    expect(invoice.snapshot()).toMatchObject({
      number: 'INV-2026-000007',
      issueDate: '2026-05-28',
      dueDate: '2026-06-12',
      milestoneId: 'ms_01TEST',
      subtotalCents: 750_000,
      taxCents: 60_000,
      retainageCents: 37_500,
      totalCents: 810_000,
      payableCents: 772_500,
    });
    expect(invoice.pullEvents()).toEqual([{ type: 'issued', number: 'INV-2026-000007', issueDate: '2026-05-28', dueDate: '2026-06-12', creditAppliedCents: 0 }]);
  });

  it("bills a share of its milestone at termination: re-priced before issue, the rest kept as cancelled", () => {
    // given a draft of 7,500.00 at 8 % tax and 5 % retainage
    const invoice = aDraftInvoice({ taxRateBps: 800, retainageBps: 500 });
    // when its contract's termination bills 40 % of it, and it is issued
    invoice.billShareOnly(300_000);
    invoice.issue({ number: 'INV-2026-000008', issueDate: '2026-09-01' });
    // then it bills 3,000.00 with tax and retainage on that, and 4,500.00 is cancelled
    expect(invoice.snapshot()).toMatchObject({
      status: 'open',
      subtotalCents: 300_000,
      taxCents: 24_000,
      retainageCents: 15_000,
      totalCents: 324_000,
      payableCents: 309_000,
      cancelledSubtotalCents: 450_000,
      lines: [expect.objectContaining({ amountCents: 300_000, description: expect.stringContaining('(share billed at termination)') })],
    });
  });

  it('bills a share only of a draft, and only less than all of it', () => {
    expect(() => aDraftInvoice().billShareOnly(750_000)).toThrow(RangeError);
    expect(() => aDraftInvoice().billShareOnly(-1)).toThrow(RangeError);
    expect(() => anOpenInvoice().billShareOnly(100)).toThrow('only a milestone\'s draft');
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
    const payment = aPaymentFor(invoice, { id: 'pay_01A', amountCents: 250_000, currency: 'usd', externalReference: null, now });
    // then the balance is 5,000.00 and only the payment records anything
    expect(invoice.status).toBe('open');
    expect(invoice.balanceCents).toBe(500_000);
    expect(payment.pullEvents()).toEqual([{ type: 'received' }]);
    expect(invoice.pullEvents()).toEqual([]);
  });

  it('is paid when payments bring the balance to zero, recording it with every payment', () => {
    const invoice = anOpenInvoice();
    aPaymentFor(invoice, { id: 'pay_01A', amountCents: 250_000, currency: 'usd', externalReference: null, now });
    const last = aPaymentFor(invoice, { id: 'pay_01B', amountCents: 500_000, currency: 'usd', externalReference: 'WIRE-1', now });
    expect(invoice.status).toBe('paid');
    expect(invoice.balanceCents).toBe(0);
    expect(last.snapshot()).toMatchObject({ amountCents: 500_000, externalReference: 'WIRE-1', allocations: [{ invoiceId: draftTerms().id, invoiceNumber: 'INV-2026-000001', contractId: CONTRACT_ID, amountCents: 500_000 }], receivedOn: '2026-06-01' });
    expect(last.pullEvents()).toEqual([{ type: 'received' }]);
    expect(invoice.pullEvents()).toEqual([
      { type: 'paid', number: 'INV-2026-000001', paidAt: now, amountPaidCents: 750_000, paymentIds: ['pay_01A', 'pay_01B'] },
    ]);
    expect(invoice.snapshot().paidAt).toBe(now.toISOString());
  });

  it("dates a payment by the client's calendar: received at 02:00Z on 1 June is 31 May in Los Angeles", () => {
    const invoice = anOpenInvoice({ clientTimeZone: 'America/Los_Angeles' });
    const payment = aPaymentFor(invoice, { id: 'pay_01A', amountCents: 250_000, currency: 'usd', externalReference: null, now: new Date('2026-06-01T02:00:00Z') });
    expect(payment.snapshot().receivedOn).toBe('2026-05-31');
  });

  it('asks only for the amount after retainage', () => {
    const invoice = anOpenInvoice({ retainageBps: 1000 });
    expect(invoice.balanceCents).toBe(675_000);
    aPaymentFor(invoice, { id: 'pay_01A', amountCents: 675_000, currency: 'usd', externalReference: null, now });
    expect(invoice.status).toBe('paid');
  });

  it.each([
    ['a payment in another currency', { amountCents: 100, currency: 'eur' }, 'payment.currency_mismatch'],
    ['a payment of zero', { amountCents: 0, currency: 'usd' }, 'payment.amount_not_positive'],
    ['an allocation above the balance (the rest of a payment is credit, never pushed onto the invoice)', { amountCents: 750_001, currency: 'usd' }, 'payment.allocation_exceeds_balance'],
  ])('refuses %s', (_, payment, code) => {
    const invoice = anOpenInvoice();
    const rejection = rejectionOf(() => aPaymentFor(invoice, { id: 'pay_01A', externalReference: null, now, ...payment }));
    expect(rejection).toMatchObject({ kind: 'invalid', code });
    expect(invoice.balanceCents).toBe(750_000);
  });

  it('refuses payments on a draft and on a paid invoice', () => {
    expect(rejectionOf(() => aPaymentFor(aDraftInvoice(), { id: 'pay_1', amountCents: 1, currency: 'usd', externalReference: null, now }))).toMatchObject({
      code: 'invoice.not_open',
    });
    const paid = anOpenInvoice();
    aPaymentFor(paid, { id: 'pay_1', amountCents: 750_000, currency: 'usd', externalReference: null, now });
    expect(rejectionOf(() => aPaymentFor(paid, { id: 'pay_2', amountCents: 1, currency: 'usd', externalReference: null, now }))).toMatchObject({
      code: 'invoice.not_open',
    });
  });

  it('falls overdue the day after its due date while open, and never once paid or still a draft', () => {
    // given an invoice due on 2026-06-12
    const invoice = anOpenInvoice();
    // then it falls overdue at the start of 2026-06-13
    expect(invoice.fallsOverdueAt).toEqual(new Date('2026-06-13T00:00:00Z'));
    // and a draft, or the invoice once paid in full, never does
    expect(aDraftInvoice().fallsOverdueAt).toBeNull();
    aPaymentFor(invoice, { id: 'pay_1', amountCents: 750_000, currency: 'usd', externalReference: null, now });
    expect(invoice.fallsOverdueAt).toBeNull();
  });

  it('announces being overdue once, only when open past its due date with a balance', () => {
    // given an invoice due on 2026-06-12
    const invoice = anOpenInvoice();
    // when asked on the due date, nothing happens
    expect(invoice.announceOverdue(new Date('2026-06-12T23:59:59Z'))).toBe('not_past_due');
    expect(invoice.pullEvents()).toEqual([]);
    expect(invoice.snapshot().overdueAnnouncedAt).toBeNull();
    // when asked three days later, it records the announcement with the open balance
    const threeDaysLate = new Date('2026-06-15T08:00:00Z');
    expect(invoice.announceOverdue(threeDaysLate)).toBe('announced');
    expect(invoice.pullEvents()).toEqual([
      { type: 'overdue_announced', number: 'INV-2026-000001', dueDate: '2026-06-12', daysOverdue: 3, amountDueCents: 750_000, at: threeDaysLate },
    ]);
    expect(invoice.snapshot().overdueAnnouncedAt).toBe(threeDaysLate.toISOString());
    // then asking again later stays silent
    expect(invoice.announceOverdue(new Date('2026-06-20T08:00:00Z'))).toBe('already_announced');
    expect(invoice.pullEvents()).toEqual([]);
  });

  it('never announces a paid invoice or a draft as overdue', () => {
    const invoice = anOpenInvoice();
    aPaymentFor(invoice, { id: 'pay_1', amountCents: 750_000, currency: 'usd', externalReference: null, now });
    invoice.pullEvents();
    expect(invoice.announceOverdue(new Date('2026-07-01T08:00:00Z'))).toBe('not_open');
    expect(invoice.pullEvents()).toEqual([]);
    const draft = aDraftInvoice();
    expect(draft.announceOverdue(new Date('2026-07-01T08:00:00Z'))).toBe('not_open');
    expect(draft.pullEvents()).toEqual([]);
  });

  it('settles at issue an invoice with nothing to pay', () => {
    const invoice = aDraftInvoice({ amountCents: 0 });
    invoice.issue({ number: 'INV-2026-000003', issueDate: '2026-05-28' });
    expect(invoice.status).toBe('paid');
    expect(invoice.pullEvents().map((event) => event.type)).toEqual(['issued', 'paid']);
  });
});

describe('Invoice transition table', () => {
  it('never leaves a known state, whatever the sequence of intents', () => {
    const intents = Object.keys(INVOICE_TRANSITIONS) as InvoiceIntent[];
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...intents, 'pay_part' as const, 'pay_all' as const), { maxLength: 12 }), (steps) => {
        const invoice = aDraftInvoice();
        for (const step of steps) {
          const before = invoice.status;
          try {
            if (step === 'issue') invoice.issue({ number: 'INV-2026-000001', issueDate: '2026-05-28' });
            else if (step === 'pay_part') aPaymentFor(invoice, { id: 'pay_1', amountCents: 1, currency: 'usd', externalReference: null, now });
            // settle and pay_all: the whole balance is paid
            else aPaymentFor(invoice, { id: 'pay_2', amountCents: invoice.balanceCents, currency: 'usd', externalReference: null, now });
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

  describe('with the client credit at issue (issue 10)', () => {
    it('applies the credit up to the balance and answers what it took', () => {
      const invoice = aDraftInvoice();
      expect(invoice.issue({ number: 'INV-2026-000001', issueDate: '2026-05-28', creditAvailableCents: 100_000 })).toBe(100_000);
      expect(invoice.balanceCents).toBe(650_000);
      expect(invoice.status).toBe('open');
      expect(invoice.pullEvents()).toEqual([{ type: 'issued', number: 'INV-2026-000001', issueDate: '2026-05-28', dueDate: '2026-06-12', creditAppliedCents: 100_000 }]);
    });

    it('is paid at issue when the credit covers it, taking no more than it owes', () => {
      const invoice = aDraftInvoice();
      expect(invoice.issue({ number: 'INV-2026-000001', issueDate: '2026-05-28', creditAvailableCents: 900_000 })).toBe(750_000);
      expect(invoice.status).toBe('paid');
      expect(invoice.fallsOverdueAt).toBeNull();
      expect(invoice.pullEvents().map((event) => event.type)).toEqual(['issued', 'paid']);
    });
  });
  describe('revised by a contract amendment (issue 14)', () => {
    const version2 = { milestoneTitle: 'Prototype with SSO', amountCents: 1_250_000, netDays: 45, taxRateBps: 800, retainageBps: 500, plannedDate: '2026-06-15', scheduleVersion: 2 };

    it('gives a draft the new amount, terms and version, its figures computed again, announcing nothing', () => {
      // given a draft of schedule version 1
      const draft = aDraftInvoice();
      // when the amendment re-prices the milestone, with tax and retainage
      const outcome = draft.reviseDraft(version2);
      // then its line and figures are those of version 2
      expect(outcome).toBe('revised');
      expect(draft.snapshot()).toMatchObject({
        status: 'draft',
        milestoneTitle: 'Prototype with SSO',
        netDays: 45,
        plannedDate: '2026-06-15',
        scheduleVersion: 2,
        subtotalCents: 1_250_000,
        taxCents: 100_000,
        retainageCents: 62_500,
        totalCents: 1_350_000,
        payableCents: 1_287_500,
      });
      expect(draft.snapshot().lines).toEqual([expect.objectContaining({ description: 'Milestone 2: Prototype with SSO', amountCents: 1_250_000 })]);
      expect(draft.pullEvents()).toEqual([]);
    });

    it('is issued later under the version and on the net days it was revised to', () => {
      // given a draft revised to version 2 (net-45)
      const draft = aDraftInvoice();
      draft.reviseDraft(version2);
      // when it is issued
      draft.issue({ number: 'INV-2026-000007', issueDate: '2026-06-20' });
      // then
      expect(draft.snapshot()).toMatchObject({ scheduleVersion: 2, dueDate: '2026-08-04', payableCents: 1_287_500 });
    });

    it('leaves an issued invoice as it was issued', () => {
      // given an issued invoice
      const invoice = anOpenInvoice();
      const before = invoice.snapshot();
      // when an amendment would re-price its milestone
      // then nothing changes
      expect(invoice.reviseDraft(version2)).toBe('not_a_draft');
      expect(invoice.snapshot()).toEqual(before);
    });

    it('changes nothing when the draft holds those terms already, or a later version', () => {
      // given a draft revised to version 2
      const draft = aDraftInvoice();
      draft.reviseDraft(version2);
      // when version 2 is told again, and version 1's terms arrive late
      // then
      expect(draft.reviseDraft(version2)).toBe('unchanged');
      expect(draft.reviseDraft({ ...version2, amountCents: 750_000, scheduleVersion: 1 })).toBe('later_version');
      expect(draft.snapshot().subtotalCents).toBe(1_250_000);
    });
  });
});
