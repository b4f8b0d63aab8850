import { type WorkItemLinkFiring, WorkItemLinkRepository, type WorkItemLinkView } from '../../src/application/ports/work-item-link.repository';
import { sameWorkItem, type WorkItem, type WorkItemLink } from '../../src/domain/work-item-link/work-item-link';

/** Work-item links in memory, for unit tests. */
export class InMemoryWorkItemLinkRepository extends WorkItemLinkRepository {
  readonly links: WorkItemLinkView[] = [];

  async add(link: WorkItemLink): Promise<boolean> {
    // The table's unique (work item, milestone) index.
    if (this.links.some((stored) => stored.milestoneId === link.milestoneId && sameWorkItem(stored.workItem, link.workItem))) return false;
    this.links.push({ ...link, lastFiring: null });
    return true;
  }

  async findById(id: string): Promise<WorkItemLinkView | null> {
    return this.links.find((link) => link.id === id) ?? null;
  }

  async listByMilestone(milestoneId: string): Promise<WorkItemLinkView[]> {
    return this.links.filter((link) => link.milestoneId === milestoneId);
  }

  async listByWorkItem(workItem: WorkItem): Promise<WorkItemLink[]> {
    return this.links.filter((link) => sameWorkItem(link.workItem, workItem));
  }

  async remove(id: string): Promise<void> {
    const index = this.links.findIndex((link) => link.id === id);
    if (index >= 0) this.links.splice(index, 1);
  }

  async recordFiring(firing: WorkItemLinkFiring): Promise<void> {
    const index = this.links.findIndex((link) => link.id === firing.linkId);
    this.links[index] = { ...this.links[index], lastFiring: firing };
  }
}
