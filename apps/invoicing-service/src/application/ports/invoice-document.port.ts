import type { InvoiceSnapshot } from '../../domain/invoice/invoice';

/** Renders an issued invoice as a document a person reads. */
export abstract class InvoiceDocumentRenderer {
  abstract render(invoice: InvoiceSnapshot): Promise<Buffer>;
}
