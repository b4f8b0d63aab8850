import { addDays, AggregateRoot, calendarDateIn, DomainRejection, newId, startOfDayIn } from '@mb/kernel';
import type { ContractSnapshot } from '../contract/contract';
import type { ScheduledMilestone } from '../contract/schedule';
import { type ScheduleWarning, scheduleWarnings } from '../contract/schedule-health';
import { assertChangeOrderCanMove, type ChangeOrderApplyMode, type ChangeOrderStatus } from './change-order-status';
import { assertNotLocked, type MilestoneChange, proposeSchedule, type ScheduleChangeRequest } from './schedule-change';

/** The client has two weeks to answer a change order unless the supplier gives it another window. */
export const DEFAULT_RESPONSE_WINDOW_DAYS = 14;
/** A change order left open for longer than a quarter blocks every other change for too long. */
export const MAX_RESPONSE_WINDOW_DAYS = 90;

export interface ProposeChangeOrder {
  readonly contract: ContractSnapshot;
  readonly clientTimeZone: string;
  readonly reason: string;
  readonly changes: ScheduleChangeRequest;
  readonly apply: ChangeOrderApplyMode;
  /** Calendar days the client has to answer (client approval only); 14 when not given. */
  readonly respondWithinDays?: number;
  readonly proposedBy: string;
  readonly highestMilestoneIndexEverUsed: number;
  readonly lockedMilestones: ReadonlyMap<number, string>;
}

export interface ChangeOrderSnapshot {
  readonly id: string;
  readonly contractId: string;
  readonly clientId: string;
  readonly status: ChangeOrderStatus;
  readonly apply: ChangeOrderApplyMode;
  readonly reason: string;
  readonly baseScheduleVersion: number;
  readonly previousTotalValueCents: number;
  readonly previousNetDays: number;
  readonly totalValueCents: number;
  readonly netDays: number;
  /** The whole schedule the change order proposes (billed milestones included, unchanged). */
  readonly milestones: readonly ScheduledMilestone[];
  readonly milestoneChanges: readonly MilestoneChange[];
  readonly warnings: readonly ScheduleWarning[];
  readonly proposedBy: string;
  readonly proposedAt: Date;
  /** When the client's window to answer closes; null for a unilateral change order. */
  readonly respondBy: Date | null;
  /** Who approved (client), applied (supplier, unilateral) or rejected it; null while proposed or once expired. */
  readonly decidedBy: string | null;
  readonly decidedAt: Date | null;
  /** Why the client rejected it; null otherwise. */
  readonly rejectionReason: string | null;
  /** The schedule version it produced, once approved. */
  readonly resultingScheduleVersion: number | null;
  /** Optimistic concurrency: the version loaded (0 before it is first saved). */
  readonly version: number;
}

export type ChangeOrderEvent =
  | { readonly type: 'proposed'; readonly at: Date }
  | { readonly type: 'approved'; readonly at: Date; readonly by: string }
  | { readonly type: 'rejected'; readonly at: Date; readonly by: string; readonly reason: string }
  | { readonly type: 'expired'; readonly at: Date };

/**
 * Issue 14 "Change orders": a proposed new version of an active contract's schedule. The proposal
 * is resolved and health-checked when it is made (errors refuse it, warnings travel with it) and
 * stays as proposed: approval applies exactly what the client saw. Applying it to the contract is
 * the contract's business (Contract.amend); the change order checks first that what it was built
 * on still holds: the same schedule version, and none of the milestones it touches billed since.
 */
export class ChangeOrder extends AggregateRoot<ChangeOrderEvent> {
  private constructor(private state: ChangeOrderSnapshot) {
    super();
  }

