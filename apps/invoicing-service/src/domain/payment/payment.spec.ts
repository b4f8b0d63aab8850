import fc from 'fast-check';
import { DomainRejection } from '@mb/kernel';
import { ClientBalance } from '../client-balance/client-balance';
import { aDraftInvoice, CLIENT_ID } from '../invoice/invoice.fixtures';
import type { Invoice } from '../invoice/invoice';
import { Payment } from './payment';

describe('Payment', () => {
  const now = new Date('2026-07-01T10:00:00Z');

  function openInvoices(amounts: readonly number[]): Invoice[] {
    return amounts.map((amountCents, index) => {
      const invoice = aDraftInvoice({ id: `inv_${String(index).padStart(4, '0')}`, milestoneIndex: index + 1, amountCents });
      // issued a day apart: the first is the oldest
      invoice.issue({ number: `INV-2026-${String(index + 1).padStart(6, '0')}`, issueDate: `2026-06-${String(index + 1).padStart(2, '0')}` });
      invoice.pullEvents();
      return invoice;
    });
  }

  function receive(invoices: readonly Invoice[], credit: ClientBalance, amountCents: number, explicit: { invoiceId: string; amountCents: number }[] | null) {
    return Payment.receive({
      id: `pay_${amountCents}`,
      clientId: CLIENT_ID,
      clientTimeZone: 'UTC',
      currency: 'usd',
      amountCents,
      receivedOn: null,
      method: 'bank_transfer',
      externalReference: null,
      allocation: explicit ? { mode: 'explicit', parts: explicit } : { mode: 'oldest_first' },
      openInvoices: invoices,
      credit,
      now,
    });
  }

  it('keeps the money: for any sequence of payments, what invoices were paid plus the credit is what was received, and no balance goes below zero', () => {
    const step = fc.record({ amountCents: fc.integer({ min: 1, max: 3_000_000 }), explicitShare: fc.option(fc.integer({ min: 0, max: 100 }), { nil: null }) });
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 2_000_000 }), { minLength: 1, maxLength: 5 }), fc.array(step, { maxLength: 8 }), (amounts, steps) => {
        const invoices = openInvoices(amounts);
        const credit = ClientBalance.empty(CLIENT_ID, 'usd');
        let received = 0;
        for (const { amountCents, explicitShare } of steps) {
          // explicit: a share of the payment to the newest invoice still open, if any
          const target = [...invoices].reverse().find((invoice) => invoice.status === 'open');
          const explicit = explicitShare === null || !target ? null : [{ invoiceId: target.id, amountCents: Math.floor((amountCents * explicitShare) / 100) }];
          try {
            receive(invoices, credit, amountCents, explicit && explicit[0].amountCents > 0 ? explicit : null);
            received += amountCents;
          } catch (error) {
            // an explicit part above the balance is refused and changes nothing
            expect(error).toBeInstanceOf(DomainRejection);
            expect((error as DomainRejection).code).toBe('payment.allocation_exceeds_balance');
          }
        }
        const paid = invoices.reduce((sum, invoice) => sum + invoice.snapshot().amountPaidCents, 0);
        expect(paid + credit.unappliedCents).toBe(received);
        for (const invoice of invoices) {
          expect(invoice.balanceCents).toBeGreaterThanOrEqual(0);
          expect(invoice.status).toBe(invoice.balanceCents === 0 ? 'paid' : 'open');
        }
      }),
    );
  });

  it('allocates oldest first by due date and records one received event', () => {
    const invoices = openInvoices([100, 200, 300]);
    const credit = ClientBalance.empty(CLIENT_ID, 'usd');
    const payment = receive(invoices, credit, 250, null);
    expect(payment.snapshot().allocations.map((allocation) => [allocation.invoiceNumber, allocation.amountCents])).toEqual([
      ['INV-2026-000001', 100],
      ['INV-2026-000002', 150],
    ]);
    expect(payment.snapshot().unappliedCents).toBe(0);
    expect(payment.pullEvents()).toEqual([{ type: 'received' }]);
  });
});
