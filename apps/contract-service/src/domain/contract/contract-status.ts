import { DomainRejection } from '@mb/kernel';

/**
 * Contract lifecycle, ARCHITECTURE.md "Contracts and schedules": draft → active → completed (every
 * milestone paid or cancelled, issue 14), or terminated early from draft or active.
 */
export const CONTRACT_STATUSES = ['draft', 'active', 'completed', 'terminated'] as const;

export type ContractStatus = (typeof CONTRACT_STATUSES)[number];

/** Every move a contract may make; anything not listed is refused. */
export const CONTRACT_TRANSITIONS: Readonly<Record<ContractStatus, readonly ContractStatus[]>> = {
  draft: ['active', 'terminated'],
  active: ['completed', 'terminated'],
  completed: [],
  terminated: [],
};

export function canMove(from: ContractStatus, to: ContractStatus): boolean {
  return CONTRACT_TRANSITIONS[from].includes(to);
}

/** The stable code of a refused move: activation has its own (`contract.not_draft`), as the API documents. */
export function assertCanMove(contractId: string, from: ContractStatus, to: ContractStatus): void {
  if (canMove(from, to)) return;
  if (to === 'active') {
    throw new DomainRejection('conflict', 'contract.not_draft', `contract ${contractId} is ${from}; only a draft contract can be activated`);
  }
  throw new DomainRejection('conflict', 'contract.illegal_transition', `contract ${contractId} cannot go from ${from} to ${to}`);
}
