import type { SubmitWhen, WorkItem, WorkItemLink } from './work-item-link';
import { sameWorkItem } from './work-item-link';

/**
 * A work item closed in its tracker, as an inbound webhook told it: which item, how it ended
 * (`merged` is a pull request closed by merging; a merge closes it too), where a person sees it
 * (the evidence) and who closed it (`github:<login>`, `jira:<account id>`).
 */
export interface WorkItemClosure {
  readonly workItem: WorkItem;
  readonly ending: 'closed' | 'merged' | 'resolved';
  readonly htmlUrl: string;
  readonly closedBy: string;
}

/** The endings each link's submit_when is satisfied by: a merged pull request is closed as well. */
const SATISFIED_BY: Readonly<Record<WorkItemClosure['ending'], readonly SubmitWhen[]>> = {
  closed: ['closed'],
  merged: ['merged', 'closed'],
  resolved: ['resolved'],
};

/** The links a closure submits the milestones of: those of the same work item waiting for this ending. */
export function linksClosedBy(closure: WorkItemClosure, links: readonly WorkItemLink[]): WorkItemLink[] {
  return links.filter((link) => sameWorkItem(link.workItem, closure.workItem) && SATISFIED_BY[closure.ending].includes(link.submitWhen));
}

type Json = Record<string, unknown>;

function objectAt(value: unknown, key: string): Json | undefined {
  const found = value !== null && typeof value === 'object' ? (value as Json)[key] : undefined;
  return found !== null && typeof found === 'object' ? (found as Json) : undefined;
}

function stringAt(value: unknown, key: string): string | undefined {
  const found = value !== null && typeof value === 'object' ? (value as Json)[key] : undefined;
  return typeof found === 'string' && found !== '' ? found : undefined;
}

function numberAt(value: unknown, key: string): number | undefined {
  const found = value !== null && typeof value === 'object' ? (value as Json)[key] : undefined;
  return typeof found === 'number' && Number.isSafeInteger(found) ? found : undefined;
}

/**
 * What a GitHub delivery closes, from its `X-GitHub-Event` and payload: `issues` closed (an issue),
 * `pull_request` closed (merged when `pull_request.merged` is true). Anything else closes nothing
 * (null): other events and actions are acknowledged and ignored.
 */
export function closureOfGitHubDelivery(event: string, payload: unknown): WorkItemClosure | null {
  if (stringAt(payload, 'action') !== 'closed') return null;
  const repository = stringAt(objectAt(payload, 'repository'), 'full_name');
  const closedBy = stringAt(objectAt(payload, 'sender'), 'login');
  if (repository === undefined || closedBy === undefined) return null;
  const item = event === 'issues' ? objectAt(payload, 'issue') : event === 'pull_request' ? objectAt(payload, 'pull_request') : undefined;
  const number = numberAt(item, 'number');
  const htmlUrl = stringAt(item, 'html_url');
  if (item === undefined || number === undefined || htmlUrl === undefined) return null;
  return {
    workItem: { provider: 'github', repository, kind: event === 'issues' ? 'issue' : 'pull_request', number },
    ending: event === 'pull_request' && item.merged === true ? 'merged' : 'closed',
    htmlUrl,
    closedBy: `github:${closedBy}`,
  };
}

/**
 * What a Jira delivery resolves: a `jira:issue_updated` whose issue now has a resolution, or whose
 * status is in the done category, and whose changelog (when sent) shows the resolution or the status
 * changing in this update, so that a comment on an issue resolved long ago submits nothing again.
 * The site is the host of the issue's REST URL (`issue.self`).
 */
export function closureOfJiraDelivery(payload: unknown): WorkItemClosure | null {
  if (stringAt(payload, 'webhookEvent') !== 'jira:issue_updated') return null;
  const issue = objectAt(payload, 'issue');
  const fields = objectAt(issue, 'fields');
  const issueKey = stringAt(issue, 'key');
  const self = stringAt(issue, 'self');
  if (issueKey === undefined || self === undefined) return null;
  const resolved = objectAt(fields, 'resolution') !== undefined || stringAt(objectAt(objectAt(fields, 'status'), 'statusCategory'), 'key') === 'done';
  if (!resolved) return null;
  const changelog = objectAt(payload, 'changelog');
  if (changelog !== undefined) {
    const items = Array.isArray(changelog.items) ? (changelog.items as unknown[]) : [];
    if (!items.some((change) => ['resolution', 'status'].includes(stringAt(change, 'field') ?? ''))) return null;
  }
  let site: string;
  try {
    site = new URL(self).host.toLowerCase();
  } catch {
    return null;
  }
  const user = objectAt(payload, 'user');
  const closedBy = stringAt(user, 'accountId') ?? stringAt(user, 'displayName') ?? 'unknown';
  return { workItem: { provider: 'jira', site, issueKey }, ending: 'resolved', htmlUrl: `https://${site}/browse/${issueKey}`, closedBy: `jira:${closedBy}` };
}
