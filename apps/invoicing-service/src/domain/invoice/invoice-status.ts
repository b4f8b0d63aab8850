/**
 * Invoice states, ARCHITECTURE.md "Invoicing and receivables". Overdue is not a state: it is open
 * past the due date. Once issued an invoice is closed in one of four ways (issue 10): `paid` when
 * its balance reaches zero with money received on it; `credited` when credit notes alone took its
 * whole balance (EN 16931 practice: a fully credited invoice is cancelled by its credit notes, not
 * paid, so nothing suggests cash came in); `void` when it is withdrawn before anything was paid or
 * credited; `uncollectible` when its open balance is written off. A draft that is never issued
 * ends `discarded` (issue 10): its milestone was cancelled; never numbered, never owed, kept (not
 * deleted) so that a late or redelivered billing trigger for the cancelled milestone finds it and
 * issues nothing.
 */
export const INVOICE_STATUSES = ['draft', 'open', 'paid', 'credited', 'void', 'uncollectible', 'discarded'] as const;

export type InvoiceStatus = (typeof INVOICE_STATUSES)[number];

/** The intents that move an invoice, one per transition. */
export type InvoiceIntent = 'issue' | 'settle' | 'credit_in_full' | 'void' | 'write_off' | 'discard';

/**
 * Every legal move, and nothing else. A draft is a template nobody owes anything on; once issued
 * (open) its number is used for good, so it is never a draft again.
 */
export const INVOICE_TRANSITIONS: Readonly<Record<InvoiceIntent, { readonly from: readonly InvoiceStatus[]; readonly to: InvoiceStatus }>> = {
  issue: { from: ['draft'], to: 'open' },
  settle: { from: ['open'], to: 'paid' },
  credit_in_full: { from: ['open'], to: 'credited' },
  void: { from: ['open'], to: 'void' },
  write_off: { from: ['open'], to: 'uncollectible' },
  discard: { from: ['draft'], to: 'discarded' },
};

/** The states in which nothing more is owed or expected on an invoice: it is closed for good. */
export const CLOSED_INVOICE_STATUSES: readonly InvoiceStatus[] = ['paid', 'credited', 'void', 'uncollectible'];

export function canTransition(from: InvoiceStatus, intent: InvoiceIntent): boolean {
  return INVOICE_TRANSITIONS[intent].from.includes(from);
}
