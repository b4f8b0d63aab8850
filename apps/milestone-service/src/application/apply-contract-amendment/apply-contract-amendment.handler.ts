import { Inject, Injectable } from '@nestjs/common';
import type { EventData } from '@mb/events';
import { type Clock, newId, Timers, UnitOfWork, UTC_TIME_ZONE } from '@mb/kernel';
import { EventOutbox } from '@mb/messaging';
import type { Logger } from '@mb/observability';
import { SERVICE_CLOCK, SERVICE_LOGGER } from '@mb/platform';
import { APPROVAL_TIMERS } from '../../domain/milestone/approval-window.policy';
import { type AmendedMilestoneTerms, Milestone, type MilestoneSnapshot } from '../../domain/milestone/milestone';
import type { MilestoneStatus } from '../../domain/milestone/milestone-status';
import { DEFAULT_ADVANCE_NOTICE_DAYS, MILESTONE_TIMERS, plannedDateTimers, timersAfterAmendment } from '../../domain/milestone/planned-date.policy';
import { planScheduleAmendment } from '../../domain/milestone/schedule-amendment.policy';
import { milestoneCatalogueEvents } from '../events/milestone.events';
import { MilestoneRepository } from '../ports/milestone.repository';

/** contract.amended as its version 3 tells it: the only version contract-service ever produced. */
export type ContractAmendment = EventData<'contract.amended', 3>;

type ScheduledEntry = ContractAmendment['milestones'][number];

/** A milestone the change order named (changed or removed) that was already billed when it arrived: left as it is. */
export interface MilestoneLeftAlone {
  readonly milestoneIndex: number;
  readonly status: MilestoneStatus;
}

export interface ContractAmendmentOutcome {
  readonly added: number;
  /** Milestones given the new version's terms, those the change order changed and the unbilled rest (new net days, schedule version). */
  readonly amended: number;
  readonly cancelled: number;
  readonly leftAlone: readonly MilestoneLeftAlone[];
}

/**
 * Issue 14: a change order was approved (contract.amended); the contract's milestones follow the
 * new schedule version, in the consumer's unit of work (with the inbox record), so a redelivery
 * has no second effect:
 * - added: a new milestone, scheduled as the activation would have (planned, or billable at once
 *   for a deposit), with its planned-date timers;
 * - removed: cancelled, announced as termination does (milestone.status_updated `cancelled`), its
 *   planned-date and approval timers cancelled;
 * - on the new schedule: the new terms (amount, title, criteria, planned date, window, deemed
 *   acceptance, billing trigger, net days, advance notice, schedule version) and the planned-date
 *   timers set again for them. A submission under review keeps its window (Milestone.amend).
 * A milestone already triggered, invoiced or paid is never changed: contract-service refuses a
 * change order touching one, but the milestone may have been billed while the change order was
 * approved. One the change order names is logged as a warning and counted, and left as it is.
 */
