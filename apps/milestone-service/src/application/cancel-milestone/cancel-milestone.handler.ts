import { Inject, Injectable } from '@nestjs/common';
import { type Clock, Timers, UnitOfWork } from '@mb/kernel';
import { EventOutbox } from '@mb/messaging';
import { SERVICE_CLOCK } from '@mb/platform';
import type { MilestoneSnapshot } from '../../domain/milestone/milestone';
import { APPROVAL_TIMERS } from '../../domain/milestone/approval-window.policy';
import { milestoneNotFound } from '../../domain/milestone/milestone.errors';
import { MILESTONE_TIMERS } from '../../domain/milestone/planned-date.policy';
import { milestoneCatalogueEvents } from '../events/milestone.events';
import { MilestoneRepository } from '../ports/milestone.repository';

/** A milestone not yet billed is dropped from the schedule, saying why; its pending planned-date and approval-window timers go with it. */
@Injectable()
export class CancelMilestoneHandler {
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
      milestone.cancel(reason, this.clock.now());
      // Guarded by the version loaded: a concurrent change to the same milestone is a 409.
      await this.milestones.save(milestone);
      await this.outbox.recordAll(milestoneCatalogueEvents(milestone.pullEvents(), milestone.snapshot()));
      for (const timer of Object.values(MILESTONE_TIMERS)) await this.timers.cancel(timer, milestone.id);
      for (const timer of Object.values(APPROVAL_TIMERS)) await this.timers.cancel(timer, milestone.id);
      return milestone.snapshot();
    });
  }
}
