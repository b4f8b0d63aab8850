import { Inject, Injectable } from '@nestjs/common';
import { type Clock, newId, UnitOfWork } from '@mb/kernel';
import { EventOutbox } from '@mb/messaging';
import { SERVICE_CLOCK } from '@mb/platform';
import type { MilestoneSnapshot } from '../../domain/milestone/milestone';
import { milestoneNotFound } from '../../domain/milestone/milestone.errors';
import { milestoneCatalogueEvents } from '../events/milestone.events';
import { MilestoneRepository } from '../ports/milestone.repository';

export interface PlaceBillingHoldCommand {
  readonly milestoneId: string;
  readonly reason: string;
  /** Who places it: free text until the API authenticates its callers. */
  readonly placedBy: string;
}

/**
 * Stops a milestone's billing until the hold is released: its billing trigger, when it comes, is
 * recorded and announced with billing_hold true, which invoicing does not issue. The hold is kept
 * with the milestone, in its history.
 */
@Injectable()
export class PlaceBillingHoldHandler {
  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly milestones: MilestoneRepository,
    private readonly outbox: EventOutbox,
    @Inject(SERVICE_CLOCK) private readonly clock: Clock,
  ) {}

  async execute(command: PlaceBillingHoldCommand): Promise<MilestoneSnapshot> {
    return this.unitOfWork.run(async () => {
      const milestone = await this.milestones.findById(command.milestoneId);
      if (!milestone) throw milestoneNotFound(command.milestoneId);
      milestone.placeBillingHold({ id: newId('hold'), reason: command.reason, placedBy: command.placedBy }, this.clock.now());
      // Guarded by the version loaded: a hold racing an approval is a 409 for one of them, so a
      // trigger is never announced unheld after a hold was accepted.
      await this.milestones.save(milestone);
      await this.outbox.recordAll(milestoneCatalogueEvents(milestone.pullEvents(), milestone.snapshot()));
      return milestone.snapshot();
    });
  }
}
