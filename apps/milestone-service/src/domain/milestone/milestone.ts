import { AggregateRoot, DomainRejection } from '@mb/kernel';
import {
  type ApprovalRequestKind,
  approvalWindowClosesAt,
  type ApprovalWindowTimer,
  approvalWindowTimers,
  DEEMED_ACCEPTED_REASON,
  lastDayToAnswer,
} from './approval-window.policy';
import { becomesBillableAt } from './billing-trigger.policy';
import { deemedAccepted, illegalChange, illegalTransition, MILESTONE_ERRORS, notReschedulable } from './milestone.errors';
import { BILLING_TRIGGERS, BillingTrigger, CANCELLABLE_STATUSES, HOLDABLE_STATUSES, MilestoneIntent, MilestoneStatus, transitionFor } from './milestone-status';
import { awaitsSubmission, billableOnDate, dayOf, daysLate, daysUntil, dueDateUnderTerms } from './planned-date.policy';

export interface PayoutDestination {
  readonly accountToken: string;
  readonly autoClear: boolean;
}

/**
 * A billing hold: someone stopped the milestone's billing, for a reason. While a hold is current
 * (not released), the billing trigger is still recorded but announced as held, and invoicing
 * issues nothing; releasing it announces the trigger again, unheld. Released holds stay as history.
 */
export interface BillingHold {
  readonly id: string;
  readonly reason: string;
  /** Who placed it: free text until the API authenticates its callers. */
  readonly placedBy: string;
  readonly placedAt: Date;
  readonly releasedBy: string | null;
  readonly releasedAt: Date | null;
}

/** What placing a hold needs: its id (made by the caller) and the reason and who, as given. */
export interface BillingHoldRequest {
  readonly id: string;
  readonly reason: string;
  readonly placedBy: string;
}

/** Bounds of a hold's free text, after trimming. */
export const BILLING_HOLD_LIMITS = { reason: 2000, actor: 200 } as const;

/** Everything a milestone is: what the repository stores and restores. */
export interface MilestoneSnapshot {
  readonly id: string;
  readonly contractId: string;
  readonly clientId: string;
  readonly milestoneIndex: number;
  readonly title: string;
  readonly acceptanceCriteria: string;
  readonly amountCents: number;
  readonly currency: string;
  readonly billingTrigger: BillingTrigger;
  /** YYYY-MM-DD, or null when not planned yet. Moved with movePlannedDate, which keeps no version. */
  readonly plannedDate: string | null;
  /** The contract's payment terms (contract.activated); null for milestones scheduled before they were kept. */
  readonly netDays: number | null;
  /** Days before the planned date that the client's AP contact is told the milestone is coming; 0 for none. */
  readonly advanceNoticeDays: number;
  /** The client's IANA time zone (contract.activated): its planned date's days begin there. */
  readonly clientTimeZone: string;
  /** The planned date whose advance notice (milestone.due_soon) went out; null when none did for this plan. */
  readonly dueSoonAnnouncedFor: string | null;
  /** The planned date whose miss was announced (milestone.delayed); null when none was for this plan. */
  readonly delayAnnouncedFor: string | null;
  readonly approvalWindowDays: number | null;
  readonly deemedAcceptance: boolean;
  readonly payoutDestination: PayoutDestination | null;
  readonly scheduleVersion: number;
  readonly status: MilestoneStatus;
  readonly evidenceUrl: string | null;
  readonly rejectionReason: string | null;
  readonly cancellationReason: string | null;
  readonly startedAt: Date | null;
  readonly submittedAt: Date | null;
  /**
   * When the client's approval window of the last submission closes (approval-window.policy.ts);
   * null without a window. Kept after the answer, as history.
   */
  readonly approvalDueAt: Date | null;
  /** When the window closed unanswered and the contract's deemed acceptance approved the milestone. */
  readonly deemedAcceptedAt: Date | null;
  /** When the window of the current submission closed unanswered without deemed acceptance; it stays submitted. */
  readonly approvalLapsedAt: Date | null;
  readonly approvedAt: Date | null;
  readonly rejectedAt: Date | null;
  readonly triggeredAt: Date | null;
  readonly invoicedAt: Date | null;
  readonly paidAt: Date | null;
  readonly cancelledAt: Date | null;
  /**
   * What the milestone is billed for when that is not its whole amount: the agreed share of
   * unfinished work billed at its contract's termination (issue 14); null otherwise.
   */
  readonly billedAmountCents: number | null;
  /** Every billing hold placed on the milestone, oldest first; at most one not yet released. */
  readonly billingHolds: readonly BillingHold[];
  readonly createdAt: Date;
  readonly updatedAt: Date;
  /**
   * From 1 at creation, one more per change (a transition, a billing hold placed or released):
   * orders a milestone's events and guards updates.
   */
  readonly version: number;
}

