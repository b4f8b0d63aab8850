import { Inject, Injectable } from '@nestjs/common';
import type { Clock } from '@mb/kernel';
import { SERVICE_CLOCK } from '@mb/platform';
import type { InvoiceStatus } from '../../domain/invoice/invoice-status';
import type { InvoiceSnapshot } from '../../domain/invoice/invoice';
import type { SellerIdentity } from '../../domain/documents/seller-identity';
import { SELLER_IDENTITY } from '../ports/invoice-document.port';
import { InvoiceDisputeRepository } from '../ports/invoice-dispute.repository';
import { invoiceViewOf, type InvoiceView } from './invoice.view';

/** GET /v1/invoices's filters, every one optional and all of them combined (AND). */
export interface InvoiceListFilter {
  readonly contractId?: string;
  readonly clientId?: string;
  readonly status?: InvoiceStatus;
  readonly currency?: string;
  /** Due on or after / on or before (calendar dates, the invoice's own). */
  readonly dueFrom?: string;
  readonly dueTo?: string;
  /** Open past its due date by the client's calendar at `now` (true), or anything else (false). */
  readonly overdue?: boolean;
}

/**
 * Where an invoice stands in the list's one order: by contract (ids grow with creation), then by
 * milestone index, so a contract's invoices come together in schedule order; a retainage release
 * bills no milestone and stands after them (`RELEASE_POSITION`), releases by id. The invoice id
 * makes the position unique.
 */
export interface InvoiceListPosition {
  readonly contractId: string;
  readonly milestoneIndex: number;
  readonly invoiceId: string;
}

/** The milestone position a retainage release sorts at: after every milestone (indexes are int4). */
export const RELEASE_POSITION = 2_147_483_647;

/** A page: the first `limit` invoices after the position of the last one seen (none: from the start). */
export interface InvoicePageRequest {
  readonly after: InvoiceListPosition | null;
  readonly limit: number;
}

export const INVOICE_PAGE_LIMIT = { default: 50, max: 200 } as const;

export interface InvoicePage {
  readonly invoices: readonly InvoiceSnapshot[];
  /** The position of the page's last invoice when more follow; null on the last page. */
  readonly lastWhenMore: InvoiceListPosition | null;
}

/**
 * The portfolio-wide invoice list's rows: a port answered in SQL by the persistence adapter (keyset
 * pagination over the filters, with the indexes of migration 1765550000000).
 */
export abstract class InvoiceListSource {
  abstract list(filter: InvoiceListFilter, page: InvoicePageRequest, now: Date): Promise<InvoicePage>;
}

/** The portfolio-wide invoice list, as the APIs read it, at the service clock's now. */
@Injectable()
export class InvoiceListQueries {
  constructor(
    private readonly source: InvoiceListSource,
    @Inject(SERVICE_CLOCK) private readonly clock: Clock,
    private readonly disputes: InvoiceDisputeRepository,
    @Inject(SELLER_IDENTITY) private readonly seller: SellerIdentity,
  ) {}

  async list(filter: InvoiceListFilter, page: InvoicePageRequest): Promise<{ invoices: InvoiceView[]; lastWhenMore: InvoiceListPosition | null }> {
    const now = this.clock.now();
    const { invoices, lastWhenMore } = await this.source.list(filter, page, now);
    const inDispute = await this.disputes.inDisputeAmong(invoices.map((invoice) => invoice.id));
    return { invoices: invoices.map((invoice) => invoiceViewOf(invoice, now, this.seller, inDispute.has(invoice.id))), lastWhenMore };
  }
}
