import type { InvoiceSnapshot } from '../invoice/invoice';
import type { SellerIdentity } from './seller-identity';

/**
 * How to pay an invoice, as its PDF prints it, its e-invoice states it (BG-16/BG-17) and the API
 * shows it (issue 15, for the client portal): a bank transfer to the seller's configured account,
 * quoting the invoice number as the remittance reference (BT-83). One function, so the three never
 * disagree.
 */
export interface PaymentInstructions {
  readonly method: 'bank_transfer';
  /** BT-85, the account holder: the configured account name, else the seller's legal name. */
  readonly accountName: string;
  /** BT-84: an IBAN, or an account number where IBANs are not used. */
  readonly account: string;
  /** BT-83: what the payer quotes (the invoice number). */
  readonly remittanceReference: string;
}

/** The instructions for an issued invoice; a draft (or a discarded one) has no number to quote, so none. */
export function paymentInstructionsOf(invoice: Pick<InvoiceSnapshot, 'number'>, seller: SellerIdentity): PaymentInstructions | null {
  if (invoice.number === null) return null;
  return {
    method: 'bank_transfer',
    accountName: seller.payment.accountName ?? seller.legalName,
    account: seller.payment.account,
    remittanceReference: invoice.number,
  };
}
