/** A dispute of an invoice as invoicing keeps it (collections owns the dispute itself). */
export interface InvoiceDisputeRecord {
  readonly disputeId: string;
  readonly invoiceId: string;
  readonly status: 'open' | 'upheld' | 'rejected' | 'withdrawn';
  /** The credit note an upheld dispute was credited by; null until then (or when it could not be). */
  readonly creditNoteId: string | null;
}

/**
 * The disputes collections announced on invoices: whether an invoice is in dispute, and which
 * credit note an upheld one produced. Writes join the open unit of work.
 */
export abstract class InvoiceDisputeRepository {
  /** Recorded once per dispute; a redelivery changes nothing. */
  abstract recordOpened(dispute: { disputeId: string; invoiceId: string; openedAt: Date }): Promise<void>;
  /** The dispute, locked until the unit of work ends (two deliveries of its resolution run one after the other). */
  abstract findForUpdate(disputeId: string): Promise<InvoiceDisputeRecord | null>;
  /** Recorded resolved (created resolved if its opening was never heard). */
  abstract recordResolved(dispute: { disputeId: string; invoiceId: string; status: 'upheld' | 'rejected'; openedAt: Date; resolvedAt: Date }): Promise<void>;
  /** Recorded withdrawn (created withdrawn if its opening was never heard): no longer in dispute, nothing to credit. */
  abstract recordWithdrawn(dispute: { disputeId: string; invoiceId: string; openedAt: Date; withdrawnAt: Date }): Promise<void>;
  abstract recordCredited(disputeId: string, creditNoteId: string): Promise<void>;
  abstract recordNotCredited(disputeId: string, reason: string): Promise<void>;
  /** Of `invoiceIds`, those with an open dispute. */
  abstract inDisputeAmong(invoiceIds: readonly string[]): Promise<ReadonlySet<string>>;
}