/** The schedule entry a milestone is created from (a contract's activation). */
export type ScheduledMilestone = Pick<
  MilestoneSnapshot,
  | 'id'
  | 'contractId'
  | 'clientId'
  | 'milestoneIndex'
  | 'title'
  | 'acceptanceCriteria'
  | 'amountCents'
  | 'currency'
  | 'billingTrigger'
  | 'plannedDate'
  | 'netDays'
  | 'advanceNoticeDays'
  | 'clientTimeZone'
  | 'approvalWindowDays'
  | 'deemedAcceptance'
  | 'payoutDestination'
  | 'scheduleVersion'
>;

/**
 * What a contract amendment (issue 14, a change order) may change of a milestone not yet billed:
 * what the new schedule version says of it, and the contract's terms the milestone keeps a copy of.
 */
export type AmendedMilestoneTerms = Pick<
  MilestoneSnapshot,
  | 'title'
  | 'acceptanceCriteria'
  | 'amountCents'
  | 'billingTrigger'
  | 'plannedDate'
  | 'approvalWindowDays'
  | 'deemedAcceptance'
  | 'payoutDestination'
  | 'netDays'
  | 'advanceNoticeDays'
  | 'scheduleVersion'
>;

/**
 * What amending a milestone came to: its terms changed; nothing to change (a redelivered or
 * repeated amendment); or left as it is: already billed (triggered, invoiced or paid: its invoice
 * stands as issued), cancelled, or already on a later schedule version.
 */
export type MilestoneAmendment = 'amended' | 'unchanged' | 'already_billed' | 'cancelled' | 'later_version';

/** A contract amendment changed the milestone's terms; publishes nothing (contract.amended says it). */
export interface MilestoneTermsAmended {
  readonly type: 'terms_amended';
  readonly milestoneId: string;
  readonly scheduleVersion: number;
  readonly occurredAt: Date;
  readonly version: number;
}

/** Recorded by every transition, creation included (from = null); the application publishes it. */
export interface MilestoneStatusChanged {
  readonly type: 'status_changed';
  readonly milestoneId: string;
  readonly from: MilestoneStatus | null;
  readonly to: MilestoneStatus;
  readonly reason?: string;
  /** Whether a billing hold was current at the change: a held billing trigger is not to be invoiced yet. */
  readonly billingHold: boolean;
  readonly occurredAt: Date;
  /** The milestone's version after this change. */
  readonly version: number;
}

export interface BillingHoldPlaced {
  readonly type: 'billing_hold_placed';
  readonly milestoneId: string;
  readonly holdId: string;
  readonly reason: string;
  readonly placedBy: string;
  readonly occurredAt: Date;
  readonly version: number;
}

export interface BillingHoldReleased {
  readonly type: 'billing_hold_released';
  readonly milestoneId: string;
  readonly holdId: string;
  readonly releasedBy: string;
  readonly occurredAt: Date;
  readonly version: number;
}

/**
 * The billing trigger recorded under a hold goes out now: recorded with the release of the hold of a
 * milestone that is triggered_for_disbursement, so that it is invoiced at once.
 */
export interface BillingTriggerReleased {
  readonly type: 'billing_trigger_released';
  readonly milestoneId: string;
  readonly status: 'triggered_for_disbursement';
  readonly occurredAt: Date;
  readonly version: number;
}

