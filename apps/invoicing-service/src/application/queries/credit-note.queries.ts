import { Injectable } from '@nestjs/common';
import { CreditNoteErrors } from '../../domain/credit-note/credit-note.errors';
import { CreditNoteDocumentRenderer } from '../ports/credit-note-document.port';
import { CreditNoteRepository } from '../ports/credit-note.repository';
import { creditNoteViewOf, type CreditNoteView } from './credit-note.view';

/** What the APIs (and document generators) read about credit notes; an unknown id is `credit_note.not_found`. */
@Injectable()
export class CreditNoteQueries {
  constructor(
    private readonly creditNotes: CreditNoteRepository,
    private readonly renderer: CreditNoteDocumentRenderer,
  ) {}

  async creditNote(id: string): Promise<CreditNoteView> {
    const creditNote = await this.creditNotes.findById(id);
    if (!creditNote) throw CreditNoteErrors.notFound(id);
    return creditNoteViewOf(creditNote.snapshot());
  }

  /** The invoice's credit notes, oldest first; none for an invoice with none (or one not known). */
  async creditNotesOfInvoice(invoiceId: string): Promise<CreditNoteView[]> {
    return (await this.creditNotes.findByInvoice(invoiceId)).map((creditNote) => creditNoteViewOf(creditNote.snapshot()));
  }

  async pdf(creditNote: CreditNoteView): Promise<Buffer> {
    return this.renderer.render(creditNote);
  }
}
