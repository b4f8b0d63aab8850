import { Inject, Injectable } from '@nestjs/common';
import { type Clock, Timers, UnitOfWork } from '@mb/kernel';
import { EventOutbox } from '@mb/messaging';
import { SERVICE_CLOCK } from '@mb/platform';
import type { MilestoneSnapshot } from '../../domain/milestone/milestone';
import { APPROVAL_TIMERS } from '../../domain/milestone/approval-window.policy';
import { milestoneNotFound } from '../../domain/milestone/milestone.errors';
import { milestoneCatalogueEvents } from '../events/milestone.events';
import { MilestoneRepository } from '../ports/milestone.repository';

/** The client refuses the submission, saying why; the work goes back to be done again. */
@Injectable()
export class RejectMilestoneHandler {
  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly milestones: MilestoneRepository,
    private readonly outbox: EventOutbox,
    private readonly timers: Timers,
    @Inject(SERVICE_CLOCK) private readonly clock: Clock,
  ) {}

  async execute(milestoneId: string, reason: string): Promise<MilestoneSnapshot> {
    return this.unitOfWork.run(async () => {
      const milestone = await this.milestones.findById(milestoneId);
      if (!milestone) throw milestoneNotFound(milestoneId);
      milestone.reject(reason, this.clock.now());
      // Guarded by the version loaded: a concurrent change to the same milestone is a 409.
      await this.milestones.save(milestone);
      await this.outbox.recordAll(milestoneCatalogueEvents(milestone.pullEvents(), milestone.snapshot()));
      // The answer closes the window: its reminders and its close are cancelled with it.
      for (const timer of Object.values(APPROVAL_TIMERS)) await this.timers.cancel(timer, milestone.id);
      return milestone.snapshot();
    });
  }
}
