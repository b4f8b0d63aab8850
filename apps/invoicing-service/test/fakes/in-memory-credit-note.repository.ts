import { CreditNoteRepository } from '../../src/application/ports/credit-note.repository';
import { CreditNote, type CreditNoteSnapshot } from '../../src/domain/credit-note/credit-note';

/** Credit notes kept as snapshots, added once and never changed, as the table keeps them. */
export class InMemoryCreditNoteRepository extends CreditNoteRepository {
  private readonly creditNotes = new Map<string, CreditNoteSnapshot>();

  async add(creditNote: CreditNote): Promise<void> {
    const snapshot = creditNote.snapshot();
    if (this.creditNotes.has(snapshot.id)) throw new Error(`credit note ${snapshot.id} already exists`);
    if (this.all().some((stored) => stored.number === snapshot.number)) throw new Error(`credit note number ${snapshot.number} is used`);
    this.creditNotes.set(snapshot.id, snapshot);
  }

  async findById(id: string): Promise<CreditNote | null> {
    const snapshot = this.creditNotes.get(id);
    return snapshot ? CreditNote.restore(snapshot) : null;
  }

  async findByInvoice(invoiceId: string): Promise<CreditNote[]> {
    return this.all()
      .filter((stored) => stored.invoiceId === invoiceId)
      .map((snapshot) => CreditNote.restore(snapshot));
  }

  all(): CreditNoteSnapshot[] {
    return [...this.creditNotes.values()];
  }
}
