/**
 * A case is open while any of its invoices has a balance; closing is final (a new overdue invoice
 * opens a new case). A case handed to a collection agency is `handed_off`: dunning stops, payments
 * (the agency's recoveries among them) still lower it, and it closes when nothing is owed or the
 * rest is written off.
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
