import { Inject, Injectable } from '@nestjs/common';
import type { Clock } from '@mb/kernel';
import { SERVICE_CLOCK } from '@mb/platform';
import { InvoiceErrors } from '../../domain/invoice/invoice.errors';
import { InvoiceDocumentRenderer } from '../ports/invoice-document.port';
import { InvoiceRepository } from '../ports/invoice.repository';
import { invoiceViewOf, type InvoiceView } from './invoice.view';

/** What the APIs read about invoices; an unknown id is `invoice.not_found`. */
@Injectable()
export class InvoiceQueries {
  constructor(
    private readonly invoices: InvoiceRepository,
    private readonly renderer: InvoiceDocumentRenderer,
    @Inject(SERVICE_CLOCK) private readonly clock: Clock,
  ) {}

  async invoice(id: string): Promise<InvoiceView> {
    const invoice = await this.invoices.findById(id);
    if (!invoice) throw InvoiceErrors.notFound(id);
    return invoiceViewOf(invoice.snapshot(), this.clock.now());
  }

  async invoicesOfContract(contractId: string): Promise<InvoiceView[]> {
    const invoices = await this.invoices.findByContract(contractId);
    const now = this.clock.now();
    return invoices.map((invoice) => invoiceViewOf(invoice.snapshot(), now));
  }

  /** The issued invoice as a document; a draft has none yet (`invoice.not_issued`). */
  async pdf(id: string): Promise<{ number: string; document: Buffer }> {
    const invoice = await this.invoices.findById(id);
    if (!invoice) throw InvoiceErrors.notFound(id);
    const snapshot = invoice.snapshot();
    if (snapshot.number === null) throw InvoiceErrors.notIssued(id);
    return { number: snapshot.number, document: await this.renderer.render(snapshot) };
  }
}
