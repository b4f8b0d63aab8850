import { Injectable } from '@nestjs/common';
import { TypeOrmUnitOfWork } from '@mb/messaging';
import { CreditNoteRepository } from '../../application/ports/credit-note.repository';
import { CreditNote, type CreditNoteLine } from '../../domain/credit-note/credit-note';
import { CreditNoteEntity, type CreditNoteRecord, type StoredCreditNoteLine } from './credit-note.orm-entity';
import { InvoiceEntity, type InvoiceRecord } from './invoice.orm-entity';
import { invoiceLineOf, storedLineOf as storedInvoiceLineOf } from './typeorm-invoice.repository';

/** The invoice columns a credit note repeats, read through its reference rather than stored twice. */
type InvoiceHeader = Pick<
  InvoiceRecord,
  'id' | 'number' | 'issueDate' | 'clientName' | 'clientTimeZone' | 'contractTitle' | 'purchaseOrderRef' | 'milestoneIndex'
>;

@Injectable()
export class TypeOrmCreditNoteRepository extends CreditNoteRepository {
  constructor(private readonly unitOfWork: TypeOrmUnitOfWork) {
    super();
  }

  async add(creditNote: CreditNote): Promise<void> {
    const s = creditNote.snapshot();
    await this.unitOfWork.currentManager().insert(CreditNoteEntity, {
      id: s.id,
      number: s.number,
      invoiceId: s.invoiceId,
      contractId: s.contractId,
      clientId: s.clientId,
      currency: s.currency,
      issueDate: s.issueDate,
      reason: s.reason,
      lines: s.lines.map(storedLineOf),
      subtotalCents: s.subtotalCents,
      taxCents: s.taxCents,
      retainageCents: s.retainageCents,
      totalCents: s.totalCents,
      amountCreditedCents: s.amountCreditedCents,
      issuedAt: new Date(s.issuedAt),
    });
  }

  async findById(id: string): Promise<CreditNote | null> {
    const [found] = await this.withInvoices(await this.unitOfWork.readManager().find(CreditNoteEntity, { where: { id } }));
    return found ?? null;
  }

  async findByInvoice(invoiceId: string): Promise<CreditNote[]> {
    // Read in the caller's unit of work when there is one: issuing a note reads the notes before it
    // under the invoice's lock.
    const records = await this.unitOfWork.readManager().find(CreditNoteEntity, { where: { invoiceId }, order: { issuedAt: 'ASC', number: 'ASC' } });
    return this.withInvoices(records);
  }

  private async withInvoices(records: CreditNoteRecord[]): Promise<CreditNote[]> {
    if (records.length === 0) return [];
    const invoiceIds = [...new Set(records.map((record) => record.invoiceId))];
    const headers = (await this.unitOfWork
      .readManager()
      .createQueryBuilder(InvoiceEntity, 'invoice')
      .select(['invoice.id', 'invoice.number', 'invoice.issueDate', 'invoice.clientName', 'invoice.clientTimeZone', 'invoice.contractTitle', 'invoice.purchaseOrderRef', 'invoice.milestoneIndex'])
      .where('invoice.id IN (:...invoiceIds)', { invoiceIds })
      .getMany()) as InvoiceHeader[];
    const byId = new Map(headers.map((header) => [header.id, header]));
    return records.map((record) => {
      const invoice = byId.get(record.invoiceId);
      if (!invoice || invoice.number === null || invoice.issueDate === null) throw new Error(`credit note ${record.id} references invoice ${record.invoiceId}, which is not issued`);
      return creditNoteOf(record, { ...invoice, number: invoice.number, issueDate: invoice.issueDate });
    });
  }
}

function creditNoteOf(record: CreditNoteRecord, invoice: InvoiceHeader & { number: string; issueDate: string }): CreditNote {
  return CreditNote.restore({
    id: record.id,
    number: record.number,
    invoiceId: record.invoiceId,
    invoiceNumber: invoice.number,
    invoiceIssueDate: invoice.issueDate,
    contractId: record.contractId,
    clientId: record.clientId,
    clientName: invoice.clientName,
    clientTimeZone: invoice.clientTimeZone,
    contractTitle: invoice.contractTitle,
    purchaseOrderRef: invoice.purchaseOrderRef,
    milestoneIndex: invoice.milestoneIndex,
    currency: record.currency,
    issueDate: record.issueDate,
    reason: record.reason,
    lines: record.lines.map(lineOf),
    subtotalCents: record.subtotalCents,
    taxCents: record.taxCents,
    retainageCents: record.retainageCents,
    totalCents: record.totalCents,
    amountCreditedCents: record.amountCreditedCents,
    issuedAt: record.issuedAt.toISOString(),
  });
}

function storedLineOf(line: CreditNoteLine): StoredCreditNoteLine {
  return { ...storedInvoiceLineOf(line), invoice_line_number: line.invoiceLineNumber };
}

function lineOf(line: StoredCreditNoteLine): CreditNoteLine {
  return { ...invoiceLineOf(line), invoiceLineNumber: line.invoice_line_number };
}