/** What happened to a milestone, recorded by its intent methods. */
export type MilestoneEvent =
  | MilestoneStatusChanged
  | BillingHoldPlaced
  | BillingHoldReleased
  | BillingTriggerReleased
  | MilestoneTermsAmended
  | MilestoneDueSoon
  | MilestoneDelayed
  | ApprovalRequested
  | ApprovalWindowClosed;

/** The client's approver is asked to answer a submission: the request itself, or a reminder. */
export interface ApprovalRequested {
  readonly type: 'approval_requested';
  readonly milestoneId: string;
  readonly kind: ApprovalRequestKind;
  /** When the window closes; null when the contract gives none. */
  readonly closesAt: Date | null;
  /** The last calendar day to answer on, in the client's time zone; null without a window. */
  readonly lastDay: string | null;
  readonly occurredAt: Date;
}

/** The approval window closed without an answer: deemed accepted, or left submitted (the supplier is told). */
export interface ApprovalWindowClosed {
  readonly type: 'approval_window_closed';
  readonly milestoneId: string;
  readonly closedAt: Date;
  readonly deemedAccepted: boolean;
  readonly occurredAt: Date;
}

/** The advance notice: the milestone is coming, the AP contact can plan the payment. */
export interface MilestoneDueSoon {
  readonly type: 'due_soon';
  readonly milestoneId: string;
  readonly plannedDate: string;
  readonly daysUntilDue: number;
  /** The invoice's due date if it is issued on the planned date; null when the terms are not known. */
  readonly expectedDueDate: string | null;
  readonly occurredAt: Date;
}

/** The planned date passed without the work being handed over. */
export interface MilestoneDelayed {
  readonly type: 'delayed';
  readonly milestoneId: string;
  readonly plannedDate: string;
  readonly daysLate: number;
  /** The state it is still in: planned, in_progress or rejected. */
  readonly status: MilestoneStatus;
  readonly occurredAt: Date;
}

/** One move of a planned date, kept as history (milestone.planned_date_changes). */
export interface PlannedDateChange {
  readonly milestoneId: string;
  /** Null when the milestone had no planned date yet. */
  readonly fromDate: string | null;
  readonly toDate: string;
  readonly reason: string;
  readonly changedAt: Date;
}

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

/**
 * A milestone of a contract's payment schedule and its lifecycle. Every change goes through an
 * intent method: a transition checks the transition table (milestone-status.ts), changes the state
 * and records a MilestoneStatusChanged; a billing hold is placed or released by its own intents,
 * which record what they did and take a new version; the planned date and what it set off (the
 * advance notice, the delay) change through their own intents, which are no transitions and keep
 * the version. Nothing else can change it.
 */
export class Milestone extends AggregateRoot<MilestoneEvent> {
  private state: Mutable<MilestoneSnapshot>;
  /** The version the milestone had when loaded (0 when new): the optimistic-concurrency guard. */
  readonly loadedVersion: number;
  private planChanged = false;

  private constructor(state: MilestoneSnapshot, loadedVersion: number) {
    super();
    this.state = { ...state };
    this.loadedVersion = loadedVersion;
  }

  /**
   * A milestone of a contract just signed: planned, or at once triggered_for_disbursement when it
   * is the deposit (on_signing), whose billing trigger is the activation itself.
   */
  static schedule(scheduled: ScheduledMilestone, at: Date): Milestone {
    if (!Number.isSafeInteger(scheduled.amountCents) || scheduled.amountCents < 0) {
      throw new Error(`milestone amount must be a whole number of cents, got ${scheduled.amountCents}`);
    }
    if (!Number.isInteger(scheduled.milestoneIndex) || scheduled.milestoneIndex < 1) {
      throw new Error(`milestone index must be a positive integer, got ${scheduled.milestoneIndex}`);
    }
    if (!Number.isSafeInteger(scheduled.advanceNoticeDays) || scheduled.advanceNoticeDays < 0) {
      throw new Error(`advance notice must be a whole number of days, 0 or more, got ${scheduled.advanceNoticeDays}`);
    }
    const milestone = new Milestone(
      {
        ...scheduled,
        dueSoonAnnouncedFor: null,
        delayAnnouncedFor: null,
        status: 'planned',
        evidenceUrl: null,
        rejectionReason: null,
        cancellationReason: null,
        startedAt: null,
        submittedAt: null,
        approvalDueAt: null,
        deemedAcceptedAt: null,
        approvalLapsedAt: null,
        approvedAt: null,
        rejectedAt: null,
        triggeredAt: null,
        invoicedAt: null,
        paidAt: null,
        cancelledAt: null,
        billedAmountCents: null,
        billingHolds: [],
        createdAt: at,
        updatedAt: at,
        version: 1,
      },
      0,
    );
    milestone.record({ type: 'status_changed', milestoneId: scheduled.id, from: null, to: 'planned', billingHold: false, occurredAt: at, version: 1 });
    if (becomesBillableAt('activation', scheduled.billingTrigger)) milestone.triggerForDisbursement(at);
    return milestone;
  }

