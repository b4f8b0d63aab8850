import type { BuyerDetails, EInvoiceDocument } from '../../domain/documents/e-invoice';
import type { SellerIdentity } from '../../domain/documents/seller-identity';
import type { InvoiceSnapshot } from '../../domain/invoice/invoice';
import type { MilestoneAcceptance } from './milestone-acceptance.repository';

/** What an invoice document shows besides the invoice: who issued it, who it bills, how its milestone was accepted. */
export interface InvoiceDocumentContext {
  readonly seller: SellerIdentity;
  readonly buyer: BuyerDetails;
  /** The milestone's acceptance evidence; null when invoicing heard none. */
  readonly acceptance: MilestoneAcceptance | null;
}

/** Renders an issued invoice as a document a person reads. */
export abstract class InvoiceDocumentRenderer {
  abstract render(invoice: InvoiceSnapshot, context: InvoiceDocumentContext): Promise<Buffer>;
}

/** Renders an e-invoice document (an invoice or a credit note) in a machine-readable syntax. */
export abstract class EInvoiceRenderer {
  /** The media type of what `render` returns. */
  abstract readonly contentType: string;
  abstract render(document: EInvoiceDocument): string;
}

/** The seller identity from configuration (config.ts sellerIdentityOf), as a provider token. */
export const SELLER_IDENTITY = Symbol('SELLER_IDENTITY');
