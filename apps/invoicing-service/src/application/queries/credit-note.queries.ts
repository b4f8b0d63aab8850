import { Inject, Injectable } from '@nestjs/common';
import { CreditNoteErrors } from '../../domain/credit-note/credit-note.errors';
import { type BuyerDetails, buyerOfInvoice, eInvoiceOfCreditNote } from '../../domain/documents/e-invoice';
import type { SellerIdentity } from '../../domain/documents/seller-identity';
import { CreditNoteDocumentRenderer } from '../ports/credit-note-document.port';
import { CreditNoteRepository } from '../ports/credit-note.repository';
import { ContractTermsRepository } from '../ports/contract-terms.repository';
import { EInvoiceRenderer, SELLER_IDENTITY } from '../ports/invoice-document.port';
import { creditNoteForEInvoiceOf, creditNoteViewOf, type CreditNoteView } from './credit-note.view';

/** What the APIs (and document generators) read about credit notes; an unknown id is `credit_note.not_found`. */
@Injectable()
export class CreditNoteQueries {
  constructor(
    private readonly creditNotes: CreditNoteRepository,
    private readonly renderer: CreditNoteDocumentRenderer,
    private readonly eInvoices: EInvoiceRenderer,
    private readonly contracts: ContractTermsRepository,
    @Inject(SELLER_IDENTITY) private readonly seller: SellerIdentity,
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

  /** The credit note as a document, with the seller and the buyer its invoice's PDF names. */
  async pdf(creditNote: CreditNoteView): Promise<Buffer> {
    return this.renderer.render(creditNote, { seller: this.seller, buyer: await this.buyerOf(creditNote) });
  }

  /** The credit note as an e-invoice (UBL 2.1 CreditNote, Peppol BIS Billing 3.0), referring to the invoice it credits. */
  async eInvoice(creditNote: CreditNoteView): Promise<{ number: string; document: string; contentType: string }> {
    const document = this.eInvoices.render(eInvoiceOfCreditNote(creditNoteForEInvoiceOf(creditNote), this.seller, await this.buyerOf(creditNote)));
    return { number: creditNote.number, document, contentType: this.eInvoices.contentType };
  }

  /** The buyer: the credited invoice's client, with the billing identity its contract's client gave (as InvoiceQueries reads it). */
  private async buyerOf(creditNote: CreditNoteView): Promise<BuyerDetails> {
    const terms = await this.contracts.findById(creditNote.contractId);
    const client = terms ? { billingAddress: terms.clientBillingAddress ?? null, vatId: terms.clientVatId ?? null, peppolId: terms.clientPeppolId ?? null } : null;
    return buyerOfInvoice(creditNote, client);
  }
}
