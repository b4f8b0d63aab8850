import { Invoice, type DraftInvoiceTerms } from './invoice';
import { computeInvoiceLines } from './invoice-lines';

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
    scheduleVersion: 1,
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

/**
 * An open invoice of several lines (as a retainage release or an amended draft may have), issued
 * on 2026-05-28 (INV-2026-000001 unless told); its events already pulled.
 */
export function anOpenInvoiceOfLines(
  lineAmounts: readonly number[],
  options: { taxRateBps?: number; retainageBps?: number; id?: string; number?: string; clientTimeZone?: string } = {},
): Invoice {
  const taxRateBps = options.taxRateBps ?? 0;
  const retainageBps = options.retainageBps ?? 0;
  const draft = aDraftInvoice({ taxRateBps, retainageBps, ...(options.id ? { id: options.id } : {}), ...(options.clientTimeZone ? { clientTimeZone: options.clientTimeZone } : {}) }).snapshot();
  const totals = computeInvoiceLines(
    lineAmounts.map((amountCents, index) => ({ description: `Work package ${index + 1}`, amountCents })),
    taxRateBps,
    retainageBps,
  );
  const invoice = Invoice.restore({ ...draft, ...totals });
  invoice.issue({ number: options.number ?? 'INV-2026-000001', issueDate: '2026-05-28' });
  invoice.pullEvents();
  return invoice;
}
