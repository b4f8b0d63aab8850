import { Inject, Injectable } from '@nestjs/common';
import { type Clock, UnitOfWork } from '@mb/kernel';
import { EventOutbox } from '@mb/messaging';
import { SERVICE_CLOCK } from '@mb/platform';
import { milestoneNotFound } from '../../domain/milestone/milestone.errors';
import { firedAt } from '../../domain/milestone/planned-date.policy';
import { milestoneCatalogueEvents } from '../events/milestone.events';
import { MilestoneRepository } from '../ports/milestone.repository';

export interface AnnounceDelayCommand {
  readonly milestoneId: string;
  /** The planned date whose passing the timer was set for. */
  readonly plannedDate: string;
  /** When the timer was due, by business time. */
  readonly dueAt: Date;
}

/**
 * Issue 9 "Delays": the milestone's planned date has passed (its timer fired). One not submitted by
 * then, and still planned for that date, publishes milestone.delayed once, with the days late; the
 * supplier's systems hear of it through their webhook subscriptions. The milestone is locked
 * meanwhile, so a submission at the same moment is either before it (no delay) or after it.
 */
@Injectable()
export class AnnounceDelayHandler {
  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly milestones: MilestoneRepository,
    private readonly outbox: EventOutbox,
    @Inject(SERVICE_CLOCK) private readonly clock: Clock,
  ) {}

  async execute(command: AnnounceDelayCommand): Promise<{ announced: boolean }> {
    return this.unitOfWork.run(async () => {
      const milestone = await this.milestones.findById(command.milestoneId, { forUpdate: true });
      if (!milestone) throw milestoneNotFound(command.milestoneId);
      if (!milestone.announceDelay(command.plannedDate, firedAt(this.clock.now(), command.dueAt))) return { announced: false };
      await this.milestones.save(milestone);
      await this.outbox.recordAll(milestoneCatalogueEvents(milestone.pullEvents(), milestone.snapshot()));
      return { announced: true };
    });
  }
}
