import { Injectable } from '@nestjs/common';
import type { BillingHold, MilestoneSnapshot } from '../../domain/milestone/milestone';
import { milestoneNotFound } from '../../domain/milestone/milestone.errors';
import { MilestoneRepository } from '../ports/milestone.repository';
import { type PlannedDateChangeEntry, PlannedDateChangeRepository } from '../ports/planned-date-change.repository';
import { WorkItemLinkRepository, type WorkItemLinkView } from '../ports/work-item-link.repository';

/** What the API reads: milestones as they stand, outside any write; an unknown id is a 404. */
@Injectable()
export class MilestoneQueries {
  constructor(
    private readonly milestones: MilestoneRepository,
    private readonly history: PlannedDateChangeRepository,
    private readonly workItemLinks: WorkItemLinkRepository,
  ) {}

  async byId(id: string): Promise<MilestoneSnapshot> {
    const milestone = await this.milestones.findById(id);
    if (!milestone) throw milestoneNotFound(id);
    return milestone.snapshot();
  }

  /** The contract's milestones in schedule order; none for a contract not (yet) activated. */
  async byContract(contractId: string): Promise<MilestoneSnapshot[]> {
    return (await this.milestones.listByContract(contractId)).map((milestone) => milestone.snapshot());
  }

  /** The billing holds ever placed on a milestone, newest first, released ones included. */
  async billingHoldsOf(id: string): Promise<BillingHold[]> {
    const milestone = await this.byId(id);
    return [...milestone.billingHolds].reverse();
  }

  /** How the milestone's planned date moved, oldest first; none when it never did. */
  async plannedDateChanges(milestoneId: string): Promise<PlannedDateChangeEntry[]> {
    if ((await this.milestones.findById(milestoneId)) === null) throw milestoneNotFound(milestoneId);
    return this.history.listByMilestone(milestoneId);
  }

  /** The milestone's links to work items, oldest first, each with what it last did. */
  async workItemLinksOf(milestoneId: string): Promise<WorkItemLinkView[]> {
    if ((await this.milestones.findById(milestoneId)) === null) throw milestoneNotFound(milestoneId);
    return this.workItemLinks.listByMilestone(milestoneId);
  }
}
