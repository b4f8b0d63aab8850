import { DomainRejection } from '@mb/kernel';

/**
 * Contract lifecycle, ARCHITECTURE.md "Contracts and schedules": draft → active → terminated.
 * Completion (active → completed, when every milestone is paid) is planned; its column and check
 * constraint already exist, but nothing can complete a contract yet, so the status is not offered.
 */
export const CONTRACT_STATUSES = ['draft', 'active', 'terminated'] as const;

export type ContractStatus = (typeof CONTRACT_STATUSES)[number];

/** Every move a contract may make; anything not listed is refused. */
export const CONTRACT_TRANSITIONS: Readonly<Record<ContractStatus, readonly ContractStatus[]>> = {
  draft: ['active', 'terminated'],
  active: ['terminated'],
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
