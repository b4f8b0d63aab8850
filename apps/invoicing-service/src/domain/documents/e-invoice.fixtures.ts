import type { BuyerDetails, CreditNoteForEInvoice } from './e-invoice';
import type { SellerIdentity } from './seller-identity';

/** A seller as a real deployment configures it: a German company with a SEPA account. */
export function aSeller(overrides: Partial<SellerIdentity> = {}): SellerIdentity {
  return {
    legalName: 'Milestone Works GmbH',
    address: { street: 'Friedrichstraße 68', city: 'Berlin', postalCode: '10117', countryCode: 'DE' },
    vatId: 'DE123456789',
    endpoint: { scheme: '9930', id: 'DE123456789' },
    payment: { account: 'DE89370400440532013000', accountName: 'Milestone Works GmbH', bic: 'COBADEFFXXX' },
    ...overrides,
  };
}

/** A buyer registered on the Peppol network by its D-U-N-S number. */
export function aBuyer(overrides: Partial<BuyerDetails> = {}): BuyerDetails {
  return {
    name: 'Acme Corp',
    address: { street: '1 Market Street', city: 'San Francisco', postalCode: '94105', countryCode: 'US' },
    vatId: null,
    endpoint: { scheme: '0060', id: '123456789' },
    ...overrides,
  };
}

/** A partial credit note: 2,000.00 USD net plus 8.25 % tax taken off INV-2026-000001. */
export function aCreditNote(overrides: Partial<CreditNoteForEInvoice> = {}): CreditNoteForEInvoice {
  return {
    number: 'CN-2026-000001',
    issueDate: '2026-06-02',
    currency: 'usd',
    reason: 'Two days of the prototype review were not delivered',
    invoice: { number: 'INV-2026-000001', issueDate: '2026-05-28', contractId: 'con_01JTEST0000000000000000001', purchaseOrderRef: 'PO-77812' },
    lines: [{ description: 'Prototype review days not delivered', netAmountCents: 200_000, taxRateBps: 825, taxCents: 16_500 }],
    ...overrides,
  };
}
