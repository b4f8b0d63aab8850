import { Injectable } from '@nestjs/common';
import { UnitOfWork } from '@mb/kernel';
import { workItemLinkNotFound } from '../../domain/work-item-link/work-item-link';
import { WorkItemLinkRepository, type WorkItemLinkView } from '../ports/work-item-link.repository';

/** Removes a link: the work item closing no longer submits the milestone. What the link did stays in the audit log. */
@Injectable()
export class UnlinkWorkItemHandler {
  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly links: WorkItemLinkRepository,
  ) {}

  /** The link as it was removed. */
  async execute(linkId: string): Promise<WorkItemLinkView> {
    return this.unitOfWork.run(async () => {
      const link = await this.links.findById(linkId);
      if (link === null) throw workItemLinkNotFound(linkId);
      await this.links.remove(linkId);
      return link;
    });
  }
}
