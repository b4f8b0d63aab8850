import type { WorkItem, WorkItemLink } from '../../domain/work-item-link/work-item-link';

/** What a link did when its work item closed: submitted the milestone, or nothing, and why. */
export interface WorkItemLinkFiring {
  readonly linkId: string;
  readonly firedAt: Date;
  /** `submitted`, or `ignored: milestone is <status>`. */
  readonly outcome: string;
  readonly deliveryId: string;
  /** Who closed the work item in its tracker: `github:<login>`, `jira:<account id>`. */
  readonly closedBy: string;
}

/** A link as the API reads it: the link and what it last did. */
export interface WorkItemLinkView extends WorkItemLink {
  readonly lastFiring: WorkItemLinkFiring | null;
}

/** Milestones' links to work items. Writes join the open unit of work; "not found" is null. */
export abstract class WorkItemLinkRepository {
  /** Adds a link; false when the milestone is already linked to the same work item (nothing added). */
  abstract add(link: WorkItemLink): Promise<boolean>;
  abstract findById(id: string): Promise<WorkItemLinkView | null>;
  /** The milestone's links, oldest first. */
  abstract listByMilestone(milestoneId: string): Promise<WorkItemLinkView[]>;
  /** Every link to this work item, whichever milestone (GitHub names and Jira sites regardless of case). */
  abstract listByWorkItem(workItem: WorkItem): Promise<WorkItemLink[]>;
  abstract remove(id: string): Promise<void>;
  abstract recordFiring(firing: WorkItemLinkFiring): Promise<void>;
}
