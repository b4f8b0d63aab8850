import { Invoice, type DraftInvoiceTerms } from './invoice';

/** Builders with intent names for invoice tests. */
export const CONTRACT_ID = 'con_01JTEST0000000000000000001';
export const CLIENT_ID = 'cli_01JTEST0000000000000000001';

export function draftTerms(overrides: Partial<DraftInvoiceTerms> = {}): DraftInvoiceTerms {
  return {
    id: 'inv_01JTEST0000000000000000002',
    contractId: CONTRACT_ID,
    clientId: CLIENT_ID,
    clientName: 'Acme Corp',
    clientTimeZone: 'UTC',
    contractTitle: 'Customer portal rebuild',
    purchaseOrderRef: 'PO-77812',
    milestoneIndex: 2,
    milestoneTitle: 'Midway UI Prototype Sign-off',
    amountCents: 750_000,
    currency: 'usd',
    netDays: 15,
    taxRateBps: 0,
    retainageBps: 0,
    ...overrides,
  };
}

/** A draft prepared at activation, nothing recorded. */
export function aDraftInvoice(overrides: Partial<DraftInvoiceTerms> = {}): Invoice {
  return Invoice.prepareDraft(draftTerms(overrides));
}

/** Issued as INV-2026-000001 on 2026-05-28, so due 2026-06-12 on net-15; its events already pulled. */
export function anOpenInvoice(overrides: Partial<DraftInvoiceTerms> = {}): Invoice {
  const invoice = aDraftInvoice(overrides);
  invoice.issue({ number: 'INV-2026-000001', issueDate: '2026-05-28' });
  invoice.pullEvents();
  return invoice;
}
