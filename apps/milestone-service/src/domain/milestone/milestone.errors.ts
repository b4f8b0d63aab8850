import { DomainRejection } from '@mb/kernel';
import type { MilestoneIntent, MilestoneStatus } from './milestone-status';

/** Stable codes the API returns for refused milestone changes. */
export const MILESTONE_ERRORS = {
  illegalTransition: 'milestone.illegal_transition',
  notFound: 'milestone.not_found',
  /** Raised by the repository as the kernel's ConcurrentUpdate('milestone', id). */
  concurrentUpdate: 'milestone.concurrent_update',
  invalidEvidence: 'milestone.invalid_evidence',
  invalidReason: 'milestone.invalid_reason',
  /** Who placed or released a billing hold is missing or too long. */
  invalidActor: 'milestone.invalid_actor',
  alreadyHeld: 'milestone.already_held',
  notHeld: 'milestone.not_held',
  /** A planned date moved to the past, or to the date it already has. */
  invalidPlannedDate: 'milestone.invalid_planned_date',
  /** The planned date of a milestone already submitted, billed or cancelled stays as it was. */
  notReschedulable: 'milestone.not_reschedulable',
  /** The approval window closed unanswered and the contract deemed the milestone accepted: no answer changes that. */
  deemedAccepted: 'milestone.deemed_accepted',
} as const;

const VERB_OF_INTENT: Record<MilestoneIntent, string> = {
  start: 'start',
  submit: 'submit',
  approve: 'approve',
  reject: 'reject',
  trigger_for_disbursement: 'trigger for disbursement',
  bill_at_termination: 'bill at termination',
  mark_invoiced: 'mark as invoiced',
  mark_paid: 'mark as paid',
  cancel: 'cancel',
};

function withArticle(status: MilestoneStatus): string {
  const words = status.replace(/_/g, ' ');
  return /^[aeiou]/.test(words) ? `an ${words}` : `a ${words}`;
}

export function illegalTransition(intent: MilestoneIntent, from: MilestoneStatus, detail = ''): DomainRejection {
  return illegalChange(VERB_OF_INTENT[intent], from, detail);
}

/** A change the milestone's state does not allow: `cannot <verb> a <status> milestone<detail>`. */
export function illegalChange(verb: string, from: MilestoneStatus, detail = ''): DomainRejection {
  return new DomainRejection('conflict', MILESTONE_ERRORS.illegalTransition, `cannot ${verb} ${withArticle(from)} milestone${detail}`, 'status');
}

export function milestoneNotFound(id: string): DomainRejection {
  return new DomainRejection('not_found', MILESTONE_ERRORS.notFound, `no milestone ${id}`);
}

export function notReschedulable(status: MilestoneStatus): DomainRejection {
  return new DomainRejection(
    'conflict',
    MILESTONE_ERRORS.notReschedulable,
    `cannot move the planned date of ${withArticle(status)} milestone: only a planned, in progress or rejected one waits for its work`,
    'status',
  );
}

export function deemedAccepted(verb: 'approve' | 'reject', id: string, at: Date): DomainRejection {
  return new DomainRejection(
    'conflict',
    MILESTONE_ERRORS.deemedAccepted,
    `cannot ${verb} milestone ${id}: its approval window closed unanswered and it was deemed accepted at ${at.toISOString()}`,
    'status',
  );
}
