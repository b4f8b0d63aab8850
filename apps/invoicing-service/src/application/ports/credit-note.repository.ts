import type { CreditNote } from '../../domain/credit-note/credit-note';

/** Where credit notes are kept: added once, never changed. Writes join the open unit of work; "not found" is null. */
export abstract class CreditNoteRepository {
  abstract add(creditNote: CreditNote): Promise<void>;
  abstract findById(id: string): Promise<CreditNote | null>;
  /** The invoice's credit notes, oldest first. */
  abstract findByInvoice(invoiceId: string): Promise<CreditNote[]>;
}
