import { randomUUID } from 'node:crypto';
import { newEventId } from '@mb/kernel';
import { injectAs } from '@mb/testing';
import { jiraSignatureOf } from '../../src/api/http/inbound-signature.guard';
import { aJiraIssueResolved, anIssueLabeled, aPing, aPullRequestClosedMerged, aPullRequestClosedUnmerged } from '../fixtures/work-tracker-deliveries';
import { aContractActivatedFor, eventually, EventPublisher, MilestoneService, startMilestoneService, StatusUpdateReader, testKafka } from './milestone-test-kit';

// Issue 14 item 4, done when "a GitHub pull_request closed+merged example payload, signed, submits
// the linked milestone; the same delivery again has no effect; a forged signature gets 401 and
// changes nothing": the milestone service's HTTP edge with real PostgreSQL and Kafka, GitHub's own
// example payloads (@octokit/webhooks-examples) and a Jira Cloud jira:issue_updated, each signed as
// its sender signs it.

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const GITHUB_SECRET = 'integration-test-github-secret';
const JIRA_SECRET = 'integration-test-jira-secret';
// The examples' pull request and Jira issue.
const HELLO_WORLD_PR_2 = { provider: 'github', repository: 'Codertocat/Hello-World', kind: 'pull_request', number: 2 };
const SHOP_123 = { provider: 'jira', site: 'acme.atlassian.net', issue_key: 'SHOP-123' };

