import { DomainRejection } from '@mb/kernel';

/**
 * Issue 14 change order lifecycle: proposed → approved | rejected | expired. A unilateral change
 * order is approved the moment it is made (it is never proposed to anyone).
 */
export const CHANGE_ORDER_STATUSES = ['proposed', 'approved', 'rejected', 'expired'] as const;

export type ChangeOrderStatus = (typeof CHANGE_ORDER_STATUSES)[number];

export const CHANGE_ORDER_TRANSITIONS: Readonly<Record<ChangeOrderStatus, readonly ChangeOrderStatus[]>> = {
  proposed: ['approved', 'rejected', 'expired'],
  approved: [],
  rejected: [],
  expired: [],
};

/** How a change order takes effect: the client approves it, or the supplier applies it as the contract allows. */
export const CHANGE_ORDER_APPLY_MODES = ['on_client_approval', 'unilateral'] as const;

export type ChangeOrderApplyMode = (typeof CHANGE_ORDER_APPLY_MODES)[number];

export function assertChangeOrderCanMove(changeOrderId: string, from: ChangeOrderStatus, to: ChangeOrderStatus): void {
  if (CHANGE_ORDER_TRANSITIONS[from].includes(to)) return;
  throw new DomainRejection('conflict', 'change_order.not_proposed', `change order ${changeOrderId} is ${from}; only a proposed change order can be ${to}`);
}
