/**
 * Invoice states, ARCHITECTURE.md "Invoicing and receivables". Overdue is not a state: it is open
 * past the due date. Void and uncollectible come with the intents that reach them (the table's
 * check constraint already admits them). `discarded` is a draft whose milestone was cancelled
 * (issue 10): never numbered, never owed, kept (not deleted) so that a late or redelivered billing
 * trigger for the cancelled milestone finds it and issues nothing.
 */
export const INVOICE_STATUSES = ['draft', 'open', 'paid', 'discarded'] as const;

export type InvoiceStatus = (typeof INVOICE_STATUSES)[number];

/** The intents that move an invoice, one per transition. */
export type InvoiceIntent = 'issue' | 'settle' | 'discard';

/**
 * Every legal move, and nothing else. A draft is a template nobody owes anything on; once issued
 * (open) its number is used for good, so it is never a draft again.
 */
export const INVOICE_TRANSITIONS: Readonly<Record<InvoiceIntent, { readonly from: readonly InvoiceStatus[]; readonly to: InvoiceStatus }>> = {
  issue: { from: ['draft'], to: 'open' },
  settle: { from: ['open'], to: 'paid' },
  discard: { from: ['draft'], to: 'discarded' },
};

export function canTransition(from: InvoiceStatus, intent: InvoiceIntent): boolean {
  return INVOICE_TRANSITIONS[intent].from.includes(from);
}
