import { Inject, Injectable } from '@nestjs/common';
import type { EventData } from '@mb/events';
import { type Clock, Timers, UnitOfWork } from '@mb/kernel';
import { EventOutbox } from '@mb/messaging';
import { SERVICE_CLOCK } from '@mb/platform';
import type { MilestoneStatus } from '../../domain/milestone/milestone-status';
import { MILESTONE_TIMERS } from '../../domain/milestone/planned-date.policy';
import { APPROVAL_TIMERS } from '../../domain/milestone/approval-window.policy';
import { milestoneCatalogueEvents } from '../events/milestone.events';
import { MilestoneRepository } from '../ports/milestone.repository';

/**
 * ARCHITECTURE.md "Contracts and schedules": termination cancels unbilled milestones; completed
 * (submitted) or approved ones stay billable, and billed ones are untouched.
 */
const CANCELLED_AT_TERMINATION: readonly MilestoneStatus[] = ['planned', 'in_progress', 'rejected'];

/** A contract was terminated: its milestones not yet billable are cancelled, with the reason, and their planned-date and approval-window timers with them. */
@Injectable()
export class CancelUnbilledMilestonesHandler {
  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly milestones: MilestoneRepository,
    private readonly outbox: EventOutbox,
    private readonly timers: Timers,
    @Inject(SERVICE_CLOCK) private readonly clock: Clock,
  ) {}

  async execute(termination: EventData<'contract.terminated'>, causationId: string): Promise<{ cancelled: number }> {
    return this.unitOfWork.run(async () => {
      const at = this.clock.now();
      let cancelled = 0;
      for (const milestone of await this.milestones.listByContract(termination.contract_id, { forUpdate: true })) {
        if (!CANCELLED_AT_TERMINATION.includes(milestone.status)) continue;
        milestone.cancel(`Contract terminated: ${termination.reason}`, at);
        await this.milestones.save(milestone);
        await this.outbox.recordAll(milestoneCatalogueEvents(milestone.pullEvents(), milestone.snapshot()), { causationId });
        for (const timer of Object.values(MILESTONE_TIMERS)) await this.timers.cancel(timer, milestone.id);
        for (const timer of Object.values(APPROVAL_TIMERS)) await this.timers.cancel(timer, milestone.id);
        cancelled += 1;
      }
      return { cancelled };
    });
  }
}
