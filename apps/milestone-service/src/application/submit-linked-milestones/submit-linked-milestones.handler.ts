import { Inject, Injectable } from '@nestjs/common';
import { type Clock, DomainRejection, UnitOfWork } from '@mb/kernel';
import { SERVICE_CLOCK } from '@mb/platform';
import { linksClosedBy, type WorkItemClosure } from '../../domain/work-item-link/work-item-closure';
import { InboundDeliveryRepository, type InboundDelivery } from '../ports/inbound-delivery.repository';
import { MilestoneRepository } from '../ports/milestone.repository';
import { WorkItemLinkRepository } from '../ports/work-item-link.repository';
import { SubmitMilestoneHandler } from '../submit-milestone/submit-milestone.handler';

/** A delivery id seen before: its first copy was handled (or is being handled), so this one changes nothing. */
export const INBOUND_ERRORS = { deliveryReplayed: 'inbound.delivery_replayed' } as const;

/** What one link did with the closure: submitted its milestone, or nothing because of the milestone's state. */
export interface LinkOutcome {
  readonly linkId: string;
  readonly milestoneId: string;
  /** `submitted`, or `ignored: milestone is <status>`. */
  readonly outcome: string;
}

/**
 * An inbound webhook delivery, verified by its signature: recorded by its id (a replay is refused
 * with 409 inbound.delivery_replayed and changes nothing), then, if it closes a work item, each
 * milestone linked to it and waiting for that ending is submitted through the submit use case, with
 * the item's URL as evidence, as a person's submission is (approval window, approval request, or
 * billing at once for on_completion). Never approved: that stays the client's. A milestone not in
 * progress is left as it is, the link noting why. All in one unit of work.
 */
@Injectable()
export class SubmitLinkedMilestonesHandler {
  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly deliveries: InboundDeliveryRepository,
    private readonly links: WorkItemLinkRepository,
    private readonly milestones: MilestoneRepository,
    private readonly submitMilestone: SubmitMilestoneHandler,
    @Inject(SERVICE_CLOCK) private readonly clock: Clock,
  ) {}

  async execute(delivery: Omit<InboundDelivery, 'receivedAt'>, closure: WorkItemClosure | null): Promise<LinkOutcome[]> {
    return this.unitOfWork.run(async () => {
      const receivedAt = this.clock.now();
      if (!(await this.deliveries.recordFirst({ ...delivery, receivedAt }))) {
        throw new DomainRejection('conflict', INBOUND_ERRORS.deliveryReplayed, `${delivery.provider} delivery ${delivery.deliveryId} was received before; a replay changes nothing`);
      }
      if (closure === null) return [];
      const outcomes: LinkOutcome[] = [];
      for (const link of linksClosedBy(closure, await this.links.listByWorkItem(closure.workItem))) {
        const milestone = await this.milestones.findById(link.milestoneId);
        if (milestone === null) continue; // links reference milestones by foreign key; none goes missing
        let outcome = `ignored: milestone is ${milestone.status}`;
        if (milestone.can('submit')) {
          await this.submitMilestone.execute(link.milestoneId, closure.htmlUrl);
          outcome = 'submitted';
        }
        await this.links.recordFiring({ linkId: link.id, firedAt: receivedAt, outcome, deliveryId: delivery.deliveryId, closedBy: closure.closedBy });
        outcomes.push({ linkId: link.id, milestoneId: link.milestoneId, outcome });
      }
      return outcomes;
    });
  }
}
