import { Inject, Injectable } from '@nestjs/common';
import { type Clock, Timers, UnitOfWork } from '@mb/kernel';
import { EventOutbox } from '@mb/messaging';
import { SERVICE_CLOCK } from '@mb/platform';
import type { MilestoneSnapshot } from '../../domain/milestone/milestone';
import { milestoneNotFound } from '../../domain/milestone/milestone.errors';
import { ANNOUNCEMENT_TIMERS } from '../../domain/milestone/planned-date.policy';
import { milestoneCatalogueEvents } from '../events/milestone.events';
import { MilestoneRepository } from '../ports/milestone.repository';

/**
 * The work is handed over for the client's approval with its evidence; the approval window opens
 * (its reminders and its close set as timers in the same unit of work) and the approver is asked
 * (milestone.approval_requested), or an on_completion milestone becomes billable at once. The work it was planned for is handed
 * over: its advance notice and delay check, if still pending, are cancelled in the same unit of work.
 * The billing date of an on_date milestone stays: the date bills it, whatever the state of the work.
 */
@Injectable()
export class SubmitMilestoneHandler {
  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly milestones: MilestoneRepository,
    private readonly outbox: EventOutbox,
    private readonly timers: Timers,
    @Inject(SERVICE_CLOCK) private readonly clock: Clock,
  ) {}

  async execute(milestoneId: string, evidenceUrl: string): Promise<MilestoneSnapshot> {
    return this.unitOfWork.run(async () => {
      const milestone = await this.milestones.findById(milestoneId);
      if (!milestone) throw milestoneNotFound(milestoneId);
      milestone.submit(evidenceUrl, this.clock.now());
      // Guarded by the version loaded: a concurrent change to the same milestone is a 409.
      await this.milestones.save(milestone);
      await this.outbox.recordAll(milestoneCatalogueEvents(milestone.pullEvents(), milestone.snapshot()));
      // After the save, which waits for a planned-date move holding the row: its timers are cancelled too.
      for (const timer of ANNOUNCEMENT_TIMERS) await this.timers.cancel(timer, milestone.id);
      // Each carries the close of its window: a timer left over from an earlier window does nothing.
      for (const { timer, dueAt, closesAt } of milestone.approvalWindowTimers()) {
        await this.timers.schedule(timer, milestone.id, dueAt, { closes_at: closesAt.toISOString() });
      }
      return milestone.snapshot();
    });
  }
}
