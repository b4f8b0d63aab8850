import fc from 'fast-check';
import { allocateOldestFirst, type AllocatableInvoice, oldestFirst, unappliedAfter } from './allocation';

function anInvoice(invoiceId: string, dueDate: string, balanceCents: number, issueDate = '2026-05-01', number = `INV-2026-${invoiceId.slice(-6)}`): AllocatableInvoice {
  return { invoiceId, number, dueDate, issueDate, balanceCents };
}

describe('cash allocation', () => {
  describe('oldest first', () => {
    it('orders by due date, then issue date, then number', () => {
      const invoices = [
        anInvoice('inv_c', '2026-06-15', 1, '2026-05-10', 'INV-2026-000003'),
        anInvoice('inv_b', '2026-06-15', 1, '2026-05-10', 'INV-2026-000002'),
        anInvoice('inv_a', '2026-06-15', 1, '2026-05-01', 'INV-2026-000009'),
        anInvoice('inv_d', '2026-06-01', 1, '2026-05-20', 'INV-2026-000010'),
      ];
      expect(oldestFirst(invoices).map((invoice) => invoice.invoiceId)).toEqual(['inv_d', 'inv_a', 'inv_b', 'inv_c']);
    });

    it('pays each balance in full, oldest first, until the money runs out', () => {
      const plan = allocateOldestFirst(1_000, [anInvoice('inv_new', '2026-07-01', 700), anInvoice('inv_old', '2026-06-01', 500)]);
      expect(plan).toEqual({ parts: [{ invoiceId: 'inv_old', amountCents: 500 }, { invoiceId: 'inv_new', amountCents: 500 }], unappliedCents: 0 });
    });

    it('leaves what is more than every balance unapplied', () => {
      expect(allocateOldestFirst(1_500, [anInvoice('inv_a', '2026-06-01', 500), anInvoice('inv_b', '2026-06-02', 700)])).toEqual({
        parts: [{ invoiceId: 'inv_a', amountCents: 500 }, { invoiceId: 'inv_b', amountCents: 700 }],
        unappliedCents: 300,
      });
    });

    it('leaves all of it unapplied when nothing is owed, and skips a settled balance', () => {
      expect(allocateOldestFirst(100, [])).toEqual({ parts: [], unappliedCents: 100 });
      expect(allocateOldestFirst(100, [anInvoice('inv_a', '2026-06-01', 0), anInvoice('inv_b', '2026-06-02', 40)])).toEqual({
        parts: [{ invoiceId: 'inv_b', amountCents: 40 }],
        unappliedCents: 60,
      });
    });

    it('always adds up to the payment exactly, never over-pays an invoice, and leaves credit only when all is paid', () => {
      const invoices = fc.array(fc.record({ due: fc.integer({ min: 1, max: 28 }), balance: fc.integer({ min: 0, max: 1_000_000 }) }), { maxLength: 12 });
      fc.assert(
        fc.property(fc.integer({ min: 1, max: 20_000_000 }), invoices, (amountCents, drawn) => {
          const open = drawn.map((invoice, index) => anInvoice(`inv_${index}`, `2026-06-${String(invoice.due).padStart(2, '0')}`, invoice.balance));
          const plan = allocateOldestFirst(amountCents, open);
          const allocated = plan.parts.reduce((sum, part) => sum + part.amountCents, 0);
          expect(allocated + plan.unappliedCents).toBe(amountCents);
          expect(plan.unappliedCents).toBeGreaterThanOrEqual(0);
          for (const part of plan.parts) {
            expect(part.amountCents).toBeGreaterThan(0);
            expect(part.amountCents).toBeLessThanOrEqual(open.find((invoice) => invoice.invoiceId === part.invoiceId)?.balanceCents ?? 0);
          }
          if (plan.unappliedCents > 0) expect(allocated).toBe(open.reduce((sum, invoice) => sum + invoice.balanceCents, 0));
          // only the last invoice paid may be paid in part
          plan.parts.slice(0, -1).forEach((part) => expect(part.amountCents).toBe(open.find((invoice) => invoice.invoiceId === part.invoiceId)?.balanceCents));
        }),
      );
    });
  });

  describe('explicit', () => {
    it('leaves the rest of the payment unapplied, or refuses parts taking more than it (null)', () => {
      expect(unappliedAfter(1_000, [{ invoiceId: 'inv_a', amountCents: 600 }, { invoiceId: 'inv_b', amountCents: 300 }])).toBe(100);
      expect(unappliedAfter(1_000, [{ invoiceId: 'inv_a', amountCents: 1_000 }])).toBe(0);
      expect(unappliedAfter(1_000, [{ invoiceId: 'inv_a', amountCents: 600 }, { invoiceId: 'inv_b', amountCents: 401 }])).toBeNull();
    });
  });
});
