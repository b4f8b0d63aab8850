/** Invoice states, ARCHITECTURE.md "Invoicing and receivables". Overdue is not a state: it is open past the due date. */
export const INVOICE_STATUSES = ['draft', 'open', 'paid', 'void', 'uncollectible'] as const;

export type InvoiceStatus = (typeof INVOICE_STATUSES)[number];

/** The intents that move an invoice, one per transition. */
export type InvoiceIntent = 'issue' | 'settle' | 'void' | 'mark_uncollectible';

/**
 * Every legal move, and nothing else. A draft is a template nobody owes anything on; once issued
 * (open) its number is used for good, so it ends paid, void or uncollectible but never draft again.
 */
export const INVOICE_TRANSITIONS: Readonly<Record<InvoiceIntent, { readonly from: readonly InvoiceStatus[]; readonly to: InvoiceStatus }>> = {
  issue: { from: ['draft'], to: 'open' },
  settle: { from: ['open'], to: 'paid' },
  void: { from: ['draft', 'open'], to: 'void' },
  mark_uncollectible: { from: ['open'], to: 'uncollectible' },
};

export function canTransition(from: InvoiceStatus, intent: InvoiceIntent): boolean {
  return INVOICE_TRANSITIONS[intent].from.includes(from);
}
