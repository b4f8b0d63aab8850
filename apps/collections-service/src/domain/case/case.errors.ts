import { DomainRejection } from '@mb/kernel';
import type { CaseStatus } from './case-status';

export function illegalCaseTransition(caseId: string, from: CaseStatus, to: CaseStatus): DomainRejection {
  return new DomainRejection('conflict', 'case.illegal_transition', `case ${caseId} cannot move from ${from} to ${to}`);
}

export function caseNotFound(caseId: string): DomainRejection {
  return new DomainRejection('not_found', 'case.not_found', `no collections case ${caseId}`);
}
