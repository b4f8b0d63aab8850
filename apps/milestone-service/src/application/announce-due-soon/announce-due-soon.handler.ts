import { Inject, Injectable } from '@nestjs/common';
import { type Clock, UnitOfWork } from '@mb/kernel';
import { EventOutbox } from '@mb/messaging';
import { SERVICE_CLOCK } from '@mb/platform';
import { milestoneNotFound } from '../../domain/milestone/milestone.errors';
import { firedAt } from '../../domain/milestone/planned-date.policy';
import { milestoneCatalogueEvents } from '../events/milestone.events';
import { MilestoneRepository } from '../ports/milestone.repository';

export interface AnnounceDueSoonCommand {
  readonly milestoneId: string;
  /** The planned date the advance notice was set for. */
  readonly plannedDate: string;
  /** When the timer was due, by business time. */
  readonly dueAt: Date;
}

/**
 * Issue 9 "Advance notices": the milestone's advance notice falls due (its timer fired). A
 * milestone still waiting for its work, and still planned for that date, publishes
 * milestone.due_soon (once per planned date) for notification-service to tell the client's AP
 * contact what to expect. The milestone is locked meanwhile, so a submission or a moved date
 * happening at the same moment is either before it (nothing announced) or after it.
 */
@Injectable()
export class AnnounceDueSoonHandler {
  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly milestones: MilestoneRepository,
    private readonly outbox: EventOutbox,
    @Inject(SERVICE_CLOCK) private readonly clock: Clock,
  ) {}

  async execute(command: AnnounceDueSoonCommand): Promise<{ announced: boolean }> {
    return this.unitOfWork.run(async () => {
      const milestone = await this.milestones.findById(command.milestoneId, { forUpdate: true });
      if (!milestone) throw milestoneNotFound(command.milestoneId);
      if (!milestone.announceDueSoon(command.plannedDate, firedAt(this.clock.now(), command.dueAt))) return { announced: false };
      await this.milestones.save(milestone);
      await this.outbox.recordAll(milestoneCatalogueEvents(milestone.pullEvents(), milestone.snapshot()));
      return { announced: true };
    });
  }
}