  /** A milestone as stored; records nothing. */
  static restore(snapshot: MilestoneSnapshot): Milestone {
    if (snapshot.billingHolds.filter((hold) => hold.releasedAt === null).length > 1) {
      throw new Error(`milestone ${snapshot.id} has more than one billing hold not released`);
    }
    return new Milestone(snapshot, snapshot.version);
  }

  snapshot(): MilestoneSnapshot {
    return { ...this.state, billingHolds: [...this.state.billingHolds] };
  }

  get id(): string {
    return this.state.id;
  }

  get status(): MilestoneStatus {
    return this.state.status;
  }

  get version(): number {
    return this.state.version;
  }

  /** Whether the planned date, or what it set off, changed since loading: saved without a new version. */
  get planningChanged(): boolean {
    return this.planChanged;
  }

  /** The billing hold in force, or null when the milestone may be billed. */
  get billingHold(): BillingHold | null {
    return this.state.billingHolds.find((hold) => hold.releasedAt === null) ?? null;
  }

  /** Whether this intent is legal now (the API may offer only those). */
  can(intent: MilestoneIntent): boolean {
    return transitionFor(intent, this.state.status, this.state.billingTrigger) !== undefined;
  }

  start(at: Date): void {
    this.transition('start', at);
    this.state.startedAt = at;
  }

  /**
   * The work is handed over for approval, with evidence; on_completion milestones become billable
   * now. A milestone left waiting for the client's answer opens its approval window (when the
   * contract gives one) and asks the client's approver for an answer.
   */
  submit(evidenceUrl: string, at: Date): void {
    const evidence = evidenceUrl.trim();
    if (evidence === '') {
      throw new DomainRejection('invalid', MILESTONE_ERRORS.invalidEvidence, 'a submission needs an evidence URL', 'evidence_url');
    }
    this.transition('submit', at);
    this.state.evidenceUrl = evidence;
    this.state.submittedAt = at;
    this.state.rejectionReason = null;
    this.state.approvalLapsedAt = null;
    const windowDays = this.state.approvalWindowDays;
    this.state.approvalDueAt = windowDays === null ? null : approvalWindowClosesAt(at, windowDays, this.timeZone());
    if (becomesBillableAt('submission', this.state.billingTrigger)) {
      this.triggerForDisbursement(at);
      return;
    }
    this.recordApprovalRequest('request', this.state.approvalDueAt, at);
  }

  /** The client accepts the submission; on_approval milestones become billable right after. */
  approve(at: Date): void {
    this.refuseAfterDeemedAcceptance('approve');
    this.transition('approve', at);
    this.state.approvedAt = at;
    if (becomesBillableAt('approval', this.state.billingTrigger)) this.triggerForDisbursement(at);
  }

  /** The client refuses the submission, which closes its window; the work goes back to be done again (start). */
  reject(reason: string, at: Date): void {
    this.refuseAfterDeemedAcceptance('reject');
    const why = reason.trim();
    if (why === '') throw new DomainRejection('invalid', MILESTONE_ERRORS.invalidReason, 'a rejection needs a reason', 'reason');
    this.transition('reject', at, why);
    this.state.rejectionReason = why;
    this.state.rejectedAt = at;
  }

