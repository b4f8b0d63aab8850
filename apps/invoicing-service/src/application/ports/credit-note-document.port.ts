import type { CreditNoteView } from '../queries/credit-note.view';

/** Renders an issued credit note as a document a person reads. */
export abstract class CreditNoteDocumentRenderer {
  abstract render(creditNote: CreditNoteView): Promise<Buffer>;
}
