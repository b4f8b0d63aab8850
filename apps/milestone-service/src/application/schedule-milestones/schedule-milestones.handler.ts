import { Inject, Injectable } from '@nestjs/common';
import type { EventData } from '@mb/events';
import { type Clock, newId, Timers, UnitOfWork, UTC_TIME_ZONE } from '@mb/kernel';
import { EventOutbox } from '@mb/messaging';
import type { Logger } from '@mb/observability';
import { SERVICE_CLOCK, SERVICE_LOGGER } from '@mb/platform';
import { Milestone } from '../../domain/milestone/milestone';
import { DEFAULT_ADVANCE_NOTICE_DAYS, plannedDateTimers } from '../../domain/milestone/planned-date.policy';
import { milestoneCatalogueEvents } from '../events/milestone.events';
import { MilestoneRepository } from '../ports/milestone.repository';

/**
 * A contract was signed: its schedule becomes milestones, planned, except the deposit (on_signing)
 * which is billable at once. A milestone with a planned date gets its timers (issue 9): the advance
 * notice, N days before (the contract's advance_notice_days; none when 0), and the delay check, the
 * day after. Called by the consumer, its unit of work joins the inbox record's.
 */
@Injectable()
export class ScheduleMilestonesHandler {
  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly milestones: MilestoneRepository,
    private readonly outbox: EventOutbox,
    private readonly timers: Timers,
    @Inject(SERVICE_CLOCK) private readonly clock: Clock,
    @Inject(SERVICE_LOGGER) private readonly logger: Logger,
  ) {}

  async execute(contract: EventData<'contract.activated'>, causationId: string): Promise<{ scheduled: number }> {
    return this.unitOfWork.run(async () => {
      // The inbox absorbs a redelivered event; this absorbs the same activation announced twice.
      if ((await this.milestones.countByContract(contract.contract_id)) > 0) {
        this.logger.warn({ contractId: contract.contract_id, causationId }, 'milestones already scheduled for this contract; activation ignored');
        return { scheduled: 0 };
      }
      const at = this.clock.now();
      for (const entry of [...contract.milestones].sort((a, b) => a.milestone_index - b.milestone_index)) {
        const milestone = Milestone.schedule(
          {
            id: newId('ms'),
            contractId: contract.contract_id,
            clientId: contract.client_id,
            milestoneIndex: entry.milestone_index,
            title: entry.title,
            acceptanceCriteria: entry.acceptance_criteria,
            amountCents: entry.amount_cents,
            currency: contract.currency,
            billingTrigger: entry.billing_trigger,
            plannedDate: entry.planned_date,
            netDays: contract.net_days,
            advanceNoticeDays: contract.advance_notice_days ?? DEFAULT_ADVANCE_NOTICE_DAYS,
            // Absent from events older than clients' time zones, which meant UTC.
            clientTimeZone: contract.client_time_zone ?? UTC_TIME_ZONE,
            approvalWindowDays: entry.approval_window_days,
            deemedAcceptance: entry.deemed_acceptance,
            payoutDestination: entry.payout_destination
              ? { accountToken: entry.payout_destination.account_token, autoClear: entry.payout_destination.auto_clear }
              : null,
            scheduleVersion: contract.schedule_version,
          },
          at,
        );
        await this.milestones.add(milestone);
        await this.outbox.recordAll(milestoneCatalogueEvents(milestone.pullEvents(), milestone.snapshot()), { causationId });
        for (const set of plannedDateTimers(milestone.snapshot(), at)) {
          await this.timers.schedule(set.timer, milestone.id, set.dueAt, { planned_date: set.plannedDate });
        }
      }
      return { scheduled: contract.milestones.length };
    });
  }
}
