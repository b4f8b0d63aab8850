import type { DisputableInvoice } from '../../domain/dispute/dispute';

/** An invoice as invoice.issued announced it, before anything was paid or credited on it. */
export interface IssuedInvoice {
  readonly invoiceId: string;
  readonly invoiceNumber: string;
  readonly contractId: string;
  readonly clientId: string;
  readonly currency: string;
  /** What the client was asked to pay at issue, less any credit applied then. */
  readonly amountDueCents: number;
}

/**
 * What collections knows of each invoice to let it be disputed (consumer group
 * `collections.dispute-invoices`): issued, lowered by payments and credit notes, closed. Events of one
 * invoice may arrive in any order across topics, so reductions are kept apart from the issue and
 * an invoice is disputable only once its issue is known.
 */
export abstract class DisputableInvoiceRepository {
  abstract findById(invoiceId: string): Promise<DisputableInvoice | null>;
  abstract recordIssued(invoice: IssuedInvoice): Promise<void>;
  abstract recordReduction(invoiceId: string, amountCents: number): Promise<void>;
  /** Paid, credited in full, voided or written off: nothing left to dispute. */
  abstract recordClosed(invoiceId: string): Promise<void>;
}
