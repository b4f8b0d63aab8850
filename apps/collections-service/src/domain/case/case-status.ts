/**
 * A case is open while any of its invoices has a balance; `handed_off` once given to a collection
 * agency (dunning stops; the hand-off part moves it there); closing is final (a new overdue invoice
 * opens a new case).
 */
export const CASE_STATUSES = ['open', 'handed_off', 'closed'] as const;
export type CaseStatus = (typeof CASE_STATUSES)[number];

export const CASE_TRANSITIONS: Readonly<Record<CaseStatus, readonly CaseStatus[]>> = {
  open: ['handed_off', 'closed'],
  handed_off: ['closed'],
  closed: [],
};

export function canMove(from: CaseStatus, to: CaseStatus): boolean {
  return CASE_TRANSITIONS[from].includes(to);
}