describe('milestone-service: work-item links and signed inbound webhooks', () => {
  let service: MilestoneService;
  let publisher: EventPublisher;
  let reader: StatusUpdateReader;
  // GitHub's own signing, from the library the service verifies with (an ES module: import()).
  let sign: (secret: string, payload: string) => Promise<string>;

  beforeAll(async () => {
    ({ sign } = await import('@octokit/webhooks-methods'));
    service = await startMilestoneService({ MB_GITHUB_WEBHOOK_SECRET: GITHUB_SECRET, MB_JIRA_WEBHOOK_SECRET: JIRA_SECRET });
    publisher = await EventPublisher.connect(testKafka());
    reader = await StatusUpdateReader.start(testKafka());
  });

  afterAll(async () => {
    await reader?.close();
    await publisher?.close();
    await service?.close();
  });

  async function aMilestoneInProgress(): Promise<{ id: string; contractId: string }> {
    const activation = aContractActivatedFor();
    const contractId = activation.data.contract_id;
    await publisher.publish({ ...activation, id: newEventId() });
    const milestones = await eventually(
      async () => (await injectAs(service.app, 'project_manager', { method: 'GET', url: `/v1/contracts/${contractId}/milestones` })).json().data as Json[],
      (found) => found.length === 4,
      'the milestones',
    );
    // milestone 2 is billed on approval: a submission waits for the client
    const second = milestones[1];
    expect((await injectAs(service.app, 'project_manager', { method: 'POST', url: `/v1/milestones/${second.id}/start` })).statusCode).toBe(200);
    return { id: second.id as string, contractId };
  }

  async function link(milestoneId: string, body: Json) {
    return injectAs(service.app, 'project_manager', { method: 'POST', url: `/v1/milestones/${milestoneId}/work-item-links`, payload: body });
  }

  async function milestone(id: string): Promise<Json> {
    return (await injectAs(service.app, 'project_manager', { method: 'GET', url: `/v1/milestones/${id}` })).json();
  }

  /** A GitHub delivery as GitHub sends it: the JSON body, signed with the secret, its id and event. */
  async function deliverToGitHubEndpoint(event: string, payload: Json, options: { deliveryId?: string; signature?: string | null } = {}) {
    const body = JSON.stringify(payload);
    const signature = options.signature === undefined ? await sign(GITHUB_SECRET, body) : options.signature;
    return service.app.inject({
      method: 'POST',
      url: '/v1/inbound/github',
      headers: {
        'content-type': 'application/json',
        'x-github-event': event,
        'x-github-delivery': options.deliveryId ?? randomUUID(),
        ...(signature === null ? {} : { 'x-hub-signature-256': signature }),
      },
      payload: body,
    });
  }

  async function deliverToJiraEndpoint(payload: Json, options: { deliveryId?: string; signature?: string } = {}) {
    const body = JSON.stringify(payload);
    return service.app.inject({
      method: 'POST',
      url: '/v1/inbound/jira',
      headers: {
        'content-type': 'application/json',
        'x-atlassian-webhook-identifier': options.deliveryId ?? randomUUID(),
        'x-atlassian-webhook-flow': 'Primary',
        'x-hub-signature': options.signature ?? jiraSignatureOf(JIRA_SECRET, body),
      },
      payload: body,
    });
  }

  describe('links', () => {
    it('links a milestone to a pull request (submitted when merged by default), lists and removes the link', async () => {
      // given a milestone in progress
      const { id } = await aMilestoneInProgress();
      // when a project manager links it to a pull request
      const created = await link(id, HELLO_WORLD_PR_2);
      // then the link waits for the merge
      expect(created.statusCode).toBe(201);
      expect(created.json()).toMatchObject({
        id: expect.stringMatching(/^wil_/),
        milestone_id: id,
        provider: 'github',
        repository: 'Codertocat/Hello-World',
        kind: 'pull_request',
        number: 2,
        site: null,
        issue_key: null,
        submit_when: 'merged',
        created_by: expect.stringMatching(/project_manager/),
        last_firing: null,
      });
      // and finance reads it among the milestone's links
      const listed = await injectAs(service.app, 'finance', { method: 'GET', url: `/v1/milestones/${id}/work-item-links` });
      expect(listed.json().data.map((found: Json) => found.id)).toEqual([created.json().id]);
      // and the same item twice is a conflict
      expect((await link(id, HELLO_WORLD_PR_2)).json()).toMatchObject({ status: 409, code: 'work_item_link.duplicate' });
      // when it is removed, then it is gone, and a second removal names nothing
      const removed = await injectAs(service.app, 'project_manager', { method: 'DELETE', url: `/v1/work-item-links/${created.json().id}` });
      expect([removed.statusCode, removed.json().id]).toEqual([200, created.json().id]);
      expect((await injectAs(service.app, 'finance', { method: 'GET', url: `/v1/milestones/${id}/work-item-links` })).json().data).toEqual([]);
      expect((await injectAs(service.app, 'admin', { method: 'DELETE', url: `/v1/work-item-links/${created.json().id}` })).json()).toMatchObject({ status: 404, code: 'work_item_link.not_found' });
    });

    it('refuses combinations a work item cannot do, naming the field, and links to nothing unknown', async () => {
      const { id } = await aMilestoneInProgress();
      const mergedIssue = await link(id, { provider: 'github', repository: 'Codertocat/Hello-World', kind: 'issue', number: 1, submit_when: 'merged' });
      expect(mergedIssue.headers['content-type']).toContain('application/problem+json');
      expect(mergedIssue.json()).toMatchObject({ status: 422, code: 'work_item_link.invalid', errors: [{ field: 'submit_when' }] });
      expect((await link(id, { provider: 'jira', site: 'acme.atlassian.net', issue_key: 'SHOP-1', number: 3 })).json()).toMatchObject({ status: 422, errors: [{ field: 'number' }] });
      expect((await link(id, { provider: 'gitlab' })).json()).toMatchObject({ status: 400, code: 'request.invalid' });
      expect((await link('ms_01NOSUCHMILESTONE000000000', HELLO_WORLD_PR_2)).json()).toMatchObject({ status: 404, code: 'milestone.not_found' });
      // and nothing was linked
      expect((await injectAs(service.app, 'finance', { method: 'GET', url: `/v1/milestones/${id}/work-item-links` })).json().data).toEqual([]);
    });

    it("lets the milestone's own client read its links (the portal's evidence), and answers another client as if it did not exist", async () => {
      // given a milestone linked to a pull request
      const { id } = await aMilestoneInProgress();
      const created = (await link(id, HELLO_WORLD_PR_2)).json();
      const clientId = (await milestone(id)).client_id as string;
      // when its client reads the links, then it sees them
      const own = await injectAs(service.app, { role: 'client', clientId }, { method: 'GET', url: `/v1/milestones/${id}/work-item-links` });
      expect([own.statusCode, own.json().data.map((found: Json) => found.id)]).toEqual([200, [created.id]]);
      // and another client gets the 404 of an unknown milestone, not its links
      const other = await injectAs(service.app, { role: 'client', clientId: 'cli_01OTHERCLIENT000000000000' }, { method: 'GET', url: `/v1/milestones/${id}/work-item-links` });
      expect(other.json()).toMatchObject({ status: 404, code: 'milestone.not_found' });
      // and a client still cannot link
      const linking = await injectAs(service.app, { role: 'client', clientId }, { method: 'POST', url: `/v1/milestones/${id}/work-item-links`, payload: SHOP_123 });
      expect(linking.statusCode).toBe(403);
    });

    it('lets finance read links but not make them', async () => {
      const { id } = await aMilestoneInProgress();
      expect((await injectAs(service.app, 'finance', { method: 'POST', url: `/v1/milestones/${id}/work-item-links`, payload: HELLO_WORLD_PR_2 })).statusCode).toBe(403);
    });
  });

  describe('GitHub', () => {
    it('submits the linked milestone when a signed pull_request closed+merged arrives, with the pull request as evidence; the same delivery again has no effect', async () => {
      // given a milestone in progress linked to Codertocat/Hello-World#2
      const { id, contractId } = await aMilestoneInProgress();
      const linkId = (await link(id, HELLO_WORLD_PR_2)).json().id as string;
      // when GitHub delivers the pull request closed and merged, signed
      const deliveryId = randomUUID();
      const answer = await deliverToGitHubEndpoint('pull_request', aPullRequestClosedMerged(), { deliveryId });
      // then the milestone is submitted with the pull request as evidence, and waits for the client (never approved)
      expect(answer.statusCode).toBe(200);
      expect(answer.json()).toMatchObject({ delivery_id: deliveryId, event: 'pull_request', result: 'work_item_closed' });
      expect(answer.json().links).toContainEqual({ link_id: linkId, milestone_id: id, outcome: 'submitted' });
      const submitted = await milestone(id);
      expect(submitted).toMatchObject({ status: 'submitted', evidence_url: 'https://github.com/Codertocat/Hello-World/pull/2' });
      // and milestone.status_updated (submitted) is on Kafka
      await eventually(
        async () => reader.transitionsOf(contractId, 2),
        (transitions) => transitions.some(([, status]) => status === 'submitted'),
        'milestone 2 submitted on Kafka',
      );
      // and the link says what it did, and who merged
      const [listed] = (await injectAs(service.app, 'finance', { method: 'GET', url: `/v1/milestones/${id}/work-item-links` })).json().data as Json[];
      expect(listed.last_firing).toMatchObject({ outcome: 'submitted', delivery_id: deliveryId, closed_by: 'github:Codertocat' });

      // when the same delivery comes again (a redelivery)
      const replay = await deliverToGitHubEndpoint('pull_request', aPullRequestClosedMerged(), { deliveryId });
      // then it is refused as a replay and nothing changes
      expect(replay.statusCode).toBe(409);
      expect(replay.json()).toMatchObject({ code: 'inbound.delivery_replayed' });
      expect(await milestone(id)).toMatchObject({ status: 'submitted', version: submitted.version });
      expect(reader.transitionsOf(contractId, 2).filter(([, status]) => status === 'submitted')).toHaveLength(1);
    });

    it('submits, for a pull request closed unmerged, only the milestones waiting for it closed', async () => {
      // given one milestone waiting for the merge and one for the closing of the same pull request
      const waitingForMerge = await aMilestoneInProgress();
      const waitingForClose = await aMilestoneInProgress();
      await link(waitingForMerge.id, HELLO_WORLD_PR_2);
      await link(waitingForClose.id, { ...HELLO_WORLD_PR_2, submit_when: 'closed' });
      // when the pull request is closed without merging
      const answer = await deliverToGitHubEndpoint('pull_request', aPullRequestClosedUnmerged());
      // then only the second is submitted
      expect(answer.statusCode).toBe(200);
      expect((answer.json().links as Json[]).map((outcome) => outcome.milestone_id)).not.toContain(waitingForMerge.id);
      expect(await milestone(waitingForClose.id)).toMatchObject({ status: 'submitted' });
      expect(await milestone(waitingForMerge.id)).toMatchObject({ status: 'in_progress' });
    });

    it('refuses a forged signature and an unsigned delivery with 401, changing nothing', async () => {
      // given a milestone in progress linked to the pull request
      const { id } = await aMilestoneInProgress();
      await link(id, HELLO_WORLD_PR_2);
      const before = await milestone(id);
      // when the merge arrives signed with another secret, or signed over another body, or not signed
      const forged = await deliverToGitHubEndpoint('pull_request', aPullRequestClosedMerged(), { signature: await sign('not-the-configured-secret', JSON.stringify(aPullRequestClosedMerged())) });
      const tampered = await deliverToGitHubEndpoint('pull_request', aPullRequestClosedMerged(), { signature: await sign(GITHUB_SECRET, JSON.stringify(aPullRequestClosedUnmerged())) });
      const unsigned = await deliverToGitHubEndpoint('pull_request', aPullRequestClosedMerged(), { signature: null });
      // then each is a 401 problem
      for (const [answer, code] of [
        [forged, 'inbound.signature_invalid'],
        [tampered, 'inbound.signature_invalid'],
        [unsigned, 'inbound.signature_missing'],
      ] as const) {
        expect(answer.statusCode).toBe(401);
        expect(answer.headers['content-type']).toContain('application/problem+json');
        expect(answer.json()).toMatchObject({ code });
      }
      // and the milestone is as it was
      expect(await milestone(id)).toMatchObject({ status: 'in_progress', version: before.version });
    });

    it('answers a ping, and acknowledges and ignores events that close nothing', async () => {
      const ping = await deliverToGitHubEndpoint('ping', aPing());
      expect(ping.statusCode).toBe(200);
      expect(ping.json()).toMatchObject({ event: 'ping', result: 'ignored', links: [] });
      const labeled = await deliverToGitHubEndpoint('issues', anIssueLabeled());
      expect(labeled.json()).toMatchObject({ event: 'issues', result: 'ignored', links: [] });
      const unknown = await deliverToGitHubEndpoint('star', { action: 'created', starred_at: '2026-06-01T00:00:00Z' });
      expect([unknown.statusCode, unknown.json().result]).toEqual([200, 'ignored']);
    });

    it('leaves a linked milestone that is not in progress as it is, and says why', async () => {
      // given a milestone linked to the pull request, submitted by hand already
      const { id } = await aMilestoneInProgress();
      const linkId = (await link(id, HELLO_WORLD_PR_2)).json().id as string;
      await injectAs(service.app, 'project_manager', { method: 'POST', url: `/v1/milestones/${id}/submit`, payload: { evidence_url: 'https://staging.example.com' } });
      // when the merge arrives
      const answer = await deliverToGitHubEndpoint('pull_request', aPullRequestClosedMerged());
      // then the link notes it found the milestone submitted, and the evidence stays the person's
      expect(answer.json().links).toContainEqual({ link_id: linkId, milestone_id: id, outcome: 'ignored: milestone is submitted' });
      expect(await milestone(id)).toMatchObject({ status: 'submitted', evidence_url: 'https://staging.example.com' });
    });

    it('names the sender in the audit log', async () => {
      const deliveryId = randomUUID();
      await deliverToGitHubEndpoint('ping', aPing(), { deliveryId });
      const audit = (await injectAs(service.app, 'auditor', { method: 'GET', url: `/v1/audit-log?command=${encodeURIComponent('POST /v1/inbound/github')}` })).json().data as Json[];
      expect(audit[0]).toMatchObject({ actor_subject: 'webhook:github', outcome: 'succeeded', status: '200' });
    });
  });

  describe('Jira', () => {
    it('submits the linked milestone when a signed jira:issue_updated resolves the issue', async () => {
      // given a milestone in progress linked to acme.atlassian.net's SHOP-123
      const { id, contractId } = await aMilestoneInProgress();
      const linkId = (await link(id, SHOP_123)).json().id as string;
      // when Jira delivers the issue resolved, signed
      const answer = await deliverToJiraEndpoint(aJiraIssueResolved());
      // then the milestone is submitted with the issue as evidence
      expect(answer.statusCode).toBe(200);
      expect(answer.json()).toMatchObject({ event: 'jira:issue_updated', result: 'work_item_closed' });
      expect(answer.json().links).toContainEqual({ link_id: linkId, milestone_id: id, outcome: 'submitted' });
      expect(await milestone(id)).toMatchObject({ status: 'submitted', evidence_url: 'https://acme.atlassian.net/browse/SHOP-123' });
      await eventually(
        async () => reader.transitionsOf(contractId, 2),
        (transitions) => transitions.some(([, status]) => status === 'submitted'),
        'milestone 2 submitted on Kafka',
      );
    });

    it('refuses a forged signature with 401, changing nothing; and a replayed delivery with 409', async () => {
      const { id } = await aMilestoneInProgress();
      await link(id, SHOP_123);
      const forged = await deliverToJiraEndpoint(aJiraIssueResolved(), { signature: jiraSignatureOf('not-the-configured-secret', JSON.stringify(aJiraIssueResolved())) });
      expect([forged.statusCode, forged.json().code]).toEqual([401, 'inbound.signature_invalid']);
      expect(await milestone(id)).toMatchObject({ status: 'in_progress' });
      // a delivery that closes nothing, twice
      const deliveryId = randomUUID();
      const created = { ...aJiraIssueResolved(), webhookEvent: 'jira:issue_created' };
      expect((await deliverToJiraEndpoint(created, { deliveryId })).json()).toMatchObject({ result: 'ignored' });
      expect((await deliverToJiraEndpoint(created, { deliveryId })).json()).toMatchObject({ status: 409, code: 'inbound.delivery_replayed' });
    });
  });
});
