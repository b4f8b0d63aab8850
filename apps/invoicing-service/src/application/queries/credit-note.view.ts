import type { CreditNoteLine, CreditNoteSnapshot } from '../../domain/credit-note/credit-note';

/**
 * A credit note as the APIs and documents read it: plain data, everything a reader or a document
 * generator (the PDF today; an EN 16931 / UBL 2.1 CreditNote, whose BT-25/BT-26 are the invoice
 * number and issue date here) needs, with no behaviour attached.
 */
export type CreditNoteView = CreditNoteSnapshot;
export type CreditNoteLineView = CreditNoteLine;

export function creditNoteViewOf(creditNote: CreditNoteSnapshot): CreditNoteView {
  return creditNote;
}
