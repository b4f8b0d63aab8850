import { aJiraIssueResolved, anIssueClosed, anIssueLabeled, aPing, aPullRequestClosedMerged, aPullRequestClosedUnmerged } from '../../../test/fixtures/work-tracker-deliveries';
import { closureOfGitHubDelivery, closureOfJiraDelivery, linksClosedBy, type WorkItemClosure } from './work-item-closure';
import type { SubmitWhen, WorkItem, WorkItemLink } from './work-item-link';

const pullRequest2: WorkItem = { provider: 'github', repository: 'Codertocat/Hello-World', kind: 'pull_request', number: 2 };
const issue2: WorkItem = { provider: 'github', repository: 'Codertocat/Hello-World', kind: 'issue', number: 2 };
const shop123: WorkItem = { provider: 'jira', site: 'acme.atlassian.net', issueKey: 'SHOP-123' };

function aLink(id: string, workItem: WorkItem, submitWhen: SubmitWhen): WorkItemLink {
  return { id, milestoneId: `ms_${id}`, workItem, submitWhen, createdAt: new Date('2026-06-01T00:00:00Z'), createdBy: 'pm' };
}

function closureOf(workItem: WorkItem, ending: WorkItemClosure['ending']): WorkItemClosure {
  return { workItem, ending, htmlUrl: 'https://example.com/item', closedBy: 'github:Codertocat' };
}

describe('linksClosedBy', () => {
  const links = [
    aLink('merged', pullRequest2, 'merged'),
    aLink('closed', pullRequest2, 'closed'),
    aLink('issue', issue2, 'closed'),
    aLink('other-repository', { ...pullRequest2, repository: 'Codertocat/Other' }, 'merged'),
    aLink('jira', shop123, 'resolved'),
  ];

  it('submits, for a merged pull request, the links waiting for it merged and those waiting for it closed', () => {
    expect(linksClosedBy(closureOf(pullRequest2, 'merged'), links).map((link) => link.id)).toEqual(['merged', 'closed']);
  });

  it('submits, for a pull request closed unmerged, only the links waiting for it closed', () => {
    expect(linksClosedBy(closureOf(pullRequest2, 'closed'), links).map((link) => link.id)).toEqual(['closed']);
  });

  it('tells an issue from a pull request of the same number, and matches repositories regardless of case', () => {
    expect(linksClosedBy(closureOf({ ...issue2, repository: 'codertocat/hello-world' }, 'closed'), links).map((link) => link.id)).toEqual(['issue']);
  });

  it('submits the links of a resolved Jira issue, its site regardless of case', () => {
    expect(linksClosedBy(closureOf({ ...shop123, site: 'ACME.atlassian.net' }, 'resolved'), links).map((link) => link.id)).toEqual(['jira']);
  });
});

describe('closureOfGitHubDelivery, on GitHub’s example payloads', () => {
  it('reads a merged pull request, with its URL as evidence and its sender', () => {
    expect(closureOfGitHubDelivery('pull_request', aPullRequestClosedMerged())).toEqual({
      workItem: pullRequest2,
      ending: 'merged',
      htmlUrl: 'https://github.com/Codertocat/Hello-World/pull/2',
      closedBy: 'github:Codertocat',
    });
  });

  it('reads a pull request closed unmerged as closed', () => {
    expect(closureOfGitHubDelivery('pull_request', aPullRequestClosedUnmerged())?.ending).toBe('closed');
  });

  it('reads a closed issue', () => {
    expect(closureOfGitHubDelivery('issues', anIssueClosed())).toEqual({
      workItem: { provider: 'github', repository: 'Codertocat/Hello-World', kind: 'issue', number: 1 },
      ending: 'closed',
      htmlUrl: 'https://github.com/Codertocat/Hello-World/issues/1',
      closedBy: 'github:Codertocat',
    });
  });

  it('closes nothing on a ping, another action or another event', () => {
    expect(closureOfGitHubDelivery('ping', aPing())).toBeNull();
    expect(closureOfGitHubDelivery('issues', anIssueLabeled())).toBeNull();
    expect(closureOfGitHubDelivery('release', { ...aPullRequestClosedMerged() })).toBeNull();
  });
});

describe('closureOfJiraDelivery', () => {
  it('reads an issue resolved in this update, its site from the issue’s URL and who resolved it', () => {
    expect(closureOfJiraDelivery(aJiraIssueResolved())).toEqual({
      workItem: shop123,
      ending: 'resolved',
      htmlUrl: 'https://acme.atlassian.net/browse/SHOP-123',
      closedBy: 'jira:5b10ac8d82e05b22cc7d4ef5',
    });
  });

  it('closes nothing for an issue still open', () => {
    const delivery = aJiraIssueResolved();
    delivery.issue.fields.resolution = null;
    delivery.issue.fields.status.statusCategory.key = 'indeterminate';
    expect(closureOfJiraDelivery(delivery)).toBeNull();
  });

  it('takes the done status category as resolved when the workflow sets no resolution', () => {
    const delivery = aJiraIssueResolved();
    delivery.issue.fields.resolution = null;
    delivery.changelog.items = [delivery.changelog.items[1]];
    expect(closureOfJiraDelivery(delivery)?.ending).toBe('resolved');
  });

  it('closes nothing when the update of a resolved issue changes neither its resolution nor its status (a comment, a label)', () => {
    const delivery = aJiraIssueResolved();
    delivery.changelog.items = [{ field: 'labels', fieldtype: 'jira', from: null, fromString: '', to: null, toString: 'milestone-2' }];
    expect(closureOfJiraDelivery(delivery)).toBeNull();
  });

  it('closes nothing on another event', () => {
    expect(closureOfJiraDelivery({ ...aJiraIssueResolved(), webhookEvent: 'jira:issue_created' })).toBeNull();
  });
});
