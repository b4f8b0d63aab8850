import { AggregateRoot, DomainRejection, newId } from '@mb/kernel';
import type { MilestoneChange } from '../change-order/schedule-change';
import { assertCanMove, type ContractStatus } from './contract-status';
import { type MilestoneTerms, resolveSchedule, type ScheduledMilestone } from './schedule';
import type { TerminationSettlement } from './termination-settlement';
import { assertDistinctTitles, assertKnownCurrency, type ScheduleWarning, scheduleWarnings } from './schedule-health';

export interface ContractTerms {
  readonly clientId: string;
  readonly title: string;
  readonly currency: string;
  readonly totalValueCents: number;
  readonly netDays: number;
  readonly taxRateBps?: number;
  readonly retainageBps?: number;
  readonly purchaseOrderRef?: string | null;
  /** Days before a milestone's planned date that the client's AP contact is told it is coming; 0 for none. 7 when not given. */
  readonly advanceNoticeDays?: number;
  /**
   * Issue 10 "Retainage released": the day the retainage withheld so far is billed, a calendar date
   * (YYYY-MM-DD) in the client's time zone, if final acceptance has not released it before. Needs
   * retainage to release.
   */
  readonly retainageReleaseDate?: string | null;
  /** Issue 14: whether the supplier may apply a change order without the client's approval. False when not given. */
  readonly allowsUnilateralChanges?: boolean;
  readonly milestones: readonly MilestoneTerms[];
}

/** ISSUE 9 "Advance notices": a week unless the contract says otherwise. */
export const DEFAULT_ADVANCE_NOTICE_DAYS = 7;
/** Longer than a quarter ahead is a forecast, not a notice. */
export const MAX_ADVANCE_NOTICE_DAYS = 90;

export interface ContractSnapshot {
  readonly id: string;
  readonly clientId: string;
  readonly title: string;
  readonly currency: string;
  readonly totalValueCents: number;
  readonly netDays: number;
  readonly taxRateBps: number;
  readonly retainageBps: number;
  readonly purchaseOrderRef: string | null;
  /** Days before a milestone's planned date that its advance notice goes out; 0 for none. */
  readonly advanceNoticeDays: number;
  /** The day the retainage withheld so far is released (billed); null when the contract sets none. */
  readonly retainageReleaseDate: string | null;
  /** Whether the supplier may apply a change order without the client's approval, as signed. */
  readonly allowsUnilateralChanges: boolean;
  readonly status: ContractStatus;
  readonly scheduleVersion: number;
  readonly milestones: readonly ScheduledMilestone[];
  readonly warnings: readonly ScheduleWarning[];
  readonly createdAt: Date;
  readonly activatedAt: Date | null;
  readonly terminatedAt: Date | null;
  readonly terminationReason: string | null;
  /** The day the termination takes effect (YYYY-MM-DD, the client's calendar); null before issue 14's terminations. */
  readonly terminationEffectiveDate: string | null;
  /** Who terminated it (the caller's subject); null before issue 14's terminations. */
  readonly terminatedBy: string | null;
  /** When every milestone was paid or cancelled, at least one paid (issue 14 item 3). */
  readonly completedAt: Date | null;
  /** Optimistic concurrency: the version the contract was loaded at (0 before it is first saved). */
  readonly version: number;
}

/** What happened to a contract, recorded by its intent methods; the application publishes them. */
export type ContractEvent =
  | { readonly type: 'created'; readonly at: Date }
  | { readonly type: 'activated'; readonly at: Date }
  | { readonly type: 'terminated'; readonly at: Date; readonly reason: string; readonly effectiveDate: string; readonly terminatedBy: string; readonly settlement: TerminationSettlement }
  | { readonly type: 'completed'; readonly at: Date; readonly paidMilestones: number; readonly cancelledMilestones: number }
  | ({ readonly type: 'amended'; readonly at: Date } & ContractAmendment);

/** What terminating takes: why, from which day, who, and what becomes of each milestone. */
export interface TerminationRequest {
  readonly reason: string;
  /** YYYY-MM-DD in the client's time zone. */
  readonly effectiveDate: string;
  /** The day the contract was activated, in the client's time zone; null for a draft. */
  readonly activationDate: string | null;
  readonly terminatedBy: string;
  readonly settlement: TerminationSettlement;
}