  static propose(input: ProposeChangeOrder, now: Date): ChangeOrder {
    const { contract } = input;
    if (contract.status !== 'active') {
      throw new DomainRejection('conflict', 'change_order.contract_not_active', `contract ${contract.id} is ${contract.status}; only an active contract takes change orders`);
    }
    const reason = input.reason.trim();
    if (reason.length === 0) throw new DomainRejection('invalid', 'change_order.reason_required', 'a change order needs a reason', 'reason');
    if (input.apply === 'unilateral' && !contract.allowsUnilateralChanges) {
      throw new DomainRejection(
        'invalid',
        'change_order.unilateral_not_allowed',
        `contract ${contract.id} does not allow unilateral changes; the change order needs the client's approval (apply: on_client_approval)`,
        'apply',
      );
    }
    const respondWithinDays = input.respondWithinDays ?? DEFAULT_RESPONSE_WINDOW_DAYS;
    if (!Number.isSafeInteger(respondWithinDays) || respondWithinDays < 1 || respondWithinDays > MAX_RESPONSE_WINDOW_DAYS) {
      throw new DomainRejection(
        'invalid',
        'change_order.invalid_respond_within_days',
        `respond_within_days must be a whole number of days from 1 to ${MAX_RESPONSE_WINDOW_DAYS}`,
        'respond_within_days',
      );
    }
    const proposed = proposeSchedule(
      {
        totalValueCents: contract.totalValueCents,
        netDays: contract.netDays,
        milestones: contract.milestones,
        highestMilestoneIndexEverUsed: input.highestMilestoneIndexEverUsed,
        lockedMilestones: input.lockedMilestones,
      },
      input.changes,
    );
    const changeOrder = new ChangeOrder({
      id: newId('chg', now.getTime()),
      contractId: contract.id,
      clientId: contract.clientId,
      status: 'proposed',
      apply: input.apply,
      reason,
      baseScheduleVersion: contract.scheduleVersion,
      previousTotalValueCents: contract.totalValueCents,
      previousNetDays: contract.netDays,
      totalValueCents: proposed.totalValueCents,
      netDays: proposed.netDays,
      milestones: proposed.milestones,
      milestoneChanges: proposed.changes,
      warnings: scheduleWarnings(proposed.totalValueCents, proposed.milestones),
      proposedBy: input.proposedBy,
      proposedAt: now,
      // As a milestone's approval window: calendar days in the client's zone, answerable until the end of day D + N.
      respondBy: input.apply === 'on_client_approval' ? startOfDayIn(addDays(calendarDateIn(now, input.clientTimeZone), respondWithinDays + 1), input.clientTimeZone) : null,
      decidedBy: null,
      decidedAt: null,
      rejectionReason: null,
      resultingScheduleVersion: null,
      version: 0,
    });
    if (input.apply === 'on_client_approval') changeOrder.record({ type: 'proposed', at: now });
    return changeOrder;
  }

  static restore(snapshot: ChangeOrderSnapshot): ChangeOrder {
    return new ChangeOrder(snapshot);
  }

  get id(): string {
    return this.state.id;
  }

  get contractId(): string {
    return this.state.contractId;
  }

  get status(): ChangeOrderStatus {
    return this.state.status;
  }

  /** Whether the client's window has closed unanswered by `now`. */
  isPastResponseWindow(now: Date): boolean {
    return this.state.status === 'proposed' && this.state.respondBy !== null && now.getTime() >= this.state.respondBy.getTime();
  }

  /**
   * Before applying: the contract must still be at the version the change order was built on
   * (409 `change_order.stale`), and no milestone it touches may have been billed, triggered or
   * cancelled since (409 `change_order.milestone_billed`, naming it).
   */
  assertStillApplies(contract: ContractSnapshot, lockedMilestones: ReadonlyMap<number, string>): void {
    if (contract.scheduleVersion !== this.state.baseScheduleVersion || contract.status !== 'active') {
      throw new DomainRejection(
        'conflict',
        'change_order.stale',
        `change order ${this.state.id} was made on schedule version ${this.state.baseScheduleVersion}; contract ${contract.id} is ${contract.status} at version ${contract.scheduleVersion} now: propose it again`,
      );
    }
    for (const change of this.state.milestoneChanges) {
      if (change.kind !== 'added') assertNotLocked(lockedMilestones, change.milestoneIndex, `milestone_changes.${change.milestoneIndex}`);
    }
  }

  /** The client approves (or, unilateral, the supplier applies): the change order produced `scheduleVersion`. */
  approve(by: string, resultingScheduleVersion: number, now: Date): void {
    this.refuseWhenExpired(now);
    assertChangeOrderCanMove(this.state.id, this.state.status, 'approved');
    this.state = { ...this.state, status: 'approved', decidedBy: by, decidedAt: now, resultingScheduleVersion };
    this.record({ type: 'approved', at: now, by });
  }

  reject(by: string, reason: string, now: Date): void {
    const why = reason.trim();
    if (why.length === 0) throw new DomainRejection('invalid', 'change_order.rejection_reason_required', 'a rejection needs a reason', 'reason');
    this.refuseWhenExpired(now);
    assertChangeOrderCanMove(this.state.id, this.state.status, 'rejected');
    this.state = { ...this.state, status: 'rejected', decidedBy: by, decidedAt: now, rejectionReason: why };
    this.record({ type: 'rejected', at: now, by, reason: why });
  }

  /** The window closed unanswered: the contract stays as it is, and another change order may be proposed. */
  expire(now: Date): void {
    assertChangeOrderCanMove(this.state.id, this.state.status, 'expired');
    if (!this.isPastResponseWindow(now)) {
      throw new DomainRejection('conflict', 'change_order.window_open', `change order ${this.state.id} may be answered until ${this.state.respondBy?.toISOString()}`);
    }
    this.state = { ...this.state, status: 'expired', decidedAt: now };
    this.record({ type: 'expired', at: now });
  }

  snapshot(): ChangeOrderSnapshot {
    return this.state;
  }

  private refuseWhenExpired(now: Date): void {
    if (this.isPastResponseWindow(now)) {
      throw new DomainRejection('conflict', 'change_order.expired', `change order ${this.state.id} could be answered until ${this.state.respondBy?.toISOString()}; it has expired`);
    }
  }
}
