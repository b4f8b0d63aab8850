import { ServiceClient } from './service-client';

export type MilestoneStatus = 'planned' | 'in_progress' | 'submitted' | 'approved' | 'rejected' | 'triggered_for_disbursement' | 'invoiced' | 'paid' | 'cancelled';

export interface Milestone {
  readonly id: string;
  readonly contract_id: string;
  readonly client_id: string;
  readonly milestone_index: number;
  readonly title: string;
  readonly acceptance_criteria: string;
  readonly status: MilestoneStatus;
  readonly amount_cents: number;
  readonly currency: string;
  readonly planned_date: string | null;
  readonly evidence_url: string | null;
  readonly submitted_at: string | null;
  readonly approval_due_at: string | null;
  readonly rejection_reason: string | null;
}

export interface WorkItemLink {
  readonly id: string;
  readonly provider: 'github' | 'jira';
  readonly repository: string | null;
  readonly kind: 'issue' | 'pull_request' | null;
  readonly number: number | null;
  readonly site: string | null;
  readonly issue_key: string | null;
}

/** milestone-service: schedules, and the client's approval or rejection of submitted work. */
export class MilestoneApi {
  constructor(private readonly api: ServiceClient) {}

  async milestonesOf(contractId: string): Promise<Milestone[]> {
    return (await this.api.json<{ data: Milestone[] }>('GET', `/v1/contracts/${encodeURIComponent(contractId)}/milestones`)).data;
  }

  milestone(milestoneId: string): Promise<Milestone> {
    return this.api.json('GET', `/v1/milestones/${encodeURIComponent(milestoneId)}`);
  }

  async workItemLinksOf(milestoneId: string): Promise<WorkItemLink[]> {
    return (await this.api.json<{ data: WorkItemLink[] }>('GET', `/v1/milestones/${encodeURIComponent(milestoneId)}/work-item-links`)).data;
  }

  approve(milestoneId: string, idempotencyKey: string): Promise<Milestone> {
    return this.api.json('POST', `/v1/milestones/${encodeURIComponent(milestoneId)}/approve`, { idempotencyKey });
  }

  reject(milestoneId: string, reason: string, idempotencyKey: string): Promise<Milestone> {
    return this.api.json('POST', `/v1/milestones/${encodeURIComponent(milestoneId)}/reject`, { body: { reason }, idempotencyKey });
  }
}