/** How the milestones ended, as the completion counts them. */
export interface MilestoneOutcomeCounts {
  readonly paid: number;
  readonly cancelled: number;
  readonly other: number;
}

/** What a change order did to the contract, as `contract.amended` tells it. */
export interface ContractAmendment {
  readonly changeOrderId: string;
  readonly reason: string;
  readonly approval: 'client' | 'unilateral';
  readonly approvedBy: string;
  readonly previousScheduleVersion: number;
  readonly previousTotalValueCents: number;
  readonly previousNetDays: number;
  readonly milestoneChanges: readonly MilestoneChange[];
}

/** The terms a change order gives the contract: its whole new schedule, already resolved and checked. */
export interface AmendedTerms {
  readonly totalValueCents: number;
  readonly netDays: number;
  readonly milestones: readonly ScheduledMilestone[];
  readonly warnings: readonly ScheduleWarning[];
}

/**
 * A contract and its payment schedule. Created as a draft only when the schedule is healthy (its
 * errors refuse it), carrying the schedule's warnings; every later change goes through an intent
 * method that checks the transition table and records what happened.
 */
export class Contract extends AggregateRoot<ContractEvent> {
  private constructor(private state: ContractSnapshot) {
    super();
  }

  static draft(terms: ContractTerms, now: Date): Contract {
    const title = terms.title.trim();
    if (title.length === 0) throw new DomainRejection('invalid', 'contract.title_required', 'a contract needs a title', 'title');
    assertKnownCurrency(terms.currency);
    if (!Number.isSafeInteger(terms.totalValueCents) || terms.totalValueCents <= 0) {
      throw new DomainRejection('invalid', 'contract.invalid_total_value', 'total_value_cents must be a positive whole number of minor units', 'total_value_cents');
    }
    assertBasisPointsField(terms.taxRateBps ?? 0, 'tax_rate_bps');
    assertBasisPointsField(terms.retainageBps ?? 0, 'retainage_bps');
    if (!Number.isSafeInteger(terms.netDays) || terms.netDays < 0) {
      throw new DomainRejection('invalid', 'contract.invalid_net_days', 'net_days must be a whole number of days, 0 or more', 'net_days');
    }
    const advanceNoticeDays = terms.advanceNoticeDays ?? DEFAULT_ADVANCE_NOTICE_DAYS;
    if (!Number.isSafeInteger(advanceNoticeDays) || advanceNoticeDays < 0 || advanceNoticeDays > MAX_ADVANCE_NOTICE_DAYS) {
      throw new DomainRejection(
        'invalid',
        'contract.invalid_advance_notice_days',
        `advance_notice_days must be a whole number of days from 0 (no notice) to ${MAX_ADVANCE_NOTICE_DAYS}`,
        'advance_notice_days',
      );
    }
    const retainageReleaseDate = terms.retainageReleaseDate ?? null;
    if (retainageReleaseDate !== null && (terms.retainageBps ?? 0) === 0) {
      throw new DomainRejection(
        'invalid',
        'contract.retainage_release_date_without_retainage',
        'retainage_release_date is the day withheld retainage is released; a contract with retainage_bps 0 withholds none',
        'retainage_release_date',
      );
    }
    const milestones = resolveSchedule(terms.totalValueCents, terms.milestones);
    assertDistinctTitles(milestones);

    const contract = new Contract({
      id: newId('con', now.getTime()),
      clientId: terms.clientId,
      title,
      currency: terms.currency,
      totalValueCents: terms.totalValueCents,
      netDays: terms.netDays,
      taxRateBps: terms.taxRateBps ?? 0,
      retainageBps: terms.retainageBps ?? 0,
      purchaseOrderRef: terms.purchaseOrderRef?.trim() || null,
      advanceNoticeDays,
      retainageReleaseDate,
      allowsUnilateralChanges: terms.allowsUnilateralChanges ?? false,
      status: 'draft',
      scheduleVersion: 1,
      milestones,
      warnings: scheduleWarnings(terms.totalValueCents, milestones),
      createdAt: now,
      activatedAt: null,
      terminatedAt: null,
      terminationReason: null,
      terminationEffectiveDate: null,
      terminatedBy: null,
      completedAt: null,
      version: 0,
    });
    contract.record({ type: 'created', at: now });
    return contract;
  }

