/** An invoice as invoicing issued it (invoice.issued). */
export interface IssuedReceivable {
  readonly invoiceId: string;
  readonly clientId: string;
  readonly contractId: string;
  readonly invoiceNumber: string;
  readonly currency: string;
  /** What the client was asked to pay at issue: amount due less credit applied. */
  readonly amountDueCents: number;
  readonly dueDate: string;
  readonly issuedAt: Date;
}

/** What the ledger knows of one invoice's balance. */
export interface ReceivableBalance {
  /** invoice.issued was seen (otherwise only reductions that came first are known). */
  readonly issued: boolean;
  /** Paid in full, voided, credited in full or written off. */
  readonly closed: boolean;
  /** What is still owed, when issued and not closed; null when the issue was not seen. */
  readonly balanceCents: number | null;
  /** Payments and credits taken off so far. */
  readonly reducedCents: number;
}

/**
 * The receivable ledger: every invoice of every client from its issue, with the payments,
 * credits, voids and write-offs applied to it in whatever order the topics deliver them, so that
 * an invoice.overdue handled late sees the invoice's current balance. Writes join the open unit of
 * work; each is idempotent per event by the consumer's inbox.
 */
export abstract class ReceivableLedger {
  abstract recordIssued(receivable: IssuedReceivable): Promise<void>;
  /** A payment or a credit took `amountCents` off the invoice (known yet or not). */
  abstract reduce(invoiceId: string, amountCents: number, at: Date): Promise<void>;
  /** Nothing more is owed on the invoice (paid, voided, credited in full: `settled`; `written_off`). */
  abstract close(invoiceId: string, as: 'settled' | 'written_off', at: Date): Promise<void>;
  abstract balanceOf(invoiceId: string): Promise<ReceivableBalance>;
}
