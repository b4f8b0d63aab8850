import { Injectable } from '@nestjs/common';
import { create } from 'xmlbuilder2';
import type { XMLBuilder } from 'xmlbuilder2/lib/interfaces';
import { CURRENCY_EXPONENTS } from '@mb/money';
import { EInvoiceRenderer } from '../../application/ports/invoice-document.port';
import type { EInvoiceDocument, EInvoiceLine, EInvoiceParty } from '../../domain/documents/e-invoice';

/** Peppol BIS Billing 3.0: the specification (BT-24) and business process (BT-23) identifiers. */
export const PEPPOL_BIS_BILLING_3 = {
  customizationId: 'urn:cen.eu:en16931:2017#compliant#urn:fdc:peppol.eu:2017:poacc:billing:3.0',
  profileId: 'urn:fdc:peppol.eu:2017:poacc:billing:01:1.0',
} as const;

const NAMESPACES = {
  invoice: 'urn:oasis:names:specification:ubl:schema:xsd:Invoice-2',
  credit_note: 'urn:oasis:names:specification:ubl:schema:xsd:CreditNote-2',
  cac: 'urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2',
  cbc: 'urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2',
} as const;

/**
 * An amount in minor units as the decimal UBL carries, in major units with the currency's
 * decimals: 123456 USD → "1234.56", 150000 JPY → "150000". EN 16931 (BR-DEC-*) allows at most two
 * decimals, so a three-decimal currency (KWD, BHD…) cannot be written without rounding, which
 * an invoice must not do: it is refused.
 */
export function ublAmount(amountCents: number, currency: string): string {
  const exponent = CURRENCY_EXPONENTS[currency];
  if (exponent === undefined) throw new RangeError(`unknown currency ${currency}`);
  if (exponent > 2) throw new RangeError(`EN 16931 amounts have at most two decimals; ${currency.toUpperCase()} has ${exponent}`);
  if (!Number.isSafeInteger(amountCents)) throw new RangeError(`amount must be a whole number of minor units (got ${amountCents})`);
  const negative = amountCents < 0;
  const digits = String(Math.abs(amountCents)).padStart(exponent + 1, '0');
  const whole = digits.slice(0, digits.length - exponent);
  return `${negative ? '-' : ''}${whole}${exponent > 0 ? `.${digits.slice(digits.length - exponent)}` : ''}`;
}

/** Basis points as a VAT percentage (BT-152): 825 → "8.25", 2000 → "20". */
export function ublPercent(basisPoints: number): string {
  const whole = Math.trunc(basisPoints / 100);
  const fraction = String(basisPoints % 100).padStart(2, '0').replace(/0+$/, '');
  return fraction ? `${whole}.${fraction}` : String(whole);
}

/**
 * Writes an e-invoice document as UBL 2.1 XML following Peppol BIS Billing 3.0 (an Invoice, or a
 * CreditNote for a credit note). Elements are written in the order the UBL schema's sequences
 * demand; optional ones are left out rather than written empty (PEPPOL-EN16931-R008). Totals are
 * derived here from the lines (BR-CO-10, BR-CO-13 to 16) so that they add up by construction.
 */
