import { Inject, Injectable } from '@nestjs/common';
import { type Clock, UnitOfWork } from '@mb/kernel';
import { EventOutbox } from '@mb/messaging';
import { SERVICE_CLOCK } from '@mb/platform';
import type { MilestoneSnapshot } from '../../domain/milestone/milestone';
import { milestoneNotFound } from '../../domain/milestone/milestone.errors';
import { milestoneCatalogueEvents } from '../events/milestone.events';
import { MilestoneRepository } from '../ports/milestone.repository';

export interface ReleaseBillingHoldCommand {
  readonly milestoneId: string;
  /** Who releases it: free text until the API authenticates its callers. */
  readonly releasedBy: string;
}

/**
 * Lifts a milestone's billing hold, keeping it in the history. A milestone whose billing trigger was
 * recorded under the hold announces it again, unheld, in the same unit of work: invoicing issues now.
 */
@Injectable()
export class ReleaseBillingHoldHandler {
  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly milestones: MilestoneRepository,
    private readonly outbox: EventOutbox,
    @Inject(SERVICE_CLOCK) private readonly clock: Clock,
  ) {}

  async execute(command: ReleaseBillingHoldCommand): Promise<MilestoneSnapshot> {
    return this.unitOfWork.run(async () => {
      const milestone = await this.milestones.findById(command.milestoneId);
      if (!milestone) throw milestoneNotFound(command.milestoneId);
      milestone.releaseBillingHold(command.releasedBy, this.clock.now());
      // Guarded by the version loaded: two releases racing publish the trigger once.
      await this.milestones.save(milestone);
      await this.outbox.recordAll(milestoneCatalogueEvents(milestone.pullEvents(), milestone.snapshot()));
      return milestone.snapshot();
    });
  }
}
