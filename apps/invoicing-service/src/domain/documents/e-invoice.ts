import type { InvoiceSnapshot } from '../invoice/invoice';
import type { SellerIdentity } from './seller-identity';

/**
 * The e-invoice as plain data, in EN 16931's terms (the BT-n numbers name the business terms), from
 * which the UBL generator writes Peppol BIS Billing 3.0 XML. Amounts stay in minor units here; the
 * generator writes them in major units with the currency's decimals. Nothing in it depends on how
 * it is serialised, so a CII or PDF/A-3 writer could take the same model.
 */
export interface EInvoiceDocument {
  /** `invoice` (type code 380, commercial invoice) or `credit_note` (381). */
  readonly kind: 'invoice' | 'credit_note';
  /** BT-1. */
  readonly number: string;
  /** BT-2, a calendar date (YYYY-MM-DD). */
  readonly issueDate: string;
  /** BT-9; a credit note has none. */
  readonly dueDate: string | null;
  /** BT-5, ISO 4217 (lowercase, as the rest of the system; the generator upper-cases it). */
  readonly currency: string;
  /** BT-22: a free-text note (what the invoice is for, how retainage is handled); Peppol allows one (PEPPOL-EN16931-R002). */
  readonly note: string | null;
  /** BT-10: the buyer's reference for routing the invoice (PEPPOL-EN16931-R003 wants it or BT-13). */
  readonly buyerReference: string;
  /** BT-13: the buyer's purchase order number, when the client gave one. */
  readonly purchaseOrderReference: string | null;
  /** BT-12: the contract the invoice bills. */
  readonly contractReference: string | null;
  /** BT-11: the project; invoices only (UBL's CreditNote has no ProjectReference). */
  readonly projectReference: string | null;
  /** BT-25/BT-26: the invoice a credit note corrects. */
  readonly precedingInvoice: { readonly number: string; readonly issueDate: string | null } | null;
  readonly seller: EInvoiceParty;
  readonly buyer: EInvoiceParty;
  /** BG-16/BG-17: how to pay; null on a credit note that repays nothing. */
  readonly payment: EInvoicePaymentInstructions | null;
  /** BT-20. */
  readonly paymentTerms: string | null;
  readonly lines: readonly EInvoiceLine[];
  /**
   * BT-113, "paid amount", subtracted from the total with VAT to give the amount due (BR-CO-16).
   * Used for retainage: see eInvoiceOfInvoice.
   */
  readonly prepaidCents: number;
}

export interface EInvoiceParty {
  /** BT-27 / BT-44: legal name. */
  readonly name: string;
  /**
   * BT-34 / BT-49: the electronic address, with its EAS scheme (`0088` GLN, `0060` DUNS, `9930`
   * German VAT …). Peppol requires both parties' (PEPPOL-EN16931-R010, R020); null when unknown.
   */
  readonly endpoint: { readonly scheme: string; readonly id: string } | null;
  /** BG-5 / BG-8; the country (BT-40 / BT-55) is required (BR-9, BR-11), the rest is written when known. */
  readonly address: PostalAddress;
  /** BT-31 / BT-48: VAT identifier, prefixed with the country code. */
  readonly vatId: string | null;
}

export interface PostalAddress {
  readonly street: string | null;
  readonly city: string | null;
  readonly postalCode: string | null;
  /** ISO 3166-1 alpha-2, upper case; null when not known (an incomplete buyer, which BR-11 refuses). */
  readonly countryCode: string | null;
}

export interface EInvoicePaymentInstructions {
  /** BT-81, UNCL 4461: 30 credit transfer, 58 SEPA credit transfer. */
  readonly meansCode: '30' | '58';
  /** BT-83: the reference the payer quotes (the invoice number). */
  readonly remittanceReference: string;
  /** BT-84: IBAN or account number. */
  readonly account: string;
  /** BT-85. */
  readonly accountName: string | null;
  /** BT-86: BIC. */
  readonly bic: string | null;
}

