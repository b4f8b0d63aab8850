import { Injectable } from '@nestjs/common';
import { EInvoiceWriter } from '../../application/ports/invoice-document.port';
import type { EInvoiceDocument } from '../../domain/documents/e-invoice';
import { ublXmlOf } from './ubl.generator';

/** E-invoices as UBL 2.1, Peppol BIS Billing 3.0 (ubl.generator.ts). */
@Injectable()
export class UblEInvoiceWriter extends EInvoiceWriter {
  readonly contentType = 'application/xml';

  write(document: EInvoiceDocument): string {
    return ublXmlOf(document);
  }
}