export function ublXmlOf(document: EInvoiceDocument): string {
  const isInvoice = document.kind === 'invoice';
  const currency = document.currency.toUpperCase();
  const money = (cents: number) => ublAmount(cents, document.currency);
  const root = create({ version: '1.0', encoding: 'UTF-8' }).ele(isInvoice ? NAMESPACES.invoice : NAMESPACES.credit_note, isInvoice ? 'Invoice' : 'CreditNote', {
    'xmlns:cac': NAMESPACES.cac,
    'xmlns:cbc': NAMESPACES.cbc,
  });
  const cbc = (parent: XMLBuilder, name: string, value: string, attributes?: Record<string, string>) =>
    parent.ele(NAMESPACES.cbc, `cbc:${name}`, attributes).txt(value).up();
  const cac = (parent: XMLBuilder, name: string) => parent.ele(NAMESPACES.cac, `cac:${name}`);
  const amount = (parent: XMLBuilder, name: string, cents: number) => cbc(parent, name, money(cents), { currencyID: currency });

  cbc(root, 'CustomizationID', PEPPOL_BIS_BILLING_3.customizationId);
  cbc(root, 'ProfileID', PEPPOL_BIS_BILLING_3.profileId);
  cbc(root, 'ID', document.number);
  cbc(root, 'IssueDate', document.issueDate);
  if (isInvoice && document.dueDate) cbc(root, 'DueDate', document.dueDate);
  cbc(root, isInvoice ? 'InvoiceTypeCode' : 'CreditNoteTypeCode', isInvoice ? '380' : '381');
  if (document.note) cbc(root, 'Note', document.note);
  cbc(root, 'DocumentCurrencyCode', currency);
  cbc(root, 'BuyerReference', document.buyerReference);
  if (document.purchaseOrderReference) cbc(cac(root, 'OrderReference'), 'ID', document.purchaseOrderReference);
  if (document.precedingInvoice) {
    const reference = cac(cac(root, 'BillingReference'), 'InvoiceDocumentReference');
    cbc(reference, 'ID', document.precedingInvoice.number);
    if (document.precedingInvoice.issueDate) cbc(reference, 'IssueDate', document.precedingInvoice.issueDate);
  }
  if (document.contractReference) cbc(cac(root, 'ContractDocumentReference'), 'ID', document.contractReference);
  if (isInvoice && document.projectReference) cbc(cac(root, 'ProjectReference'), 'ID', document.projectReference);

  const party = (role: 'AccountingSupplierParty' | 'AccountingCustomerParty', of: EInvoiceParty) => {
    const element = cac(cac(root, role), 'Party');
    if (of.endpoint) cbc(element, 'EndpointID', of.endpoint.id, { schemeID: of.endpoint.scheme });
    const { street, city, postalCode, countryCode } = of.address;
    if (street || city || postalCode || countryCode) {
      const address = cac(element, 'PostalAddress');
      if (street) cbc(address, 'StreetName', street);
      if (city) cbc(address, 'CityName', city);
      if (postalCode) cbc(address, 'PostalZone', postalCode);
      if (countryCode) cbc(cac(address, 'Country'), 'IdentificationCode', countryCode);
    }
    if (of.vatId) {
      const taxScheme = cac(element, 'PartyTaxScheme');
      cbc(taxScheme, 'CompanyID', of.vatId);
      cbc(cac(taxScheme, 'TaxScheme'), 'ID', 'VAT');
    }
    cbc(cac(element, 'PartyLegalEntity'), 'RegistrationName', of.name);
  };
  party('AccountingSupplierParty', document.seller);
  party('AccountingCustomerParty', document.buyer);

  if (document.payment) {
    const means = cac(root, 'PaymentMeans');
    cbc(means, 'PaymentMeansCode', document.payment.meansCode);
    cbc(means, 'PaymentID', document.payment.remittanceReference);
    const account = cac(means, 'PayeeFinancialAccount');
    cbc(account, 'ID', document.payment.account);
    if (document.payment.accountName) cbc(account, 'Name', document.payment.accountName);
    if (document.payment.bic) cbc(cac(account, 'FinancialInstitutionBranch'), 'ID', document.payment.bic);
  }
  if (document.paymentTerms) cbc(cac(root, 'PaymentTerms'), 'Note', document.paymentTerms);

  // BG-23: one VAT breakdown per category and rate; its VAT is the sum of the lines' rounded VAT
  // (within BR-CO-17's one-unit tolerance of taxable × rate).
  const breakdown = new Map<string, { category: EInvoiceLine['taxCategory']; rateBps: number; taxableCents: number; taxCents: number }>();
  for (const line of document.lines) {
    const key = `${line.taxCategory}:${line.taxRateBps}`;
    const group = breakdown.get(key) ?? { category: line.taxCategory, rateBps: line.taxRateBps, taxableCents: 0, taxCents: 0 };
    breakdown.set(key, { ...group, taxableCents: group.taxableCents + line.netAmountCents, taxCents: group.taxCents + line.taxCents });
  }
  const taxCategory = (parent: XMLBuilder, name: 'TaxCategory' | 'ClassifiedTaxCategory', category: string, rateBps: number) => {
    const element = cac(parent, name);
    cbc(element, 'ID', category);
    cbc(element, 'Percent', ublPercent(rateBps));
    cbc(cac(element, 'TaxScheme'), 'ID', 'VAT');
  };
  const lineTotalCents = document.lines.reduce((sum, line) => sum + line.netAmountCents, 0);
  const taxTotalCents = [...breakdown.values()].reduce((sum, group) => sum + group.taxCents, 0);
  const taxTotal = cac(root, 'TaxTotal');
  amount(taxTotal, 'TaxAmount', taxTotalCents);
  for (const group of breakdown.values()) {
    const subtotal = cac(taxTotal, 'TaxSubtotal');
    amount(subtotal, 'TaxableAmount', group.taxableCents);
    amount(subtotal, 'TaxAmount', group.taxCents);
    taxCategory(subtotal, 'TaxCategory', group.category, group.rateBps);
  }

  const totals = cac(root, 'LegalMonetaryTotal');
  amount(totals, 'LineExtensionAmount', lineTotalCents); // BT-106
  amount(totals, 'TaxExclusiveAmount', lineTotalCents); // BT-109: no document-level allowances or charges
  amount(totals, 'TaxInclusiveAmount', lineTotalCents + taxTotalCents); // BT-112
  if (document.prepaidCents > 0) amount(totals, 'PrepaidAmount', document.prepaidCents); // BT-113
  amount(totals, 'PayableAmount', lineTotalCents + taxTotalCents - document.prepaidCents); // BT-115

  for (const line of document.lines) {
    const element = cac(root, isInvoice ? 'InvoiceLine' : 'CreditNoteLine');
    cbc(element, 'ID', line.id);
    cbc(element, isInvoice ? 'InvoicedQuantity' : 'CreditedQuantity', '1', { unitCode: 'C62' });
    amount(element, 'LineExtensionAmount', line.netAmountCents);
    const item = cac(element, 'Item');
    if (line.description && line.description !== line.name) cbc(item, 'Description', line.description);
    cbc(item, 'Name', line.name);
    taxCategory(item, 'ClassifiedTaxCategory', line.taxCategory, line.taxRateBps);
    amount(cac(element, 'Price'), 'PriceAmount', line.netAmountCents);
  }
  return root.end({ prettyPrint: true });
}

/** E-invoices as UBL 2.1, Peppol BIS Billing 3.0 (ublXmlOf). */
@Injectable()
export class UblEInvoiceRenderer extends EInvoiceRenderer {
  readonly contentType = 'application/xml';

  render(document: EInvoiceDocument): string {
    return ublXmlOf(document);
  }
}