export interface EInvoiceLine {
  /** BT-126. */
  readonly id: string;
  /** BT-153 item name. */
  readonly name: string;
  /** BT-154 item description, when it says more than the name. */
  readonly description: string | null;
  /** BT-131, net of VAT; quantity 1 (BT-129, unit C62 "one") at this price (BT-146). */
  readonly netAmountCents: number;
  /** BT-151, UNCL 5305: S standard rate, Z zero rated. */
  readonly taxCategory: 'S' | 'Z';
  /** BT-152 in basis points (825 = 8.25 %). */
  readonly taxRateBps: number;
  /** The line's VAT as the invoice rounded it (half-even, per line): summed per category into BT-117. */
  readonly taxCents: number;
}

/** The buyer as invoicing knows it: the client's name and, when the contract gave them, its address and ids. */
export interface BuyerDetails {
  readonly name: string;
  readonly address: PostalAddress;
  readonly vatId: string | null;
  /** Where the client receives e-invoices (its Peppol participant id); null when not known. */
  readonly endpoint: { readonly scheme: string; readonly id: string } | null;
}

/** Who the client is on an e-invoice, as the contract's client gave it; each part may be missing. */
export interface ClientBillingIdentity {
  readonly billingAddress: (PostalAddress & { readonly countryCode: string }) | null;
  readonly vatId: string | null;
  /** `scheme:identifier`. */
  readonly peppolId: string | null;
}

/**
 * The buyer of an invoice: the client's name from the invoice, and its billing address, VAT id and
 * Peppol participant id when the client gave them (contract-service, carried by contract.activated).
 * Without an address and a Peppol id the e-invoice lacks the buyer's address (BR-10, BR-11) and
 * electronic address (PEPPOL-EN16931-R010): it is still served, and the gap is the client record's.
 */
export function buyerOfInvoice(invoice: Pick<InvoiceSnapshot, 'clientName' | 'clientId'>, client: ClientBillingIdentity | null): BuyerDetails {
  const [scheme, ...id] = client?.peppolId?.split(':') ?? [];
  return {
    name: invoice.clientName ?? invoice.clientId,
    address: client?.billingAddress ?? { street: null, city: null, postalCode: null, countryCode: null },
    vatId: client?.vatId ?? null,
    endpoint: scheme && id.length > 0 ? { scheme, id: id.join(':') } : null,
  };
}

/** A zero rate is zero-rated supply (Z); any other rate is the standard rate (S). */
function taxCategoryOf(taxRateBps: number): 'S' | 'Z' {
  return taxRateBps === 0 ? 'Z' : 'S';
}

function sellerPartyOf(seller: SellerIdentity): EInvoiceParty {
  return { name: seller.legalName, endpoint: seller.endpoint, address: seller.address, vatId: seller.vatId };
}

function paymentOf(seller: SellerIdentity, reference: string): EInvoicePaymentInstructions {
  // SEPA credit transfer when the account is an IBAN in the SEPA zone's format; a plain credit transfer otherwise.
  const isIban = /^[A-Z]{2}\d{2}[A-Z0-9]{10,30}$/.test(seller.payment.account);
  // BT-85 only when configured: without it the account holder is the seller party itself (BT-27),
  // which is what paymentInstructionsOf shows as the account name.
  return { meansCode: isIban ? '58' : '30', remittanceReference: reference, account: seller.payment.account, accountName: seller.payment.accountName, bic: seller.payment.bic };
}

/**
 * An issued invoice as an e-invoice. Retainage is the one choice to explain: EN 16931 has no
 * "retainage" term. It is not a price reduction, so it is not an allowance (that would lower the
 * VAT base, and VAT is due on the whole supply); the total with VAT (BT-112) stays the whole
 * invoice. What the buyer pays now is the amount due (BT-115), and BR-CO-16 makes that
 * BT-112 − BT-113 (paid amount) + BT-114 (rounding): the withheld amount goes in BT-113, and a note
 * (BT-22) and the payment terms (BT-20) say that it is retainage withheld until final acceptance,
 * not a payment. BT-115 then equals the invoice's payable amount, the balance the system tracks.
 */
