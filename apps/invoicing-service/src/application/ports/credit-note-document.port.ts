import type { BuyerDetails } from '../../domain/documents/e-invoice';
import type { SellerIdentity } from '../../domain/documents/seller-identity';
import type { CreditNoteView } from '../queries/credit-note.view';

/** What a credit-note document shows besides the credit note: who issued it and who it credits, as the invoice's document names them. */
export interface CreditNoteDocumentContext {
  readonly seller: SellerIdentity;
  readonly buyer: BuyerDetails;
}

/** Renders an issued credit note as a document a person reads. */
export abstract class CreditNoteDocumentRenderer {
  abstract render(creditNote: CreditNoteView, context: CreditNoteDocumentContext): Promise<Buffer>;
}
