import type { BuyerDetails, EInvoiceDocument } from '../../domain/documents/e-invoice';
import type { SellerIdentity } from '../../domain/documents/seller-identity';
import type { InvoiceSnapshot } from '../../domain/invoice/invoice';

/** Renders an issued invoice as a document a person reads, naming the seller who issued it and the buyer. */
export abstract class InvoiceDocumentRenderer {
  abstract render(invoice: InvoiceSnapshot, seller: SellerIdentity, buyer: BuyerDetails): Promise<Buffer>;
}

/** Renders an e-invoice document (an invoice or a credit note) in a machine-readable syntax. */
export abstract class EInvoiceRenderer {
  /** The media type of what `render` returns. */
  abstract readonly contentType: string;
  abstract render(document: EInvoiceDocument): string;
}

/** The seller identity from configuration (config.ts sellerIdentityOf), as a provider token. */
export const SELLER_IDENTITY = Symbol('SELLER_IDENTITY');