export function eInvoiceOfInvoice(invoice: InvoiceSnapshot, seller: SellerIdentity, buyer: BuyerDetails): EInvoiceDocument {
  if (invoice.number === null || invoice.issueDate === null) throw new Error(`invoice ${invoice.id} is not issued: a draft has no e-invoice`);
  const retained = invoice.retainageCents > 0 ? ` less retainage withheld (${invoice.retainageBps / 100} %) until final acceptance, which is not a payment and is invoiced on release` : '';
  const note = `Milestone ${invoice.milestoneIndex}: ${invoice.milestoneTitle} (${invoice.contractTitle}).${retained ? ` The amount due is the invoice total${retained}.` : ''}`;
  return {
    kind: 'invoice',
    number: invoice.number,
    issueDate: invoice.issueDate,
    dueDate: invoice.dueDate,
    currency: invoice.currency,
    note,
    buyerReference: invoice.purchaseOrderRef ?? invoice.contractId,
    purchaseOrderReference: invoice.purchaseOrderRef,
    contractReference: invoice.contractId,
    projectReference: invoice.contractTitle,
    precedingInvoice: null,
    seller: sellerPartyOf(seller),
    buyer: { name: buyer.name, endpoint: buyer.endpoint, address: buyer.address, vatId: buyer.vatId },
    payment: paymentOf(seller, invoice.number),
    paymentTerms: `Net ${invoice.netDays} days${invoice.dueDate ? `, due ${invoice.dueDate}` : ''}. Quote ${invoice.number} with the payment.${retained ? ' Amount due is the total' + retained + '.' : ''}`,
    lines: invoice.lines.map((line) => ({
      id: String(line.lineNumber),
      name: `Milestone ${invoice.milestoneIndex}: ${invoice.milestoneTitle}`,
      description: line.description,
      netAmountCents: line.amountCents,
      taxCategory: taxCategoryOf(line.taxRateBps),
      taxRateBps: line.taxRateBps,
      taxCents: line.taxCents,
    })),
    prepaidCents: invoice.retainageCents,
  };
}

/**
 * A credit note as the e-invoice needs it: the plain model the credit-note domain maps to (its
 * amounts positive, what it takes off the invoice). The lines are what is credited, net of VAT,
 * with the VAT credited on each.
 */
export interface CreditNoteForEInvoice {
  readonly number: string;
  readonly issueDate: string;
  readonly currency: string;
  readonly reason: string | null;
  readonly invoice: { readonly number: string; readonly issueDate: string | null; readonly contractId: string; readonly purchaseOrderRef: string | null };
  readonly lines: readonly { readonly description: string; readonly netAmountCents: number; readonly taxRateBps: number; readonly taxCents: number }[];
}

/** A credit note as an e-invoice document (UBL CreditNote, type code 381), referring to the invoice it corrects (BT-25). */
export function eInvoiceOfCreditNote(creditNote: CreditNoteForEInvoice, seller: SellerIdentity, buyer: BuyerDetails): EInvoiceDocument {
  return {
    kind: 'credit_note',
    number: creditNote.number,
    issueDate: creditNote.issueDate,
    dueDate: null,
    currency: creditNote.currency,
    note: `Credit note for invoice ${creditNote.invoice.number}${creditNote.reason ? `: ${creditNote.reason}` : ''}`,
    buyerReference: creditNote.invoice.purchaseOrderRef ?? creditNote.invoice.contractId,
    purchaseOrderReference: creditNote.invoice.purchaseOrderRef,
    contractReference: creditNote.invoice.contractId,
    projectReference: null,
    precedingInvoice: { number: creditNote.invoice.number, issueDate: creditNote.invoice.issueDate },
    seller: sellerPartyOf(seller),
    buyer: { name: buyer.name, endpoint: buyer.endpoint, address: buyer.address, vatId: buyer.vatId },
    payment: null,
    paymentTerms: `Credits invoice ${creditNote.invoice.number}; the amount is taken off its balance.`,
    lines: creditNote.lines.map((line, index) => ({
      id: String(index + 1),
      name: line.description,
      description: null,
      netAmountCents: line.netAmountCents,
      taxCategory: taxCategoryOf(line.taxRateBps),
      taxRateBps: line.taxRateBps,
      taxCents: line.taxCents,
    })),
    prepaidCents: 0,
  };
}
