import { DomainRejection } from '@mb/kernel';
import { workItemLinkTerms, type WorkItemLinkRequest } from './work-item-link';

function refusalOf(request: WorkItemLinkRequest): { code: string; field: string | undefined } {
  try {
    workItemLinkTerms(request);
  } catch (error) {
    if (error instanceof DomainRejection) return { code: error.code, field: error.field };
    throw error;
  }
  throw new Error('the request was accepted');
}

describe('workItemLinkTerms', () => {
  it('takes a GitHub pull request, submitted when merged unless told closed', () => {
    expect(workItemLinkTerms({ provider: 'github', repository: 'acme/storefront', kind: 'pull_request', number: 42 })).toEqual({
      workItem: { provider: 'github', repository: 'acme/storefront', kind: 'pull_request', number: 42 },
      submitWhen: 'merged',
    });
    expect(workItemLinkTerms({ provider: 'github', repository: 'acme/storefront', kind: 'pull_request', number: 42, submitWhen: 'closed' }).submitWhen).toBe('closed');
  });

  it('takes a GitHub issue, submitted when closed', () => {
    expect(workItemLinkTerms({ provider: 'github', repository: 'Codertocat/Hello-World', kind: 'issue', number: 1 }).submitWhen).toBe('closed');
  });

  it('takes a Jira issue, its site in lower case, submitted when resolved', () => {
    expect(workItemLinkTerms({ provider: 'jira', site: 'Acme.Atlassian.net', issueKey: 'SHOP-123' })).toEqual({
      workItem: { provider: 'jira', site: 'acme.atlassian.net', issueKey: 'SHOP-123' },
      submitWhen: 'resolved',
    });
  });

  it.each<[string, WorkItemLinkRequest, string]>([
    ['an unknown provider', { provider: 'gitlab' }, 'provider'],
    ['a repository without an owner', { provider: 'github', repository: 'storefront', kind: 'issue', number: 1 }, 'repository'],
    ['a repository owner with a double hyphen', { provider: 'github', repository: 'ac--me/storefront', kind: 'issue', number: 1 }, 'repository'],
    ['no kind', { provider: 'github', repository: 'acme/storefront', number: 1 }, 'kind'],
    ['a kind GitHub has not', { provider: 'github', repository: 'acme/storefront', kind: 'discussion', number: 1 }, 'kind'],
    ['number 0', { provider: 'github', repository: 'acme/storefront', kind: 'issue', number: 0 }, 'number'],
    ['an issue merged', { provider: 'github', repository: 'acme/storefront', kind: 'issue', number: 1, submitWhen: 'merged' }, 'submit_when'],
    ['a pull request resolved', { provider: 'github', repository: 'acme/storefront', kind: 'pull_request', number: 1, submitWhen: 'resolved' }, 'submit_when'],
    ['a GitHub link with a Jira key', { provider: 'github', repository: 'acme/storefront', kind: 'issue', number: 1, issueKey: 'SHOP-1' }, 'issue_key'],
    ['a Jira link with a repository', { provider: 'jira', site: 'acme.atlassian.net', issueKey: 'SHOP-1', repository: 'acme/storefront' }, 'repository'],
    ['a Jira site that is a URL', { provider: 'jira', site: 'https://acme.atlassian.net', issueKey: 'SHOP-1' }, 'site'],
    ['a Jira key in lower case', { provider: 'jira', site: 'acme.atlassian.net', issueKey: 'shop-1' }, 'issue_key'],
    ['a Jira issue merged', { provider: 'jira', site: 'acme.atlassian.net', issueKey: 'SHOP-1', submitWhen: 'merged' }, 'submit_when'],
  ])('refuses %s, naming the field', (_case, request, field) => {
    expect(refusalOf(request)).toEqual({ code: 'work_item_link.invalid', field });
  });
});