  /** The billing trigger: invoicing issues the milestone's invoice on it. */
  triggerForDisbursement(at: Date): void {
    this.transition('trigger_for_disbursement', at);
    this.state.triggeredAt = at;
  }

  /**
   * The contract was terminated and its settlement bills this milestone (issue 14 item 2): for its
   * whole amount (approved work) or the share given (unfinished work), whatever its billing trigger.
   * Triggered for disbursement at once, so invoicing issues the invoice for what is billed.
   */
  billAtTermination(billedCents: number, reason: string, at: Date): void {
    if (!Number.isSafeInteger(billedCents) || billedCents < 0 || billedCents > this.state.amountCents) {
      throw new Error(`milestone ${this.state.id} cannot be billed ${billedCents} cents of ${this.state.amountCents}`);
    }
    this.transition('bill_at_termination', at, reason);
    this.state.triggeredAt = at;
    this.state.billedAmountCents = billedCents === this.state.amountCents ? null : billedCents;
  }

  markInvoiced(at: Date): void {
    this.transition('mark_invoiced', at);
    this.state.invoicedAt = at;
  }

  markPaid(at: Date): void {
    this.transition('mark_paid', at);
    this.state.paidAt = at;
  }

  cancel(reason: string, at: Date): void {
    const why = reason.trim();
    if (why === '') throw new DomainRejection('invalid', MILESTONE_ERRORS.invalidReason, 'a cancellation needs a reason', 'reason');
    this.transition('cancel', at, why);
    this.state.cancellationReason = why;
    this.state.cancelledAt = at;
  }

  /**
   * The timers the open approval window needs (reminders, then the close), none when the milestone
   * does not wait for an answer within a window: what a submission sets.
   */
  approvalWindowTimers(): ApprovalWindowTimer[] {
    const { status, submittedAt, approvalDueAt, approvalLapsedAt } = this.state;
    if (status !== 'submitted' || submittedAt === null || approvalDueAt === null || approvalLapsedAt !== null) return [];
    return approvalWindowTimers(submittedAt, approvalDueAt, this.timeZone());
  }

  /**
   * A reminder timer of the approval window closing at `closesAt` fired: the approver is reminded,
   * if that window is still open (the milestone still submitted and not answered). Records nothing
   * and returns false otherwise: the answer came first, or the timer belongs to an earlier window.
   */
  remindApproval(kind: Exclude<ApprovalRequestKind, 'request'>, closesAt: Date, at: Date): boolean {
    if (!this.awaitsAnswerWithin(closesAt) || at.getTime() >= closesAt.getTime()) return false;
    this.recordApprovalRequest(kind, closesAt, at);
    return true;
  }

  /**
   * The approval window closing at `closesAt` closed unanswered (its timer fired). With deemed
   * acceptance the milestone is approved (reason deemed_accepted), and an on_approval one triggered
   * for disbursement; without it, the milestone stays submitted and the lapse is recorded, for the
   * supplier to chase. Returns false, recording nothing, when the window was answered or is not
   * the current one.
   */
  closeApprovalWindow(closesAt: Date, at: Date): boolean {
    if (!this.awaitsAnswerWithin(closesAt)) return false;
    const deemed = this.state.deemedAcceptance;
    this.record({ type: 'approval_window_closed', milestoneId: this.state.id, closedAt: closesAt, deemedAccepted: deemed, occurredAt: at });
    if (!deemed) {
      this.state.approvalLapsedAt = at;
      this.changed(at);
      return true;
    }
    this.transition('approve', at, DEEMED_ACCEPTED_REASON);
    this.state.approvedAt = at;
    this.state.deemedAcceptedAt = at;
    if (becomesBillableAt('approval', this.state.billingTrigger)) this.triggerForDisbursement(at);
    return true;
  }

