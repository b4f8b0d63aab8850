import fc from 'fast-check';
import { DomainRejection } from '@mb/kernel';
import { basisPointsOf } from '@mb/money';
import { anOpenInvoice, anOpenInvoiceOfLines } from '../invoice/invoice.fixtures';
import { aPaymentFor } from '../payment/payment.fixtures';
import { CreditNote, creditNoteLinesFor, type CreditNoteLine, type CreditScope } from './credit-note';

function rejectionOf(action: () => unknown): DomainRejection {
  try {
    action();
  } catch (error) {
    if (error instanceof DomainRejection) return error;
    throw error;
  }
  throw new Error('expected a rejection');
}

const now = new Date('2026-06-05T12:00:00Z');

function issue(invoice: ReturnType<typeof anOpenInvoice>, scope: CreditScope, creditedBefore: readonly CreditNoteLine[] = [], number = 'CN-2026-000001') {
  return CreditNote.issue({ id: 'cn_01JTEST0000000000000000001', number, invoice, creditedBefore, scope, reason: 'Descoped by agreement.', issueDate: '2026-06-05', now });
}

describe('CreditNote', () => {
  it('credits an invoice line by line, with the tax of each line at its rate, and lowers the balance by the total', () => {
    // given an open invoice of two lines, 1,000.00 and 500.00, at 8 % tax
    const invoice = anOpenInvoiceOfLines([100_000, 50_000], { taxRateBps: 800 });
    // when 250.00 of line 2 is credited
    const note = issue(invoice, { kind: 'lines', lines: [{ lineNumber: 2, amountCents: 25_000 }] }).snapshot();
    // then the note has one line, 250.00 + 20.00 tax, and refers to the invoice
    expect(note).toMatchObject({
      number: 'CN-2026-000001',
      invoiceNumber: 'INV-2026-000001',
      invoiceIssueDate: '2026-05-28',
      issueDate: '2026-06-05',
      subtotalCents: 25_000,
      taxCents: 2_000,
      retainageCents: 0,
      totalCents: 27_000,
      amountCreditedCents: 27_000,
      reason: 'Descoped by agreement.',
    });
    expect(note.lines).toEqual([
      { lineNumber: 1, invoiceLineNumber: 2, description: 'Work package 2', amountCents: 25_000, taxRateBps: 800, taxCents: 2_000, retainageBps: 0, retainageCents: 0 },
    ]);
    // and the invoice owes 1,620.00 − 270.00, still open
    expect(invoice.snapshot()).toMatchObject({ status: 'open', amountCreditedCents: 27_000 });
    expect(invoice.balanceCents).toBe(162_000 - 27_000);
  });

  it('credits an invoice in full: every line, its tax, and closes it as credited', () => {
    const invoice = anOpenInvoiceOfLines([100_001, 33_333], { taxRateBps: 1_950 });
    const payable = invoice.snapshot().payableCents;
    const note = issue(invoice, { kind: 'full' }).snapshot();
    expect(note.totalCents).toBe(payable);
    expect(note.taxCents).toBe(invoice.snapshot().taxCents);
    expect(invoice.status).toBe('credited');
    expect(invoice.balanceCents).toBe(0);
  });

  it('credits an amount spread over the lines by what each has left, the parts adding up exactly', () => {
    const invoice = anOpenInvoiceOfLines([300_000, 100_000]);
    const note = issue(invoice, { kind: 'amount', amountCents: 10_001 }).snapshot();
    expect(note.lines.map((line) => [line.invoiceLineNumber, line.amountCents])).toEqual([
      [1, 7_501],
      [2, 2_500],
    ]);
    expect(note.subtotalCents).toBe(10_001);
  });

  it('takes off only what is payable when the invoice withholds retainage, and says what retainage it releases', () => {
    // given 10,000.00 at 10 % tax and 5 % retainage: payable 11,000.00 − 500.00
    const invoice = anOpenInvoiceOfLines([1_000_000], { taxRateBps: 1_000, retainageBps: 500 });
    const note = issue(invoice, { kind: 'lines', lines: [{ lineNumber: 1, amountCents: 100_000 }] }).snapshot();
    expect(note).toMatchObject({ subtotalCents: 100_000, taxCents: 10_000, totalCents: 110_000, retainageCents: 5_000, amountCreditedCents: 105_000 });
    expect(invoice.balanceCents).toBe(1_050_000 - 105_000);
  });

  it('rounds tax on the running total of a line, so several notes give back exactly the line tax', () => {
    // given a line of 0.03 at 50 % tax: 0.015 rounds half-even to 0.02
    const invoice = anOpenInvoiceOfLines([3], { taxRateBps: 5_000 });
    expect(invoice.snapshot().taxCents).toBe(2);
    // when it is credited one cent at a time
    const notes: CreditNoteLine[] = [];
    for (let i = 0; i < 3; i += 1) notes.push(...issue(invoice, { kind: 'lines', lines: [{ lineNumber: 1, amountCents: 1 }] }, notes).snapshot().lines);
    // then the three notes' taxes (0.00, 0.01, 0.01 by the running totals 1, 2, 3) add up to the line's 0.02
    expect(notes.map((line) => line.taxCents)).toEqual([0, 1, 1]);
    expect(invoice.status).toBe('credited');
  });

  it('refuses what cannot be credited, changing nothing', () => {
    const invoice = anOpenInvoiceOfLines([100_000, 50_000]);
    const refusals: [CreditScope, string][] = [
      [{ kind: 'lines', lines: [{ lineNumber: 3, amountCents: 1 }] }, 'credit_note.unknown_line'],
      [{ kind: 'lines', lines: [{ lineNumber: 1, amountCents: 1 }, { lineNumber: 1, amountCents: 1 }] }, 'credit_note.duplicate_line'],
      [{ kind: 'lines', lines: [{ lineNumber: 2, amountCents: 50_001 }] }, 'credit_note.exceeds_line'],
      [{ kind: 'lines', lines: [{ lineNumber: 2, amountCents: 0 }] }, 'credit_note.amount_not_positive'],
      [{ kind: 'lines', lines: [] }, 'credit_note.scope_required'],
      [{ kind: 'amount', amountCents: 150_001 }, 'credit_note.exceeds_invoice'],
      [{ kind: 'amount', amountCents: -5 }, 'credit_note.amount_not_positive'],
    ];
    for (const [scope, code] of refusals) expect(rejectionOf(() => issue(invoice, scope)).code).toBe(code);
    expect(rejectionOf(() => CreditNote.issue({ id: 'cn_1', number: 'CN-2026-000001', invoice, creditedBefore: [], scope: { kind: 'full' }, reason: ' ', issueDate: '2026-06-05', now })).code).toBe(
      'credit_note.reason_required',
    );
    expect(invoice.snapshot()).toMatchObject({ status: 'open', amountCreditedCents: 0 });
  });

  it('never credits more than the balance left after payments', () => {
    const invoice = anOpenInvoice();
    aPaymentFor(invoice, { id: 'pay_1', amountCents: 700_000, currency: 'usd', now });
    expect(rejectionOf(() => issue(invoice, { kind: 'full' })).code).toBe('credit_note.exceeds_balance');
    issue(invoice, { kind: 'amount', amountCents: 50_000 });
    expect(invoice.snapshot()).toMatchObject({ status: 'paid', amountCreditedCents: 50_000 });
  });

  it('refuses a credit note on an invoice credited in full already', () => {
    const invoice = anOpenInvoice();
    const first = issue(invoice, { kind: 'full' }).snapshot();
    // the invoice is closed: creditNoteLinesFor, asked directly, says nothing is left
    expect(rejectionOf(() => creditNoteLinesFor(invoice.snapshot(), first.lines, { kind: 'full' })).code).toBe('credit_note.nothing_to_credit');
    expect(rejectionOf(() => issue(invoice, { kind: 'amount', amountCents: 1 }, first.lines)).code).toBe('credit_note.exceeds_invoice');
  });

  /** Credits the invoice in parts (each a share of the net left), then the rest in full, while it is open. */
  function creditInParts(invoice: ReturnType<typeof anOpenInvoice>, weights: readonly number[]): CreditNoteLine[] {
    const issued: CreditNoteLine[] = [];
    const netLeft = () => invoice.snapshot().lines.reduce((sum, line) => sum + line.amountCents, 0) - issued.reduce((sum, line) => sum + line.amountCents, 0);
    for (const weight of weights) {
      const amountCents = Math.floor((netLeft() * weight) / 20_000);
      if (amountCents === 0 || invoice.status !== 'open') continue;
      issued.push(...issue(invoice, { kind: 'amount', amountCents }, issued).snapshot().lines);
      expect(invoice.balanceCents).toBeGreaterThanOrEqual(0);
    }
    if (invoice.status === 'open') issued.push(...issue(invoice, { kind: 'full' }, issued).snapshot().lines);
    return issued;
  }

  const lineAmounts = fc.array(fc.integer({ min: 0, max: 5_000_000 }), { minLength: 1, maxLength: 4 });
  const shares = fc.array(fc.integer({ min: 1, max: 10_000 }), { minLength: 1, maxLength: 6 });

  it('gives back exactly each line and its tax, however a line is credited in parts', () => {
    fc.assert(
      fc.property(lineAmounts, fc.integer({ min: 0, max: 10_000 }), shares, (amounts, taxRateBps, weights) => {
        const invoice = anOpenInvoiceOfLines(amounts, { taxRateBps });
        fc.pre(invoice.status === 'open');
        const issued = creditInParts(invoice, weights);
        invoice.snapshot().lines.forEach((line) => {
          const credited = issued.filter((credit) => credit.invoiceLineNumber === line.lineNumber);
          expect(credited.reduce((total, credit) => total + credit.amountCents, 0)).toBe(line.amountCents);
          expect(credited.reduce((total, credit) => total + credit.taxCents, 0)).toBe(basisPointsOf(line.amountCents, taxRateBps));
        });
        expect(invoice.status).toBe('credited');
        expect(invoice.snapshot().amountCreditedCents).toBe(invoice.snapshot().payableCents);
      }),
    );
  });

  it('with retainage, never leaves a negative balance and closes the invoice exactly at its payable amount', () => {
    fc.assert(
      fc.property(lineAmounts, fc.integer({ min: 0, max: 10_000 }), fc.integer({ min: 0, max: 10_000 }), shares, (amounts, taxRateBps, retainageBps, weights) => {
        const invoice = anOpenInvoiceOfLines(amounts, { taxRateBps, retainageBps });
        fc.pre(invoice.status === 'open');
        const issued = creditInParts(invoice, weights);
        // A line retained in rounding crumbs may close the invoice with a cent of net left uncredited;
        // never more than the line, its tax or its retainage is credited.
        invoice.snapshot().lines.forEach((line) => {
          const credited = issued.filter((credit) => credit.invoiceLineNumber === line.lineNumber);
          expect(credited.reduce((total, credit) => total + credit.amountCents, 0)).toBeLessThanOrEqual(line.amountCents);
          expect(credited.reduce((total, credit) => total + credit.taxCents, 0)).toBeLessThanOrEqual(line.taxCents);
          expect(credited.reduce((total, credit) => total + credit.retainageCents, 0)).toBeLessThanOrEqual(line.retainageCents);
        });
        expect(invoice.status).toBe('credited');
        expect(invoice.balanceCents).toBe(0);
        expect(invoice.snapshot().amountCreditedCents).toBe(invoice.snapshot().payableCents);
      }),
    );
  });
});
