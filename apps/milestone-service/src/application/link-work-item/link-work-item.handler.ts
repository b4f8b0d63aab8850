import { Inject, Injectable } from '@nestjs/common';
import { type Clock, newId, UnitOfWork } from '@mb/kernel';
import { SERVICE_CLOCK } from '@mb/platform';
import { milestoneNotFound } from '../../domain/milestone/milestone.errors';
import { duplicateWorkItemLink, type WorkItemLinkRequest, workItemLinkTerms } from '../../domain/work-item-link/work-item-link';
import { MilestoneRepository } from '../ports/milestone.repository';
import { WorkItemLinkRepository, type WorkItemLinkView } from '../ports/work-item-link.repository';

/**
 * Links a milestone to a GitHub issue or pull request or a Jira issue: when the item closes (merges,
 * resolves) as the link says, a signed inbound webhook submits the milestone. One link per milestone
 * and work item; the same item may be linked to several milestones.
 */
@Injectable()
export class LinkWorkItemHandler {
  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly milestones: MilestoneRepository,
    private readonly links: WorkItemLinkRepository,
    @Inject(SERVICE_CLOCK) private readonly clock: Clock,
  ) {}

  async execute(command: { milestoneId: string; request: WorkItemLinkRequest; linkedBy: string }): Promise<WorkItemLinkView> {
    return this.unitOfWork.run(async () => {
      if ((await this.milestones.findById(command.milestoneId)) === null) throw milestoneNotFound(command.milestoneId);
      const { workItem, submitWhen } = workItemLinkTerms(command.request);
      const link = { id: newId('wil'), milestoneId: command.milestoneId, workItem, submitWhen, createdAt: this.clock.now(), createdBy: command.linkedBy };
      if (!(await this.links.add(link))) throw duplicateWorkItemLink(command.milestoneId);
      return { ...link, lastFiring: null };
    });
  }
}
