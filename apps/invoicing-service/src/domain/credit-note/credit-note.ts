import { AggregateRoot } from '@mb/kernel';
import { basisPointsOf, sumOfCents } from '@mb/money';
import type { Invoice, InvoiceSnapshot } from '../invoice/invoice';
import { CreditNoteErrors } from './credit-note.errors';

/** The longest reason a credit note may give. */
export const CREDIT_NOTE_REASON_MAX_LENGTH = 500;

/** One line of a credit note: part of one invoice line taken back, with its tax and retainage. */
export interface CreditNoteLine {
  /** Position on the credit note, from 1. */
  readonly lineNumber: number;
  /** The invoice line credited (EN 16931 BG-25 lines of a credit note refer to what they correct). */
  readonly invoiceLineNumber: number;
  readonly description: string;
  /** Net amount credited, before tax. */
  readonly amountCents: number;
  readonly taxRateBps: number;
  readonly taxCents: number;
  readonly retainageBps: number;
  /** Retainage that no longer has to be held on what was credited. */
  readonly retainageCents: number;
}

/** Everything a credit note is, as stored. Immutable once issued. */
export interface CreditNoteSnapshot {
  readonly id: string;
  readonly number: string;
  readonly invoiceId: string;
  readonly invoiceNumber: string;
  /** The credited invoice's issue date (EN 16931 BT-26, preceding invoice issue date). */
  readonly invoiceIssueDate: string;
  readonly contractId: string;
  readonly clientId: string;
  readonly clientName: string | null;
  readonly clientTimeZone: string;
  readonly contractTitle: string;
  readonly purchaseOrderRef: string | null;
  /** The milestone the credited invoice billed; null when it billed released retainage (no milestone). */
  readonly milestoneIndex: number | null;
  readonly currency: string;
  /** The client's calendar date when it was issued. */
  readonly issueDate: string;
  readonly reason: string;
  readonly lines: readonly CreditNoteLine[];
  /** Σ line net amounts. */
  readonly subtotalCents: number;
  /** Σ line taxes. */
  readonly taxCents: number;
  /** Σ line retainage released. */
  readonly retainageCents: number;
  /** subtotal + tax: the credit note's document total. */
  readonly totalCents: number;
  /** total − retainage: what it takes off the invoice's balance (its payable amount, as the invoice's is). */
  readonly amountCreditedCents: number;
  readonly issuedAt: string;
}

/** What to credit (issue 10: full or partial, by line or by amount). Amounts are net, before tax. */
export type CreditScope =
  | { readonly kind: 'full' }
  | { readonly kind: 'lines'; readonly lines: readonly { readonly lineNumber: number; readonly amountCents: number }[] }
  | { readonly kind: 'amount'; readonly amountCents: number };

export type CreditNoteEvent = { readonly type: 'issued' };

/**
 * The lines a credit note of `scope` carries, given the lines credited on the invoice before.
 *
 * A line can be credited up to its net amount, in as many notes as needed. Tax and retainage follow
 * invoice-lines.ts's one rounding rule, applied to the running total: a credit of x on a line of
 * which c was credited before carries tax(c + x) − tax(c), each rounded half-even by basisPointsOf.
 * So the parts are exact integers, never negative (rounding is monotone), and a line credited in
 * full in any number of notes has given back exactly the tax and retainage it was invoiced with:
 * the invoice's figures and its credit notes' add up to the cent.
 *
 * By amount: the net amount is spread over the lines by what each has left to credit, with the
 * largest-remainder method (the parts add up to the amount exactly).
 */
export function creditNoteLinesFor(invoice: InvoiceSnapshot, creditedBefore: readonly CreditNoteLine[], scope: CreditScope): CreditNoteLine[] {
  const creditedNet = new Map<number, number>();
  for (const line of creditedBefore) creditedNet.set(line.invoiceLineNumber, (creditedNet.get(line.invoiceLineNumber) ?? 0) + line.amountCents);
  const creditable = invoice.lines.map((line) => ({ line, before: creditedNet.get(line.lineNumber) ?? 0, left: line.amountCents - (creditedNet.get(line.lineNumber) ?? 0) }));
  const totalLeft = creditable.reduce((sum, entry) => sum + entry.left, 0);

  let amounts: number[];
  switch (scope.kind) {
    case 'full':
      if (totalLeft === 0) throw CreditNoteErrors.nothingToCredit(invoice.id);
      amounts = creditable.map((entry) => entry.left);
      break;
    case 'lines': {
      if (scope.lines.length === 0) throw CreditNoteErrors.oneScope();
      amounts = creditable.map(() => 0);
      const seen = new Set<number>();
      for (const requested of scope.lines) {
        const index = creditable.findIndex((entry) => entry.line.lineNumber === requested.lineNumber);
        if (index < 0) throw CreditNoteErrors.unknownLine(requested.lineNumber);
        if (seen.has(requested.lineNumber)) throw CreditNoteErrors.duplicateLine(requested.lineNumber);
        seen.add(requested.lineNumber);
        if (!Number.isSafeInteger(requested.amountCents) || requested.amountCents <= 0) throw CreditNoteErrors.nonPositiveAmount('lines');
        if (requested.amountCents > creditable[index].left) throw CreditNoteErrors.exceedsLine(requested.lineNumber, requested.amountCents, creditable[index].left);
        amounts[index] = requested.amountCents;
      }
      break;
    }
    case 'amount':
      if (!Number.isSafeInteger(scope.amountCents) || scope.amountCents <= 0) throw CreditNoteErrors.nonPositiveAmount('amount_cents');
      if (scope.amountCents > totalLeft) throw CreditNoteErrors.exceedsInvoice(scope.amountCents, totalLeft);
      amounts = largestRemainderSplit(scope.amountCents, creditable.map((entry) => entry.left));
      break;
  }

  const lines: CreditNoteLine[] = [];
  creditable.forEach(({ line, before }, index) => {
    const amountCents = amounts[index];
    if (amountCents === 0) return;
    const after = before + amountCents;
    lines.push({
      lineNumber: lines.length + 1,
      invoiceLineNumber: line.lineNumber,
      description: line.description,
      amountCents,
      taxRateBps: line.taxRateBps,
      taxCents: basisPointsOf(after, line.taxRateBps) - basisPointsOf(before, line.taxRateBps),
      retainageBps: line.retainageBps,
      retainageCents: basisPointsOf(after, line.retainageBps) - basisPointsOf(before, line.retainageBps),
    });
  });
  return lines;
}

