import fc from 'fast-check';
import { DomainRejection } from '@mb/kernel';
import { Invoice } from '../invoice/invoice';
import { aDraftInvoice } from '../invoice/invoice.fixtures';
import { computeInvoiceLines } from '../invoice/invoice-lines';
import { creditNoteSeriesOf, invoiceSeriesOf, nextInvoiceNumber } from '../invoice/numbering';
import { aPaymentFor } from '../payment/payment.fixtures';
import { CreditNote, type CreditNoteLine, type CreditScope } from './credit-note';

/**
 * Issue 10 "Done when": for any sequence of issues, payments, credit notes and voids, what is owed
 * adds up (Σ balances = Σ payable of the invoices that stand − Σ payments − Σ credits), no balance
 * is ever negative, and both number series stay gapless. Over the domain objects, with the number
 * series kept as the repository keeps them (a counter moved on only by an issue that succeeded).
 */
type Step =
  | { readonly kind: 'issue'; readonly lines: readonly number[]; readonly taxRateBps: number; readonly retainageBps: number }
  | { readonly kind: 'pay'; readonly invoice: number; readonly share: number }
  | { readonly kind: 'credit'; readonly invoice: number; readonly scope: 'full' | 'amount' | 'line'; readonly share: number }
  | { readonly kind: 'void'; readonly invoice: number };

const step: fc.Arbitrary<Step> = fc.oneof(
  fc.record({
    kind: fc.constant('issue' as const),
    lines: fc.array(fc.integer({ min: 0, max: 2_000_000 }), { minLength: 1, maxLength: 3 }),
    taxRateBps: fc.constantFrom(0, 800, 1_950, 2_000),
    retainageBps: fc.constantFrom(0, 500, 1_000),
  }),
  fc.record({ kind: fc.constant('pay' as const), invoice: fc.nat(), share: fc.integer({ min: 1, max: 10_000 }) }),
  fc.record({ kind: fc.constant('credit' as const), invoice: fc.nat(), scope: fc.constantFrom('full' as const, 'amount' as const, 'line' as const), share: fc.integer({ min: 1, max: 10_000 }) }),
  fc.record({ kind: fc.constant('void' as const), invoice: fc.nat() }),
);

const now = new Date('2026-06-05T12:00:00Z');
const today = '2026-06-05';

describe('corrections over any sequence of issues, payments, credit notes and voids', () => {
  it('keep every balance non-negative, the sums reconciled and both number series gapless', () => {
    fc.assert(
      fc.property(fc.array(step, { minLength: 1, maxLength: 40 }), (steps) => {
        const counters = new Map<string, number>();
        const take = (series: string) => nextInvoiceNumber(series, counters.get(series) ?? 0);
        const invoices: Invoice[] = [];
        const creditLines = new Map<string, CreditNoteLine[]>();
        const creditNumbers: string[] = [];
        let paymentsCents = 0;
        let creditsCents = 0;

        for (const [index, action] of steps.entries()) {
          const target = invoices.length > 0 && action.kind !== 'issue' ? invoices[action.invoice % invoices.length] : undefined;
          try {
            if (action.kind === 'issue') {
              const draft = aDraftInvoice({ id: `inv_${String(index).padStart(4, '0')}`, taxRateBps: action.taxRateBps, retainageBps: action.retainageBps }).snapshot();
              const totals = computeInvoiceLines(
                action.lines.map((amountCents, line) => ({ description: `Line ${line + 1}`, amountCents })),
                action.taxRateBps,
                action.retainageBps,
              );
              const invoice = Invoice.restore({ ...draft, ...totals });
              const next = take(invoiceSeriesOf(today));
              invoice.issue({ number: next.number, issueDate: today });
              counters.set(next.series, next.sequence);
              invoices.push(invoice);
            } else if (target && action.kind === 'pay') {
              const amountCents = Math.max(1, Math.floor((target.balanceCents * action.share) / 10_000));
              aPaymentFor(target, { id: `pay_${index}`, amountCents, currency: 'usd', now });
              paymentsCents += amountCents;
            } else if (target && action.kind === 'credit') {
              const before = creditLines.get(target.id) ?? [];
              const lines = target.snapshot().lines;
              const netLeft = lines.reduce((sum, line) => sum + line.amountCents, 0) - before.reduce((sum, line) => sum + line.amountCents, 0);
              const scope: CreditScope =
                action.scope === 'full'
                  ? { kind: 'full' }
                  : action.scope === 'amount'
                    ? { kind: 'amount', amountCents: Math.max(1, Math.floor((netLeft * action.share) / 10_000)) }
                    : { kind: 'lines', lines: [{ lineNumber: 1, amountCents: Math.max(1, Math.floor((lines[0].amountCents * action.share) / 10_000)) }] };
              const next = take(creditNoteSeriesOf(today));
              const note = CreditNote.issue({ id: `cn_${index}`, number: next.number, invoice: target, creditedBefore: before, scope, reason: 'Agreed.', issueDate: today, now });
              counters.set(next.series, next.sequence);
              creditNumbers.push(note.snapshot().number);
              creditLines.set(target.id, [...before, ...note.snapshot().lines]);
              creditsCents += note.snapshot().amountCreditedCents;
            } else if (target && action.kind === 'void') {
              target.void({ reason: 'Withdrawn.', at: now });
            }
          } catch (error) {
            // A refusal changes nothing and takes no number; anything else is a broken invariant.
            if (!(error instanceof DomainRejection)) throw error;
          }

          for (const invoice of invoices) expect(invoice.balanceCents).toBeGreaterThanOrEqual(0);
          const standing = invoices.filter((invoice) => invoice.status !== 'void');
          const balances = invoices.reduce((sum, invoice) => sum + invoice.balanceCents, 0);
          const payable = standing.reduce((sum, invoice) => sum + invoice.snapshot().payableCents, 0);
          expect(balances).toBe(payable - paymentsCents - creditsCents);
          // what each invoice says was paid and credited is what was recorded against it
          expect(invoices.reduce((sum, invoice) => sum + invoice.snapshot().amountPaidCents, 0)).toBe(paymentsCents);
          expect(invoices.reduce((sum, invoice) => sum + invoice.snapshot().amountCreditedCents, 0)).toBe(creditsCents);
        }

        // gapless: INV-2026 and CN-2026 are 1..n in the order issued
        const sequences = (numbers: readonly string[]) => numbers.map((number) => Number(number.slice(-6)));
        const invoiceNumbers = invoices.map((invoice) => invoice.snapshot().number as string);
        expect(sequences(invoiceNumbers)).toEqual(invoiceNumbers.map((_, position) => position + 1));
        expect(sequences(creditNumbers)).toEqual(creditNumbers.map((_, position) => position + 1));
        expect(invoiceNumbers.every((number) => number.startsWith('INV-2026-'))).toBe(true);
        expect(creditNumbers.every((number) => number.startsWith('CN-2026-'))).toBe(true);
      }),
      { numRuns: 300 },
    );
  });
});
