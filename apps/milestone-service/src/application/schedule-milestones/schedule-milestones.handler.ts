import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { EventData } from '@mb/events';
import { Clock, newId } from '@mb/kernel';
import type { Logger } from '@mb/observability';
import { SERVICE_CLOCK, SERVICE_LOGGER } from '@mb/platform';
import { Milestone } from '../../domain/milestone';
import { MilestoneStore } from '../milestone-store';
import { MilestoneRepository } from '../ports/milestone.repository';

/**
 * A contract was signed: its schedule becomes milestones, planned, except the deposit (on_signing)
 * which is billable at once. Runs in the consumer's transaction, beside its inbox record.
 */
@Injectable()
export class ScheduleMilestonesHandler {
  constructor(
    private readonly milestones: MilestoneRepository,
    private readonly store: MilestoneStore,
    @Inject(SERVICE_CLOCK) private readonly clock: Clock,
    @Inject(SERVICE_LOGGER) private readonly logger: Logger,
  ) {}

  async execute(manager: EntityManager, contract: EventData<'contract.activated'>, causationId: string): Promise<{ scheduled: number }> {
    // The inbox absorbs a redelivered event; this absorbs the same activation announced twice.
    if ((await this.milestones.countByContract(manager, contract.contract_id)) > 0) {
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
          approvalWindowDays: entry.approval_window_days,
          deemedAcceptance: entry.deemed_acceptance,
          payoutDestination: entry.payout_destination
            ? { accountToken: entry.payout_destination.account_token, autoClear: entry.payout_destination.auto_clear }
            : null,
          scheduleVersion: contract.schedule_version,
        },
        at,
      );
      await this.store.save(manager, milestone, { causationId });
    }
    return { scheduled: contract.milestones.length };
  }
}