/** Splits `total` in proportion to `weights` (whole numbers, not all zero), largest remainder first, ties to the earlier. */
function largestRemainderSplit(total: number, weights: readonly number[]): number[] {
  const weightSum = weights.reduce((sum, weight) => sum + BigInt(weight), 0n);
  const shares = weights.map((weight, index) => {
    const exact = BigInt(total) * BigInt(weight);
    return { index, floor: exact / weightSum, remainder: exact % weightSum };
  });
  let leftover = BigInt(total) - shares.reduce((sum, share) => sum + share.floor, 0n);
  const parts = shares.map((share) => share.floor);
  for (const share of [...shares].sort((a, b) => (a.remainder === b.remainder ? a.index - b.index : a.remainder > b.remainder ? -1 : 1))) {
    if (leftover === 0n) break;
    parts[share.index] += 1n;
    leftover -= 1n;
  }
  return parts.map(Number);
}

/**
 * A credit note: a document of its own, numbered in the CN series, that takes back part or all of
 * one issued invoice (the invoice as issued is never changed). Issuing it applies its amount to the
 * invoice (which refuses more than its balance, and closes when nothing is left) and records that it
 * was issued. Once issued it never changes.
 */
export class CreditNote extends AggregateRoot<CreditNoteEvent> {
  private constructor(private readonly state: CreditNoteSnapshot) {
    super();
  }

  static issue(input: {
    id: string;
    number: string;
    invoice: Invoice;
    creditedBefore: readonly CreditNoteLine[];
    scope: CreditScope;
    reason: string;
    /** The client's calendar date now: the date its number's series is chosen by. */
    issueDate: string;
    now: Date;
  }): CreditNote {
    const invoice = input.invoice.snapshot();
    const reason = input.reason.trim();
    if (reason.length === 0 || reason.length > CREDIT_NOTE_REASON_MAX_LENGTH) throw CreditNoteErrors.reasonRequired(CREDIT_NOTE_REASON_MAX_LENGTH);
    const lines = creditNoteLinesFor(invoice, input.creditedBefore, input.scope);
    const sum = (pick: (line: CreditNoteLine) => number, what: string) => sumOfCents(lines.map(pick), what);
    const subtotalCents = sum((line) => line.amountCents, 'credit note subtotal');
    const taxCents = sum((line) => line.taxCents, 'credit note tax');
    const retainageCents = sum((line) => line.retainageCents, 'credit note retainage');
    const totalCents = subtotalCents + taxCents;
    const amountCreditedCents = totalCents - retainageCents;
    input.invoice.applyCredit({ amountCents: amountCreditedCents, at: input.now });
    if (invoice.number === null || invoice.issueDate === null) throw new Error(`invoice ${invoice.id} took a credit without a number`);
    const creditNote = new CreditNote({
      id: input.id,
      number: input.number,
      invoiceId: invoice.id,
      invoiceNumber: invoice.number,
      invoiceIssueDate: invoice.issueDate,
      contractId: invoice.contractId,
      clientId: invoice.clientId,
      clientName: invoice.clientName,
      clientTimeZone: invoice.clientTimeZone,
      contractTitle: invoice.contractTitle,
      purchaseOrderRef: invoice.purchaseOrderRef,
      milestoneIndex: invoice.milestoneIndex,
      currency: invoice.currency,
      issueDate: input.issueDate,
      reason,
      lines,
      subtotalCents,
      taxCents,
      retainageCents,
      totalCents,
      amountCreditedCents,
      issuedAt: input.now.toISOString(),
    });
    creditNote.record({ type: 'issued' });
    return creditNote;
  }

  static restore(snapshot: CreditNoteSnapshot): CreditNote {
    return new CreditNote(snapshot);
  }

  get id(): string {
    return this.state.id;
  }

  snapshot(): CreditNoteSnapshot {
    return this.state;
  }
}