  static restore(snapshot: ContractSnapshot): Contract {
    return new Contract(snapshot);
  }

  get id(): string {
    return this.state.id;
  }

  get clientId(): string {
    return this.state.clientId;
  }

  get status(): ContractStatus {
    return this.state.status;
  }

  /** Signed: the schedule becomes binding. */
  activate(now: Date): void {
    assertCanMove(this.state.id, this.state.status, 'active');
    this.state = { ...this.state, status: 'active', activatedAt: now };
    this.record({ type: 'activated', at: now });
  }

  /**
   * Ended before completion, settling the schedule (termination-settlement.ts): the settlement says
   * what milestone-service bills and cancels. The effective date is a day of the client's calendar,
   * not before the activation.
   */
  terminate(request: TerminationRequest, now: Date): void {
    const why = request.reason.trim();
    if (why.length === 0) throw new DomainRejection('invalid', 'contract.termination_reason_required', 'a termination needs a reason', 'reason');
    if (request.activationDate !== null && request.effectiveDate < request.activationDate) {
      throw new DomainRejection(
        'invalid',
        'contract.termination_before_activation',
        `the effective date ${request.effectiveDate} is before the contract's activation on ${request.activationDate}`,
        'effective_date',
      );
    }
    assertCanMove(this.state.id, this.state.status, 'terminated');
    this.state = {
      ...this.state,
      status: 'terminated',
      terminatedAt: now,
      terminationReason: why,
      terminationEffectiveDate: request.effectiveDate,
      terminatedBy: request.terminatedBy,
    };
    this.record({ type: 'terminated', at: now, reason: why, effectiveDate: request.effectiveDate, terminatedBy: request.terminatedBy, settlement: request.settlement });
  }

  /**
   * Completes an active contract once every milestone is paid or cancelled and at least one is
   * paid (a contract whose milestones were all cancelled delivered nothing: it is terminated, not
   * completed). Returns whether it completed; false, recording nothing, otherwise.
   */
  completeIfSettled(milestones: MilestoneOutcomeCounts, now: Date): boolean {
    if (this.state.status !== 'active' || milestones.other > 0 || milestones.paid === 0) return false;
    assertCanMove(this.state.id, this.state.status, 'completed');
    this.state = { ...this.state, status: 'completed', completedAt: now };
    this.record({ type: 'completed', at: now, paidMilestones: milestones.paid, cancelledMilestones: milestones.cancelled });
    return true;
  }

  get scheduleVersion(): number {
    return this.state.scheduleVersion;
  }

  /**
   * Issue 14: a change order takes effect. The schedule moves to the next version with the terms
   * the change order resolved (the change order checked the base version and the billed
   * milestones just before); only an active contract changes.
   */
  amend(terms: AmendedTerms, amendment: Omit<ContractAmendment, 'previousScheduleVersion' | 'previousTotalValueCents' | 'previousNetDays'>, now: Date): void {
    if (this.state.status !== 'active') {
      throw new DomainRejection('conflict', 'contract.not_active', `contract ${this.state.id} is ${this.state.status}; only an active contract can be amended`);
    }
    const previous = this.state;
    this.state = {
      ...previous,
      totalValueCents: terms.totalValueCents,
      netDays: terms.netDays,
      milestones: terms.milestones,
      warnings: terms.warnings,
      scheduleVersion: previous.scheduleVersion + 1,
    };
    this.record({
      type: 'amended',
      at: now,
      ...amendment,
      previousScheduleVersion: previous.scheduleVersion,
      previousTotalValueCents: previous.totalValueCents,
      previousNetDays: previous.netDays,
    });
  }

  snapshot(): ContractSnapshot {
    return this.state;
  }
}

function assertBasisPointsField(value: number, field: string): void {
  if (!Number.isSafeInteger(value) || value < 0 || value > 10_000) {
    throw new DomainRejection('invalid', `contract.invalid_${field}`, `${field} must be whole basis points from 0 to 10000`, field);
  }
}
