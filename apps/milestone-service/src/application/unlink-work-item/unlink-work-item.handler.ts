import { Injectable } from '@nestjs/common';
import { UnitOfWork } from '@mb/kernel';
import { workItemLinkNotFound } from '../../domain/work-item-link/work-item-link';
import { WorkItemLinkRepository } from '../ports/work-item-link.repository';

/** Removes a link: the work item closing no longer submits the milestone. What the link did stays in the audit log. */
@Injectable()
export class UnlinkWorkItemHandler {
  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly links: WorkItemLinkRepository,
  ) {}

  async execute(linkId: string): Promise<void> {
    await this.unitOfWork.run(async () => {
      if ((await this.links.findById(linkId)) === null) throw workItemLinkNotFound(linkId);
      await this.links.remove(linkId);
    });
  }
}
