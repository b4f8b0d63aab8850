import { Inject, Injectable } from '@nestjs/common';
import type { Clock } from '@mb/kernel';
import { SERVICE_CLOCK } from '@mb/platform';
import { type BuyerDetails, buyerOfInvoice, eInvoiceOfInvoice } from '../../domain/documents/e-invoice';
import type { SellerIdentity } from '../../domain/documents/seller-identity';
import type { InvoiceSnapshot } from '../../domain/invoice/invoice';
import { InvoiceErrors } from '../../domain/invoice/invoice.errors';
import { ContractTermsRepository } from '../ports/contract-terms.repository';
import { MilestoneAcceptanceRepository } from '../ports/milestone-acceptance.repository';
import { EInvoiceRenderer, InvoiceDocumentRenderer, SELLER_IDENTITY } from '../ports/invoice-document.port';
import { InvoiceDisputeRepository } from '../ports/invoice-dispute.repository';
import { InvoiceRepository } from '../ports/invoice.repository';
import { invoiceViewOf, type InvoiceView } from './invoice.view';

/** What the APIs read about invoices; an unknown id is `invoice.not_found`. */
@Injectable()
export class InvoiceQueries {
  constructor(
    private readonly invoices: InvoiceRepository,
    private readonly renderer: InvoiceDocumentRenderer,
    private readonly eInvoices: EInvoiceRenderer,
    private readonly contracts: ContractTermsRepository,
    private readonly acceptances: MilestoneAcceptanceRepository,
    @Inject(SELLER_IDENTITY) private readonly seller: SellerIdentity,
    @Inject(SERVICE_CLOCK) private readonly clock: Clock,
    private readonly disputes: InvoiceDisputeRepository,
  ) {}

  async invoice(id: string): Promise<InvoiceView> {
    const invoice = await this.invoices.findById(id);
    if (!invoice) throw InvoiceErrors.notFound(id);
    const inDispute = await this.disputes.inDisputeAmong([id]);
    return invoiceViewOf(invoice.snapshot(), this.clock.now(), this.seller, inDispute.has(id));
  }

  async invoicesOfContract(contractId: string): Promise<InvoiceView[]> {
    const invoices = await this.invoices.findByContract(contractId);
    const now = this.clock.now();
    const inDispute = await this.disputes.inDisputeAmong(invoices.map((invoice) => invoice.id));
    return invoices.map((invoice) => invoiceViewOf(invoice.snapshot(), now, this.seller, inDispute.has(invoice.id)));
  }

  /** The issued invoice as a document; a draft has none yet (`invoice.not_issued`). */
  async pdf(id: string): Promise<{ number: string; document: Buffer }> {
    const { number, snapshot } = await this.issued(id);
    // A retainage release bills no milestone, so no acceptance stands behind it.
    const acceptance = snapshot.milestoneIndex === null ? null : await this.acceptances.find(snapshot.contractId, snapshot.milestoneIndex);
    const context = { seller: this.seller, buyer: await this.buyerOf(snapshot), acceptance };
    return { number, document: await this.renderer.render(snapshot, context) };
  }

  /** The issued invoice as an e-invoice (UBL 2.1, Peppol BIS Billing 3.0); a draft has none (`invoice.not_issued`). */
  async eInvoice(id: string): Promise<{ number: string; document: string; contentType: string }> {
    const { number, snapshot } = await this.issued(id);
    const document = this.eInvoices.render(eInvoiceOfInvoice(snapshot, this.seller, await this.buyerOf(snapshot)));
    return { number, document, contentType: this.eInvoices.contentType };
  }

  /** The buyer: the invoice's client, with the billing identity its contract's client gave. */
  private async buyerOf(snapshot: InvoiceSnapshot): Promise<BuyerDetails> {
    const terms = await this.contracts.findById(snapshot.contractId);
    const client = terms ? { billingAddress: terms.clientBillingAddress ?? null, vatId: terms.clientVatId ?? null, peppolId: terms.clientPeppolId ?? null } : null;
    return buyerOfInvoice(snapshot, client);
  }

  private async issued(id: string): Promise<{ number: string; snapshot: InvoiceSnapshot }> {
    const invoice = await this.invoices.findById(id);
    if (!invoice) throw InvoiceErrors.notFound(id);
    const snapshot = invoice.snapshot();
    if (snapshot.number === null) throw InvoiceErrors.notIssued(id);
    return { number: snapshot.number, snapshot };
  }
}