  /**
   * A contract amendment (issue 14) gives the milestone the terms of the new schedule version:
   * amount, title, acceptance criteria, planned date, approval window, deemed acceptance, billing
   * trigger, payout destination and the contract's net days and advance notice. Only a milestone not
   * yet billed changes: once triggered its invoice is (being) issued at the old terms and stays so
   * (contract-service refuses such a change; this is the race it cannot rule out). Not a transition,
   * but a change: one more version. A submission already under review keeps the approval window it
   * was given (approvalDueAt and its timers); the new window applies from the next submission. A
   * moved planned date clears what the old date set off, as movePlannedDate does. A new billing
   * trigger applies from the milestone's next moment (submission, approval, planned date): a
   * moment already passed is not replayed.
   */
  amend(terms: AmendedMilestoneTerms, at: Date): MilestoneAmendment {
    const state = this.state;
    if (state.status === 'cancelled') return 'cancelled';
    if (!CANCELLABLE_STATUSES.includes(state.status)) return 'already_billed';
    if (state.scheduleVersion > terms.scheduleVersion) return 'later_version';
    if (!Number.isSafeInteger(terms.amountCents) || terms.amountCents < 0) {
      throw new Error(`milestone amount must be a whole number of cents, got ${terms.amountCents}`);
    }
    if (!Number.isSafeInteger(terms.advanceNoticeDays) || terms.advanceNoticeDays < 0) {
      throw new Error(`advance notice must be a whole number of days, 0 or more, got ${terms.advanceNoticeDays}`);
    }
    if (!termsDiffer(state, terms)) return 'unchanged';
    if (terms.plannedDate !== state.plannedDate) {
      state.dueSoonAnnouncedFor = null;
      state.delayAnnouncedFor = null;
      this.planChanged = true;
    }
    Object.assign(state, {
      title: terms.title,
      acceptanceCriteria: terms.acceptanceCriteria,
      amountCents: terms.amountCents,
      billingTrigger: terms.billingTrigger,
      plannedDate: terms.plannedDate,
      approvalWindowDays: terms.approvalWindowDays,
      deemedAcceptance: terms.deemedAcceptance,
      payoutDestination: terms.payoutDestination,
      netDays: terms.netDays,
      advanceNoticeDays: terms.advanceNoticeDays,
      scheduleVersion: terms.scheduleVersion,
    });
    this.changed(at);
    this.record({ type: 'terms_amended', milestoneId: state.id, scheduleVersion: terms.scheduleVersion, occurredAt: at, version: state.version });
    return 'amended';
  }

  /**
   * Moves the planned date of a milestone still waiting for its work (issue 9 "Delays"), saying
   * why. A delay announced for the old date is cleared, and so is its advance notice: the new date
   * gets its own. Not a transition: the version stays. Returns the change, for the history.
   */
  movePlannedDate(to: string, reason: string, at: Date): PlannedDateChange {
    const why = reason.trim();
    if (why === '') throw new DomainRejection('invalid', MILESTONE_ERRORS.invalidReason, 'moving a planned date needs a reason', 'reason');
    if (!awaitsSubmission(this.state.status)) throw notReschedulable(this.state.status);
    const from = this.state.plannedDate;
    if (to === from) {
      throw new DomainRejection('invalid', MILESTONE_ERRORS.invalidPlannedDate, `the milestone is already planned for ${to}`, 'planned_date');
    }
    const today = dayOf(at, this.state.clientTimeZone);
    if (to < today) {
      throw new DomainRejection('invalid', MILESTONE_ERRORS.invalidPlannedDate, `a planned date cannot move into the past (today is ${today})`, 'planned_date');
    }
    this.state.plannedDate = to;
    this.state.dueSoonAnnouncedFor = null;
    this.state.delayAnnouncedFor = null;
    this.state.updatedAt = at;
    this.planChanged = true;
    return { milestoneId: this.state.id, fromDate: from, toDate: to, reason: why, changedAt: at };
  }

