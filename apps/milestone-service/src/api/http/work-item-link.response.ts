import { ApiProperty } from '@nestjs/swagger';
import { ApiIdProperty } from '@mb/platform';
import type { WorkItemLinkView } from '../../application/ports/work-item-link.repository';
import type { LinkOutcome } from '../../application/submit-linked-milestones/submit-linked-milestones.handler';
import { GITHUB_WORK_ITEM_KINDS, SUBMIT_WHEN, WORK_ITEM_PROVIDERS } from '../../domain/work-item-link/work-item-link';

export class WorkItemLinkFiringResponse {
  @ApiProperty({ format: 'date-time', example: '2026-06-21T10:00:00.000Z' })
  fired_at!: string;

  @ApiProperty({ description: '`submitted`, or `ignored: milestone is <status>` (only a milestone in progress is submitted).', example: 'submitted' })
  outcome!: string;

  @ApiProperty({ description: "The webhook delivery's id (X-GitHub-Delivery, X-Atlassian-Webhook-Identifier).", example: '72d3162e-cc78-11e3-81ab-4c9367dc0958' })
  delivery_id!: string;

  @ApiProperty({ description: 'Who closed the work item: github:<login>, jira:<account id>.', example: 'github:octocat' })
  closed_by!: string;
}

export class WorkItemLinkResponse {
  @ApiIdProperty('wil', 'The link')
  id!: string;

  @ApiIdProperty('ms', 'The milestone')
  milestone_id!: string;

  @ApiProperty({ enum: WORK_ITEM_PROVIDERS, example: 'github' })
  provider!: string;

  @ApiProperty({ type: String, nullable: true, description: 'GitHub: owner/name; null for Jira.', example: 'acme/storefront' })
  repository!: string | null;

  @ApiProperty({ enum: GITHUB_WORK_ITEM_KINDS, nullable: true, description: 'GitHub: issue or pull_request; null for Jira.', example: 'pull_request' })
  kind!: string | null;

  @ApiProperty({ type: 'integer', nullable: true, description: 'GitHub: the number; null for Jira.', example: 42 })
  number!: number | null;

  @ApiProperty({ type: String, nullable: true, description: "Jira: the site's host; null for GitHub.", example: null })
  site!: string | null;

  @ApiProperty({ type: String, nullable: true, description: 'Jira: the issue key; null for GitHub.', example: null })
  issue_key!: string | null;

  @ApiProperty({ enum: SUBMIT_WHEN, example: 'merged' })
  submit_when!: string;

  @ApiProperty({ format: 'date-time', example: '2026-06-01T09:00:00.000Z' })
  created_at!: string;

  @ApiProperty({ description: 'The caller who linked it (token subject or API key id).', example: 'pm-jane' })
  created_by!: string;

  @ApiProperty({ type: () => WorkItemLinkFiringResponse, nullable: true, description: 'What the link did the last time its work item closed; null until then.' })
  last_firing!: WorkItemLinkFiringResponse | null;
}

export class WorkItemLinkListResponse {
  @ApiProperty({ type: () => [WorkItemLinkResponse], description: 'Oldest first.' })
  data!: WorkItemLinkResponse[];
}

export function workItemLinkResponseOf(link: WorkItemLinkView): WorkItemLinkResponse {
  const item = link.workItem;
  return {
    id: link.id,
    milestone_id: link.milestoneId,
    provider: item.provider,
    repository: item.provider === 'github' ? item.repository : null,
    kind: item.provider === 'github' ? item.kind : null,
    number: item.provider === 'github' ? item.number : null,
    site: item.provider === 'jira' ? item.site : null,
    issue_key: item.provider === 'jira' ? item.issueKey : null,
    submit_when: link.submitWhen,
    created_at: link.createdAt.toISOString(),
    created_by: link.createdBy,
    last_firing:
      link.lastFiring === null
        ? null
        : { fired_at: link.lastFiring.firedAt.toISOString(), outcome: link.lastFiring.outcome, delivery_id: link.lastFiring.deliveryId, closed_by: link.lastFiring.closedBy },
  };
}

export class InboundLinkOutcomeResponse {
  @ApiIdProperty('wil', 'The link')
  link_id!: string;

  @ApiIdProperty('ms', 'The milestone')
  milestone_id!: string;

  @ApiProperty({ description: '`submitted`, or `ignored: milestone is <status>`.', example: 'submitted' })
  outcome!: string;
}

/** What a verified delivery did. */
export class InboundDeliveryResponse {
  @ApiProperty({ example: '72d3162e-cc78-11e3-81ab-4c9367dc0958' })
  delivery_id!: string;

  @ApiProperty({ description: 'X-GitHub-Event, or Jira’s webhookEvent.', example: 'pull_request' })
  event!: string;

  @ApiProperty({
    enum: ['work_item_closed', 'ignored'],
    description: '`work_item_closed`: the delivery closed (merged, resolved) a work item, and `links` says what each link to it did; `ignored`: any other event or action, acknowledged.',
    example: 'work_item_closed',
  })
  result!: 'work_item_closed' | 'ignored';

  @ApiProperty({ type: () => [InboundLinkOutcomeResponse], description: 'The links waiting for this ending; none when no milestone is linked.' })
  links!: InboundLinkOutcomeResponse[];
}

export function inboundDeliveryResponseOf(deliveryId: string, event: string, closed: boolean, outcomes: readonly LinkOutcome[]): InboundDeliveryResponse {
  return {
    delivery_id: deliveryId,
    event,
    result: closed ? 'work_item_closed' : 'ignored',
    links: outcomes.map((outcome) => ({ link_id: outcome.linkId, milestone_id: outcome.milestoneId, outcome: outcome.outcome })),
  };
}
