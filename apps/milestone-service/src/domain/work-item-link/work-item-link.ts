import { DomainRejection } from '@mb/kernel';

export const WORK_ITEM_PROVIDERS = ['github', 'jira'] as const;
export type WorkItemProvider = (typeof WORK_ITEM_PROVIDERS)[number];

export const GITHUB_WORK_ITEM_KINDS = ['issue', 'pull_request'] as const;
export type GitHubWorkItemKind = (typeof GITHUB_WORK_ITEM_KINDS)[number];

/** What happening to the work item submits the milestone. */
export const SUBMIT_WHEN = ['closed', 'merged', 'resolved'] as const;
export type SubmitWhen = (typeof SUBMIT_WHEN)[number];

/** Stable codes the API returns for refused links. */
export const WORK_ITEM_LINK_ERRORS = {
  invalid: 'work_item_link.invalid',
  notFound: 'work_item_link.not_found',
  duplicate: 'work_item_link.duplicate',
} as const;

/** A GitHub issue or pull request: `owner/name` and its number. */
export interface GitHubWorkItem {
  readonly provider: 'github';
  /** As GitHub spells it; matched without regard to case, as GitHub resolves names. */
  readonly repository: string;
  readonly kind: GitHubWorkItemKind;
  readonly number: number;
}

/** A Jira issue: the site's host (`acme.atlassian.net`) and the issue key (`PROJ-123`). */
export interface JiraWorkItem {
  readonly provider: 'jira';
  readonly site: string;
  readonly issueKey: string;
}

export type WorkItem = GitHubWorkItem | JiraWorkItem;

/** A milestone's link to a work item: when the item is closed, merged or resolved (submitWhen), the milestone is submitted. */
export interface WorkItemLink {
  readonly id: string;
  readonly milestoneId: string;
  readonly workItem: WorkItem;
  readonly submitWhen: SubmitWhen;
  readonly createdAt: Date;
  /** The verified caller who linked it. */
  readonly createdBy: string;
}

/** A link as asked for: the work item's fields as the API takes them, each checked here. */
export interface WorkItemLinkRequest {
  readonly provider: string;
  readonly repository?: string;
  readonly kind?: string;
  readonly number?: number;
  readonly site?: string;
  readonly issueKey?: string;
  readonly submitWhen?: string;
}

// GitHub's rules: an owner is alphanumerics and single hyphens (39 at most), a repository name
// alphanumerics, '.', '-' and '_' (100 at most).
const GITHUB_REPOSITORY = /^[A-Za-z0-9](?:[A-Za-z0-9]|-(?=[A-Za-z0-9])){0,38}\/[A-Za-z0-9._-]{1,100}$/;
const HOST_NAME = /^(?=.{1,253}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/;
// A Jira project key starts with a letter (letters, digits, underscores), then the issue's number.
const JIRA_ISSUE_KEY = /^[A-Z][A-Z0-9_]{0,254}-[1-9][0-9]*$/;

/** Which events of each kind of work item a link may wait for; the first is the default. */
export const SUBMIT_WHEN_ALLOWED: Readonly<Record<'github_issue' | 'github_pull_request' | 'jira_issue', readonly SubmitWhen[]>> = {
  github_issue: ['closed'],
  // A pull request closed unmerged is usually abandoned work: only a link that asks for it is submitted by it.
  github_pull_request: ['merged', 'closed'],
  jira_issue: ['resolved'],
};

function invalid(field: string, rule: string): DomainRejection {
  return new DomainRejection('invalid', WORK_ITEM_LINK_ERRORS.invalid, `${field} ${rule}`, field);
}

/**
 * The work item a request names, checked: the fields of its provider only, each well formed, and
 * `submit_when` one its kind of item can do (defaulting to the first). A refusal names the field.
 */
export function workItemLinkTerms(request: WorkItemLinkRequest): { workItem: WorkItem; submitWhen: SubmitWhen } {
  if (request.provider === 'github') {
    for (const [field, value] of [['site', request.site], ['issue_key', request.issueKey]] as const) {
      if (value !== undefined) throw invalid(field, 'is for Jira links only');
    }
    if (request.repository === undefined || !GITHUB_REPOSITORY.test(request.repository)) throw invalid('repository', 'must be a GitHub repository owner/name');
    if (request.kind === undefined || !(GITHUB_WORK_ITEM_KINDS as readonly string[]).includes(request.kind)) throw invalid('kind', 'must be issue or pull_request');
    if (request.number === undefined || !Number.isSafeInteger(request.number) || request.number < 1) throw invalid('number', 'must be a positive integer');
    const kind = request.kind as GitHubWorkItemKind;
    return {
      workItem: { provider: 'github', repository: request.repository, kind, number: request.number },
      submitWhen: submitWhenFor(kind === 'issue' ? 'github_issue' : 'github_pull_request', request.submitWhen),
    };
  }
  if (request.provider === 'jira') {
    for (const [field, value] of [['repository', request.repository], ['kind', request.kind], ['number', request.number]] as const) {
      if (value !== undefined) throw invalid(field, 'is for GitHub links only');
    }
    const site = request.site?.toLowerCase();
    if (site === undefined || !HOST_NAME.test(site)) throw invalid('site', "must be the Jira site's host name, e.g. acme.atlassian.net");
    if (request.issueKey === undefined || !JIRA_ISSUE_KEY.test(request.issueKey)) throw invalid('issue_key', 'must be a Jira issue key, e.g. PROJ-123');
    return { workItem: { provider: 'jira', site, issueKey: request.issueKey }, submitWhen: submitWhenFor('jira_issue', request.submitWhen) };
  }
  throw invalid('provider', 'must be github or jira');
}

function submitWhenFor(item: keyof typeof SUBMIT_WHEN_ALLOWED, requested: string | undefined): SubmitWhen {
  const allowed = SUBMIT_WHEN_ALLOWED[item];
  if (requested === undefined) return allowed[0];
  const found = allowed.find((when) => when === requested);
  if (found === undefined) throw invalid('submit_when', `must be ${allowed.join(' or ')} for a ${item.replace('_', ' ').replace('_', ' ')}`);
  return found;
}

/** Whether two work items are the same one (GitHub names and Jira sites regardless of case). */
export function sameWorkItem(a: WorkItem, b: WorkItem): boolean {
  if (a.provider === 'github' && b.provider === 'github') {
    return a.repository.toLowerCase() === b.repository.toLowerCase() && a.kind === b.kind && a.number === b.number;
  }
  if (a.provider === 'jira' && b.provider === 'jira') return a.site.toLowerCase() === b.site.toLowerCase() && a.issueKey === b.issueKey;
  return false;
}

export function workItemLinkNotFound(id: string): DomainRejection {
  return new DomainRejection('not_found', WORK_ITEM_LINK_ERRORS.notFound, `no work item link ${id}`);
}

export function duplicateWorkItemLink(milestoneId: string): DomainRejection {
  return new DomainRejection('conflict', WORK_ITEM_LINK_ERRORS.duplicate, `milestone ${milestoneId} is already linked to this work item`);
}
