import { Injectable } from '@nestjs/common';
import { TypeOrmUnitOfWork } from '@mb/messaging';
import { type WorkItemLinkFiring, WorkItemLinkRepository, type WorkItemLinkView } from '../../application/ports/work-item-link.repository';
import type { GitHubWorkItemKind, SubmitWhen, WorkItem, WorkItemLink } from '../../domain/work-item-link/work-item-link';

interface WorkItemLinkRow {
  id: string;
  milestone_id: string;
  provider: 'github' | 'jira';
  github_repository: string | null;
  github_kind: GitHubWorkItemKind | null;
  github_number: number | null;
  jira_site: string | null;
  jira_issue_key: string | null;
  submit_when: SubmitWhen;
  created_at: Date;
  created_by: string;
  last_fired_at: Date | null;
  last_outcome: string | null;
  last_delivery_id: string | null;
  last_closed_by: string | null;
}

function workItemOf(row: WorkItemLinkRow): WorkItem {
  // The table's CHECK constraint sets exactly the provider's columns; anything else is a broken row.
  if (row.provider === 'github' && row.github_repository !== null && row.github_kind !== null && row.github_number !== null) {
    return { provider: 'github', repository: row.github_repository, kind: row.github_kind, number: row.github_number };
  }
  if (row.provider === 'jira' && row.jira_site !== null && row.jira_issue_key !== null) return { provider: 'jira', site: row.jira_site, issueKey: row.jira_issue_key };
  throw new Error(`work item link ${row.id} names no complete ${row.provider} work item`);
}

function viewOf(row: WorkItemLinkRow): WorkItemLinkView {
  const workItem = workItemOf(row);
  return {
    id: row.id,
    milestoneId: row.milestone_id,
    workItem,
    submitWhen: row.submit_when,
    createdAt: row.created_at,
    createdBy: row.created_by,
    lastFiring:
      row.last_fired_at === null ? null : { linkId: row.id, firedAt: row.last_fired_at, outcome: row.last_outcome ?? '', deliveryId: row.last_delivery_id ?? '', closedBy: row.last_closed_by ?? '' },
  };
}

/** milestone.work_item_links, joining the open unit of work. */
@Injectable()
export class TypeOrmWorkItemLinkRepository extends WorkItemLinkRepository {
  constructor(private readonly unitOfWork: TypeOrmUnitOfWork) {
    super();
  }

  async add(link: WorkItemLink): Promise<boolean> {
    const item = link.workItem;
    const github = item.provider === 'github' ? item : null;
    const jira = item.provider === 'jira' ? item : null;
    const inserted: unknown[] = await this.unitOfWork.currentManager().query(
      `INSERT INTO milestone.work_item_links
         (id, milestone_id, provider, github_repository, github_kind, github_number, jira_site, jira_issue_key, submit_when, created_at, created_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
       ON CONFLICT DO NOTHING
       RETURNING id`,
      [link.id, link.milestoneId, item.provider, github?.repository ?? null, github?.kind ?? null, github?.number ?? null, jira?.site ?? null, jira?.issueKey ?? null, link.submitWhen, link.createdAt, link.createdBy],
    );
    return inserted.length === 1;
  }

  async findById(id: string): Promise<WorkItemLinkView | null> {
    const [row]: WorkItemLinkRow[] = await this.unitOfWork.readManager().query(`SELECT * FROM milestone.work_item_links WHERE id = $1`, [id]);
    return row ? viewOf(row) : null;
  }

  async listByMilestone(milestoneId: string): Promise<WorkItemLinkView[]> {
    const rows: WorkItemLinkRow[] = await this.unitOfWork
      .readManager()
      .query(`SELECT * FROM milestone.work_item_links WHERE milestone_id = $1 ORDER BY created_at, id`, [milestoneId]);
    return rows.map(viewOf);
  }

  async listByWorkItem(workItem: WorkItem): Promise<WorkItemLink[]> {
    const [where, parameters] =
      workItem.provider === 'github'
        ? [`provider = 'github' AND lower(github_repository) = lower($1) AND github_kind = $2 AND github_number = $3`, [workItem.repository, workItem.kind, workItem.number]]
        : [`provider = 'jira' AND lower(jira_site) = lower($1) AND jira_issue_key = $2`, [workItem.site, workItem.issueKey]];
    const rows: WorkItemLinkRow[] = await this.unitOfWork.readManager().query(`SELECT * FROM milestone.work_item_links WHERE ${where} ORDER BY created_at, id`, parameters);
    return rows.map(viewOf);
  }

  async remove(id: string): Promise<void> {
    await this.unitOfWork.currentManager().query(`DELETE FROM milestone.work_item_links WHERE id = $1`, [id]);
  }

  async recordFiring(firing: WorkItemLinkFiring): Promise<void> {
    await this.unitOfWork
      .currentManager()
      .query(`UPDATE milestone.work_item_links SET last_fired_at = $2, last_outcome = $3, last_delivery_id = $4, last_closed_by = $5 WHERE id = $1`, [
        firing.linkId,
        firing.firedAt,
        firing.outcome,
        firing.deliveryId,
        firing.closedBy,
      ]);
  }
}
