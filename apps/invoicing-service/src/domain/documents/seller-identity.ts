import type { PostalAddress } from './e-invoice';

/**
 * Who issues the invoices (EN 16931 BG-4) and how to pay them (BG-16): from configuration
 * (SELLER_* variables), shown on the PDF and written into the e-invoice.
 */
export interface SellerIdentity {
  /** BT-27: the registered legal name. */
  readonly legalName: string;
  readonly address: PostalAddress & { readonly countryCode: string };
  /** BT-31: the VAT identifier, prefixed with its country code (DE123456789). */
  readonly vatId: string;
  /** BT-34: where the seller receives e-invoice responses, with its EAS scheme. */
  readonly endpoint: { readonly scheme: string; readonly id: string };
  readonly payment: {
    /** BT-84: an IBAN, or an account number where IBANs are not used. */
    readonly account: string;
    /** BT-85: the account holder's name. */
    readonly accountName: string | null;
    /** BT-86: the bank's BIC. */
    readonly bic: string | null;
  };
}

/** An address as lines a person reads: street, postal code and city, country. */
export function addressLinesOf(address: PostalAddress): string[] {
  const cityLine = [address.postalCode, address.city].filter((part) => part).join(' ');
  return [address.street, cityLine, address.countryCode].filter((line): line is string => !!line);
}
