import { DomainRejection } from '@mb/kernel';
import type { CaseStatus } from './case-status';

export function illegalCaseTransition(caseId: string, from: CaseStatus, to: CaseStatus): DomainRejection {
  return new DomainRejection('conflict', 'case.illegal_transition', `case ${caseId} cannot move from ${from} to ${to}`);
}

export function caseNotFound(caseId: string): DomainRejection {
  return new DomainRejection('not_found', 'case.not_found', `no collections case ${caseId}`);
}

export function caseNotOpen(caseId: string, status: CaseStatus): DomainRejection {
  return new DomainRejection('conflict', 'case.not_open', `case ${caseId} is ${status}, not open`);
}

export function caseAlreadyHeld(caseId: string, kind: string): DomainRejection {
  return new DomainRejection('conflict', 'case.already_held', `case ${caseId} already has a ${kind} hold`);
}

export function notAwaitingDecision(caseId: string): DomainRejection {
  return new DomainRejection('conflict', 'case.not_awaiting_decision', `case ${caseId} is not waiting for a decision`);
}

export function noNextStage(caseId: string, stage: string): DomainRejection {
  return new DomainRejection('conflict', 'case.no_next_stage', `case ${caseId} is on the last stage of its ladder (${stage})`);
}

export function promisePending(caseId: string): DomainRejection {
  return new DomainRejection('conflict', 'promise.already_pending', `case ${caseId} already has a promise to pay waiting for its date`);
}

export function promiseInvalid(field: string, message: string): DomainRejection {
  return new DomainRejection('invalid', 'promise.invalid', message, field);
}