  /**
   * The advance notice falls due for `plannedDate` (its timer fired): announced once per planned
   * date, while the work is still to be handed over and the date is still ahead. Returns whether it
   * was announced; a timer set for a date since moved announces nothing.
   */
  announceDueSoon(plannedDate: string, at: Date): boolean {
    const state = this.state;
    if (state.plannedDate !== plannedDate || !awaitsSubmission(state.status) || state.dueSoonAnnouncedFor === plannedDate) return false;
    const daysUntilDue = daysUntil(plannedDate, at, state.clientTimeZone);
    if (daysUntilDue < 0) return false;
    state.dueSoonAnnouncedFor = plannedDate;
    state.updatedAt = at;
    this.planChanged = true;
    this.record({
      type: 'due_soon',
      milestoneId: state.id,
      plannedDate,
      daysUntilDue,
      expectedDueDate: state.netDays === null ? null : dueDateUnderTerms(plannedDate, state.netDays),
      occurredAt: at,
    });
    return true;
  }

  /**
   * The planned date passed (its timer fired): a milestone not submitted by then is announced
   * late, once per planned date. Returns whether it was; a timer set for a date since moved, or one
   * firing for a milestone already handed over, announces nothing.
   */
  announceDelay(plannedDate: string, at: Date): boolean {
    const state = this.state;
    // An on_date milestone is never late: its date bills it, whatever the state of the work.
    if (state.billingTrigger === 'on_date') return false;
    if (state.plannedDate !== plannedDate || !awaitsSubmission(state.status) || state.delayAnnouncedFor === plannedDate) return false;
    const late = daysLate(plannedDate, at, state.clientTimeZone);
    if (late < 1) return false;
    state.delayAnnouncedFor = plannedDate;
    state.updatedAt = at;
    this.planChanged = true;
    this.record({ type: 'delayed', milestoneId: state.id, plannedDate, daysLate: late, status: state.status, occurredAt: at });
    return true;
  }

  /**
   * The planned date of an on_date milestone has arrived (its billing-date timer fired): the
   * milestone is triggered for disbursement, whatever the state of the work, if it is still planned
   * for that date and not cancelled or already billed. Under a billing hold the trigger is recorded
   * and announced as held, as for every trigger. Returns whether it was triggered.
   */
  triggerOnDate(plannedDate: string, at: Date): boolean {
    if (!billableOnDate(this.state, plannedDate)) return false;
    this.triggerForDisbursement(at);
    return true;
  }

  /**
   * Stops the milestone's billing until released: allowed before the billing trigger (see
   * HOLDABLE_STATUSES); the trigger, when it comes, is recorded but announced as held.
   */
  placeBillingHold(request: BillingHoldRequest, at: Date): void {
    const reason = requiredText(request.reason, BILLING_HOLD_LIMITS.reason, MILESTONE_ERRORS.invalidReason, 'reason', 'a billing hold needs a reason');
    const placedBy = requiredText(request.placedBy, BILLING_HOLD_LIMITS.actor, MILESTONE_ERRORS.invalidActor, 'placed_by', 'a billing hold needs who placed it');
    const current = this.billingHold;
    if (current) {
      throw new DomainRejection(
        'conflict',
        MILESTONE_ERRORS.alreadyHeld,
        `milestone ${this.state.id} is already on a billing hold (placed by ${current.placedBy})`,
        'billing_hold',
      );
    }
    if (!HOLDABLE_STATUSES.includes(this.state.status)) {
      throw illegalChange('place a billing hold on', this.state.status, this.state.status === 'cancelled' ? '' : ': its billing trigger has fired');
    }
    this.state.billingHolds = [...this.state.billingHolds, { id: request.id, reason, placedBy, placedAt: at, releasedBy: null, releasedAt: null }];
    this.changed(at);
    this.record({ type: 'billing_hold_placed', milestoneId: this.state.id, holdId: request.id, reason, placedBy, occurredAt: at, version: this.state.version });
  }