@Injectable()
export class ApplyContractAmendmentHandler {
  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly milestones: MilestoneRepository,
    private readonly outbox: EventOutbox,
    private readonly timers: Timers,
    @Inject(SERVICE_CLOCK) private readonly clock: Clock,
    @Inject(SERVICE_LOGGER) private readonly logger: Logger,
  ) {}

  async execute(amendment: ContractAmendment, causationId: string): Promise<ContractAmendmentOutcome> {
    return this.unitOfWork.run(async () => {
      const at = this.clock.now();
      // Locked: a submission, an approval or a timer of these milestones waits for the amendment (or went first).
      const known = new Map((await this.milestones.listByContract(amendment.contract_id, { forUpdate: true })).map((milestone) => [milestone.snapshot().milestoneIndex, milestone]));
      // contract.activated travels on another topic: an amendment may overtake it. Retried, then
      // dead-lettered and replayable, rather than applied to milestones that do not exist yet.
      if (known.size === 0) throw new Error(`contract ${amendment.contract_id} has no milestones yet: its amendment to version ${amendment.schedule_version} cannot be applied`);
      const named = new Set(amendment.milestone_changes.filter((change) => change.kind !== 'added').map((change) => change.milestone_index));
      const removed = amendment.milestone_changes.filter((change) => change.kind === 'removed').map((change) => change.milestone_index);
      const entryOf = new Map(amendment.milestones.map((entry) => [entry.milestone_index, entry]));
      const plan = planScheduleAmendment([...known.keys()], [...entryOf.keys()], removed);
      const leftAlone: MilestoneLeftAlone[] = [];
      const leaveAlone = (milestone: Milestone) => {
        const { milestoneIndex, status } = milestone.snapshot();
        if (!named.has(milestoneIndex)) return;
        leftAlone.push({ milestoneIndex, status });
        this.logger.warn(
          { contractId: amendment.contract_id, milestoneIndex, status, scheduleVersion: amendment.schedule_version, changeOrderId: amendment.change_order_id, causationId },
          'contract amendment names a milestone already billed; the milestone is left as it is',
        );
      };

      // Removed first, then changed, then added: the order the announcements read best in.
      let cancelled = 0;
      for (const index of plan.cancel) {
        const milestone = known.get(index) as Milestone;
        if (milestone.status === 'cancelled') continue;
        if (!milestone.can('cancel')) {
          leaveAlone(milestone);
          continue;
        }
        milestone.cancel(`Removed by change order ${amendment.change_order_id} (schedule version ${amendment.schedule_version})`, at);
        await this.milestones.save(milestone);
        await this.outbox.recordAll(milestoneCatalogueEvents(milestone.pullEvents(), milestone.snapshot()), { causationId });
        for (const timer of [...Object.values(MILESTONE_TIMERS), ...Object.values(APPROVAL_TIMERS)]) await this.timers.cancel(timer, milestone.id);
        cancelled += 1;
      }
      let amended = 0;
      for (const index of plan.amend) {
        const milestone = known.get(index) as Milestone;
        const outcome = milestone.amend(termsOf(amendment, entryOf.get(index) as ScheduledEntry), at);
        if (outcome === 'already_billed') leaveAlone(milestone);
        if (outcome !== 'amended') continue;
        await this.milestones.save(milestone);
        await this.outbox.recordAll(milestoneCatalogueEvents(milestone.pullEvents(), milestone.snapshot()), { causationId });
        await this.setPlannedDateTimers(milestone.snapshot(), at);
        amended += 1;
      }
      for (const index of plan.add) {
        await this.add(amendment, entryOf.get(index) as ScheduledEntry, at, causationId);
      }
      return { added: plan.add.length, amended, cancelled, leftAlone };
    });
  }

  /** A milestone the change order added, scheduled as ScheduleMilestonesHandler schedules an activated one. */
  private async add(amendment: ContractAmendment, entry: ScheduledEntry, at: Date, causationId: string): Promise<void> {
    const milestone = Milestone.schedule(
      {
        id: newId('ms'),
        contractId: amendment.contract_id,
        clientId: amendment.client_id,
        milestoneIndex: entry.milestone_index,
        currency: amendment.currency,
        clientTimeZone: amendment.client_time_zone ?? UTC_TIME_ZONE,
        ...termsOf(amendment, entry),
      },
      at,
    );
    await this.milestones.add(milestone);
    await this.outbox.recordAll(milestoneCatalogueEvents(milestone.pullEvents(), milestone.snapshot()), { causationId });
    for (const set of plannedDateTimers(milestone.snapshot(), at)) {
      await this.timers.schedule(set.timer, milestone.id, set.dueAt, { planned_date: set.plannedDate });
    }
  }

  /** Setting a timer again moves it; one the amended terms no longer need is cancelled (as MovePlannedDateHandler does). */
  private async setPlannedDateTimers(milestone: MilestoneSnapshot, at: Date): Promise<void> {
    const needed = timersAfterAmendment(milestone, at);
    for (const timer of Object.values(MILESTONE_TIMERS)) {
      const set = needed.find((candidate) => candidate.timer === timer);
      if (set) await this.timers.schedule(timer, milestone.id, set.dueAt, { planned_date: set.plannedDate });
      else await this.timers.cancel(timer, milestone.id);
    }
  }
}

/** A milestone's terms under the new schedule version, with the contract's terms it keeps a copy of. */
function termsOf(amendment: ContractAmendment, entry: ScheduledEntry): AmendedMilestoneTerms {
  return {
    title: entry.title,
    acceptanceCriteria: entry.acceptance_criteria,
    amountCents: entry.amount_cents,
    billingTrigger: entry.billing_trigger,
    plannedDate: entry.planned_date,
    approvalWindowDays: entry.approval_window_days,
    deemedAcceptance: entry.deemed_acceptance,
    payoutDestination: entry.payout_destination ? { accountToken: entry.payout_destination.account_token, autoClear: entry.payout_destination.auto_clear } : null,
    netDays: amendment.net_days,
    advanceNoticeDays: amendment.advance_notice_days ?? DEFAULT_ADVANCE_NOTICE_DAYS,
    scheduleVersion: amendment.schedule_version,
  };
}
