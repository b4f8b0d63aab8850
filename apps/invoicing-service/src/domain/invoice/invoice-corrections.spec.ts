import { DomainRejection } from '@mb/kernel';
import { aPaymentFor } from '../payment/payment.fixtures';
import { balanceOf, CLOSING_REASON_MAX_LENGTH } from './invoice';
import { aDraftInvoice, anOpenInvoice } from './invoice.fixtures';

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

function pay(invoice: ReturnType<typeof anOpenInvoice>, amountCents: number) {
  return aPaymentFor(invoice, { id: 'pay_01JTEST0000000000000000001', amountCents, currency: 'usd', now });
}

describe('Invoice corrections', () => {
  describe('void', () => {
    it('withdraws an open invoice nothing was paid on, with its reason, recording that it was voided', () => {
      // given an open invoice of 7,500.00
      const invoice = anOpenInvoice();
      // when it is voided
      invoice.void({ reason: '  Issued with the wrong purchase-order reference. ', at: now });
      // then it is void, nothing is owed, the reason is kept trimmed
      expect(invoice.snapshot()).toMatchObject({
        status: 'void',
        closedAt: now.toISOString(),
        closingReason: 'Issued with the wrong purchase-order reference.',
        number: 'INV-2026-000001',
      });
      expect(invoice.balanceCents).toBe(0);
      expect(invoice.fallsOverdueAt).toBeNull();
      expect(invoice.pullEvents()).toEqual([{ type: 'voided', number: 'INV-2026-000001', reason: 'Issued with the wrong purchase-order reference.', at: now }]);
    });

    it('refuses to void an invoice with money on it, or credit notes against it: a credit note corrects those', () => {
      const paid = anOpenInvoice();
      pay(paid, 100);
      expect(rejectionOf(() => paid.void({ reason: 'wrong', at: now }))).toMatchObject({ code: 'invoice.has_payments', kind: 'conflict' });
      expect(paid.status).toBe('open');

      const credited = anOpenInvoice();
      credited.applyCredit({ amountCents: 100, at: now });
      expect(rejectionOf(() => credited.void({ reason: 'wrong', at: now }))).toMatchObject({ code: 'invoice.has_credit_notes' });
    });

    it('refuses to void a draft, a paid invoice and a void one', () => {
      expect(rejectionOf(() => aDraftInvoice().void({ reason: 'x', at: now })).code).toBe('invoice.illegal_transition');
      const paid = anOpenInvoice();
      pay(paid, 750_000);
      expect(rejectionOf(() => paid.void({ reason: 'x', at: now })).code).toBe('invoice.illegal_transition');
      const voided = anOpenInvoice();
      voided.void({ reason: 'x', at: now });
      expect(rejectionOf(() => voided.void({ reason: 'x', at: now })).code).toBe('invoice.illegal_transition');
    });

    it('refuses a void without a reason in words, or with one too long, and changes nothing', () => {
      const invoice = anOpenInvoice();
      expect(rejectionOf(() => invoice.void({ reason: '   ', at: now }))).toMatchObject({ code: 'invoice.reason_required', field: 'reason' });
      expect(rejectionOf(() => invoice.void({ reason: 'x'.repeat(CLOSING_REASON_MAX_LENGTH + 1), at: now })).code).toBe('invoice.reason_required');
      expect(invoice.snapshot()).toMatchObject({ status: 'open', closedAt: null, closingReason: null });
      expect(invoice.pullEvents()).toEqual([]);
    });
  });

  describe('write-off (uncollectible)', () => {
    it('gives up the open balance of a partly paid invoice, recording how much', () => {
      // given an open invoice of 7,500.00 with 2,000.00 paid
      const invoice = anOpenInvoice();
      pay(invoice, 200_000);
      invoice.pullEvents();
      // when it is written off
      invoice.markUncollectible({ reason: 'Client insolvent; agency returned the file.', at: now });
      // then 5,500.00 is given up, nothing more is owed or expected
      expect(invoice.snapshot()).toMatchObject({ status: 'uncollectible', amountWrittenOffCents: 550_000, amountPaidCents: 200_000, closedAt: now.toISOString() });
      expect(invoice.balanceCents).toBe(0);
      expect(invoice.fallsOverdueAt).toBeNull();
      expect(invoice.pullEvents()).toEqual([
        { type: 'written_off', number: 'INV-2026-000001', amountCents: 550_000, reason: 'Client insolvent; agency returned the file.', at: now, caseId: null },
      ]);
    });

    it('refuses to write off what is not open', () => {
      const paid = anOpenInvoice();
      pay(paid, 750_000);
      expect(rejectionOf(() => paid.markUncollectible({ reason: 'x', at: now })).code).toBe('invoice.illegal_transition');
      expect(rejectionOf(() => aDraftInvoice().markUncollectible({ reason: 'x', at: now })).code).toBe('invoice.illegal_transition');
    });
  });

  describe('credit applied', () => {
    it('lowers the balance of an open invoice and keeps it open while something is owed', () => {
      const invoice = anOpenInvoice();
      invoice.applyCredit({ amountCents: 50_000, at: now });
      expect(invoice.snapshot()).toMatchObject({ status: 'open', amountCreditedCents: 50_000 });
      expect(invoice.balanceCents).toBe(700_000);
      expect(invoice.pullEvents()).toEqual([]);
    });

    it('closes an invoice credited in full as credited, not paid: no money came in', () => {
      const invoice = anOpenInvoice();
      invoice.applyCredit({ amountCents: 750_000, at: now });
      expect(invoice.snapshot()).toMatchObject({ status: 'credited', closedAt: now.toISOString(), paidAt: null });
      expect(invoice.pullEvents()).toEqual([{ type: 'credited_in_full', number: 'INV-2026-000001', at: now }]);
    });

    it('settles as paid an invoice whose credit covers what its payments left', () => {
      const invoice = anOpenInvoice();
      pay(invoice, 700_000);
      invoice.pullEvents();
      invoice.applyCredit({ amountCents: 50_000, at: now });
      expect(invoice.snapshot()).toMatchObject({ status: 'paid', paidAt: now.toISOString(), amountPaidCents: 700_000, amountCreditedCents: 50_000 });
      expect(invoice.pullEvents()).toEqual([expect.objectContaining({ type: 'paid', amountPaidCents: 700_000 })]);
    });

    it('refuses a credit above the balance, and on an invoice not open', () => {
      const invoice = anOpenInvoice();
      pay(invoice, 700_000);
      expect(rejectionOf(() => invoice.applyCredit({ amountCents: 50_001, at: now }))).toMatchObject({ code: 'credit_note.exceeds_balance', kind: 'invalid' });
      expect(rejectionOf(() => aDraftInvoice().applyCredit({ amountCents: 1, at: now })).code).toBe('invoice.not_open');
    });
  });

  it('owes nothing once void or uncollectible, whatever was payable', () => {
    const base = { payableCents: 1_000, amountPaidCents: 200, amountCreditedCents: 100 };
    expect(balanceOf({ ...base, status: 'open' })).toBe(700);
    expect(balanceOf({ ...base, status: 'void' })).toBe(0);
    expect(balanceOf({ ...base, status: 'uncollectible' })).toBe(0);
  });
});