  /**
   * Lifts the billing hold in force, in any state. A milestone already triggered_for_disbursement
   * under the hold has its billing trigger released at once, to be invoiced now.
   */
  releaseBillingHold(releasedBy: string, at: Date): void {
    const who = requiredText(releasedBy, BILLING_HOLD_LIMITS.actor, MILESTONE_ERRORS.invalidActor, 'released_by', 'releasing a billing hold needs who releases it');
    const current = this.billingHold;
    if (!current) throw new DomainRejection('conflict', MILESTONE_ERRORS.notHeld, `milestone ${this.state.id} is not on a billing hold`, 'billing_hold');
    this.state.billingHolds = this.state.billingHolds.map((hold) => (hold.id === current.id ? { ...hold, releasedBy: who, releasedAt: at } : hold));
    this.changed(at);
    const version = this.state.version;
    this.record({ type: 'billing_hold_released', milestoneId: this.state.id, holdId: current.id, releasedBy: who, occurredAt: at, version });
    if (this.state.status === 'triggered_for_disbursement') {
      this.record({ type: 'billing_trigger_released', milestoneId: this.state.id, status: 'triggered_for_disbursement', occurredAt: at, version });
    }
  }

  /** Whether the milestone waits for the answer to the submission whose window closes at `closesAt`, and it has not lapsed. */
  private awaitsAnswerWithin(closesAt: Date): boolean {
    const { status, approvalDueAt, approvalLapsedAt } = this.state;
    return status === 'submitted' && approvalLapsedAt === null && approvalDueAt !== null && approvalDueAt.getTime() === closesAt.getTime();
  }

  private recordApprovalRequest(kind: ApprovalRequestKind, closesAt: Date | null, at: Date): void {
    const lastDay = closesAt === null ? null : lastDayToAnswer(closesAt, this.timeZone());
    this.record({ type: 'approval_requested', milestoneId: this.state.id, kind, closesAt, lastDay, occurredAt: at });
  }

  /** Once deemed accepted, the client's answer comes too late: a 409 that says why. */
  private refuseAfterDeemedAcceptance(verb: 'approve' | 'reject'): void {
    if (this.state.deemedAcceptedAt !== null) throw deemedAccepted(verb, this.state.id, this.state.deemedAcceptedAt);
  }

  /** The client's IANA time zone: the approval window counts its calendar days. */
  private timeZone(): string {
    return this.state.clientTimeZone;
  }

  /** A change that is not a transition: one more version, for ordering and the optimistic guard. */
  private changed(at: Date): void {
    this.state.version += 1;
    this.state.updatedAt = at;
  }

  private transition(intent: MilestoneIntent, at: Date, reason?: string): void {
    const from = this.state.status;
    const transition = transitionFor(intent, from, this.state.billingTrigger);
    if (!transition) {
      const detail = BILLING_TRIGGERS.some((trigger) => transitionFor(intent, from, trigger) !== undefined);
      throw illegalTransition(intent, from, detail ? ` billed ${this.state.billingTrigger}` : '');
    }
    this.state.status = transition.to;
    this.state.version += 1;
    this.state.updatedAt = at;
    this.record({
      type: 'status_changed',
      milestoneId: this.state.id,
      from,
      to: transition.to,
      ...(reason === undefined ? {} : { reason }),
      billingHold: this.billingHold !== null,
      occurredAt: at,
      version: this.state.version,
    });
  }
}

/** Whether an amendment's terms say anything the milestone does not already hold. */
function termsDiffer(current: AmendedMilestoneTerms, amended: AmendedMilestoneTerms): boolean {
  const { payoutDestination: currentPayout, ...currentTerms } = current;
  const { payoutDestination: amendedPayout, ...amendedTerms } = amended;
  const samePayout =
    currentPayout === amendedPayout ||
    (currentPayout !== null && amendedPayout !== null && currentPayout.accountToken === amendedPayout.accountToken && currentPayout.autoClear === amendedPayout.autoClear);
  return !samePayout || (Object.keys(amendedTerms) as (keyof typeof amendedTerms)[]).some((key) => currentTerms[key] !== amendedTerms[key]);
}

/** Free text a change requires: trimmed, not empty, within its bound; refused as invalid otherwise. */
function requiredText(value: string, maxLength: number, code: string, field: string, missing: string): string {
  const text = value.trim();
  if (text === '') throw new DomainRejection('invalid', code, missing, field);
  if (text.length > maxLength) throw new DomainRejection('invalid', code, `${field} must be at most ${maxLength} characters`, field);
  return text;
}
