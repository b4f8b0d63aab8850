/**
 * Cash application (issue 10): how a payment is spread over a client's open invoices. Pure
 * policies; the Payment aggregate applies what they decide.
 */

/** An open invoice as allocation sees it: what is owed on it and how old it is. */
export interface AllocatableInvoice {
  readonly invoiceId: string;
  readonly number: string;
  readonly balanceCents: number;
  /** Calendar dates (YYYY-MM-DD): they sort as text. */
  readonly dueDate: string;
  readonly issueDate: string;
}

/** Part of a payment applied to one invoice. */
export interface AllocationPart {
  readonly invoiceId: string;
  readonly amountCents: number;
}

export interface AllocationPlan {
  readonly parts: readonly AllocationPart[];
  /** What is left after the parts: the client's unapplied credit. */
  readonly unappliedCents: number;
}

/** Oldest first: by due date, then issue date, then number (numbers are gapless and sort within a year's series). */
export function oldestFirst<T extends AllocatableInvoice>(invoices: readonly T[]): T[] {
  return [...invoices].sort((a, b) => compare(a.dueDate, b.dueDate) || compare(a.issueDate, b.issueDate) || compare(a.number, b.number));
}

/**
 * Spreads `amountCents` over the invoices oldest first, each taking its whole balance until the
 * money runs out; what is left over is unapplied. Exact: no rounding is involved.
 */
export function allocateOldestFirst(amountCents: number, invoices: readonly AllocatableInvoice[]): AllocationPlan {
  let left = amountCents;
  const parts: AllocationPart[] = [];
  for (const invoice of oldestFirst(invoices)) {
    if (left === 0) break;
    const part = Math.min(left, invoice.balanceCents);
    if (part <= 0) continue;
    parts.push({ invoiceId: invoice.invoiceId, amountCents: part });
    left -= part;
  }
  return { parts, unappliedCents: left };
}

/** The rest of an explicit allocation: what the parts leave of the payment, or null when they take more than it. */
export function unappliedAfter(amountCents: number, parts: readonly AllocationPart[]): number | null {
  const allocated = parts.reduce((sum, part) => sum + part.amountCents, 0);
  return allocated > amountCents ? null : amountCents - allocated;
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
