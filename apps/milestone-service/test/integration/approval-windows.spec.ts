import { aValidEvent } from '@mb/events';
import { addDays, calendarDateOf, newEventId, newId } from '@mb/kernel';
import { injectAs, TopicReader } from '@mb/testing';
import { eventually, EventPublisher, MilestoneService, startMilestoneService, testKafka } from './milestone-test-kit';

// Issue 9, item 3: a submission opens the approval window from the contract (calendar days, in the
// client's time zone), asks the approver (milestone.approval_requested), reminds half-way and as the
// last day begins, and at the close either deems the milestone accepted or tells the supplier it
// lapsed (milestone.approval_window_closed). All on durable timers in the milestone schema, moved
// by the test clock. The activated contract's milestones 2 and 3 deem silence acceptance (5 and 10
// days); milestone 4 does not (10 days).

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

describe('milestone-service: approval windows and deemed acceptance', () => {
  let service: MilestoneService;
  let publisher: EventPublisher;
  let reader: TopicReader;

  beforeAll(async () => {
    service = await startMilestoneService();
    publisher = await EventPublisher.connect(testKafka());
    reader = await TopicReader.start(testKafka(), ['milestone.approval_requested', 'milestone.approval_window_closed', 'milestone.status_updated']);
  });

  afterAll(async () => {
    await reader?.close();
    await publisher?.close();
    await service?.close();
  });

  const today = (): string => calendarDateOf(service.runtime.clock.now());

  async function travelTo(instant: string): Promise<void> {
    const response = await injectAs(service.app, 'admin', { method: 'PUT', url: '/v1/test-clock', payload: { now: instant } });
    expect(response.statusCode).toBe(200);
  }

  async function activate(): Promise<Json[]> {
    const contractId = newId('con');
    const activation = aValidEvent('contract.activated', { id: newEventId(), data: { contract_id: contractId, client_id: newId('cli') } });
    // No planned dates: only the approval windows' timers are at play.
    const milestones = activation.data.milestones.map((milestone) => ({ ...milestone, planned_date: null }));
    await publisher.publish({ ...activation, data: { ...activation.data, milestones } });
    return eventually(
      async () => (await injectAs(service.app, 'admin', { method: 'GET', url: `/v1/contracts/${contractId}/milestones` })).json().data as Json[],
      (found) => found.length === 4,
      `milestones of ${contractId}`,
    );
  }

  async function post(url: string, payload?: object): Promise<{ statusCode: number; body: Json }> {
    const response = await injectAs(service.app, 'admin', { method: 'POST', url, ...(payload ? { payload } : {}) });
    return { statusCode: response.statusCode, body: response.json() };
  }

  async function submit(milestoneId: string): Promise<Json> {
    expect((await post(`/v1/milestones/${milestoneId}/start`)).statusCode).toBe(200);
    const submitted = await post(`/v1/milestones/${milestoneId}/submit`, { evidence_url: 'https://staging.example.com/delivery' });
    expect(submitted.statusCode).toBe(200);
    return submitted.body;
  }

  async function milestone(id: string): Promise<Json> {
    return (await injectAs(service.app, 'admin', { method: 'GET', url: `/v1/milestones/${id}` })).json();
  }

  async function pendingTimersOf(milestoneId: string): Promise<{ timer: string; due_at: string; closes_at: string }[]> {
    return service.runtime.dataSource.query(
      `SELECT name AS timer, data ->> 'due_at' AS due_at, data -> 'data' ->> 'closes_at' AS closes_at
         FROM milestone.job WHERE singleton_key = $1 AND state IN ('created', 'retry') ORDER BY data ->> 'due_at'`,
      [milestoneId],
    );
  }

  const requests = (milestoneId: string) => reader.about('milestone.approval_requested', 'milestone_id', milestoneId);
  const closes = (milestoneId: string) => reader.about('milestone.approval_window_closed', 'milestone_id', milestoneId);
  const statuses = (milestoneId: string) => reader.about('milestone.status_updated', 'milestone_id', milestoneId);

  it('asks the approver at submission, reminds half-way and on the last day, and deems the milestone accepted when the window closes', async () => {
    // given a milestone billed on approval with a 5-day window deemed acceptance, submitted at 10:00 today (UTC client)
    const t = addDays(today(), 1);
    await travelTo(`${t}T10:00:00Z`);
    const [, second] = await activate();
    const submitted = await submit(second.id);
    // then the window closes as the sixth day after begins, and the approver is asked with what was delivered
    const closesAt = `${addDays(t, 6)}T00:00:00.000Z`;
    expect(submitted).toMatchObject({ status: 'submitted', approval_due_at: closesAt, deemed_accepted_at: null, approval_lapsed_at: null });
    const [request] = await eventually(() => requests(second.id), (found) => found.length >= 1, 'the approval request');
    expect(request.envelope.data).toMatchObject({
      kind: 'request',
      milestone_index: 2,
      acceptance_criteria: second.acceptance_criteria,
      evidence_url: 'https://staging.example.com/delivery',
      approval_window_days: 5,
      approval_due_at: closesAt,
      deemed_acceptance: true,
    });
    // and the reminders and the close wait as durable timers, each for this window (half-way between
    // the submission, a moment after 10:00, and the close: 05:00 on the third day, to the millisecond)
    const submittedAt = new Date(submitted.submitted_at).getTime();
    const halfWay = new Date(submittedAt + Math.floor((Date.parse(closesAt) - submittedAt) / 2)).toISOString();
    expect(halfWay.startsWith(`${addDays(t, 3)}T05:00`)).toBe(true);
    expect(await pendingTimersOf(second.id)).toEqual([
      { timer: 'milestone.approval_half_window_reminder', due_at: halfWay, closes_at: closesAt },
      { timer: 'milestone.approval_last_day_reminder', due_at: `${addDays(t, 5)}T00:00:00.000Z`, closes_at: closesAt },
      { timer: 'milestone.approval_window_closes', due_at: closesAt, closes_at: closesAt },
    ]);

    // when half the window passes, then the last day begins
    await travelTo(`${addDays(t, 3)}T06:00:00Z`);
    await eventually(() => requests(second.id), (found) => found.length >= 2, 'the half-window reminder');
    await travelTo(`${addDays(t, 5)}T01:00:00Z`);
    const reminders = await eventually(() => requests(second.id), (found) => found.length >= 3, 'the last-day reminder');
    expect(reminders.map(({ envelope }) => envelope.data.kind)).toEqual(['request', 'half_window_reminder', 'last_day_reminder']);

    // when the window closes unanswered
    await travelTo(`${addDays(t, 6)}T00:30:00Z`);
    // then the milestone is deemed accepted at the close, and triggered for disbursement
    const [closed] = await eventually(() => closes(second.id), (found) => found.length >= 1, 'the close of the window');
    expect(closed.envelope.data).toMatchObject({ deemed_accepted: true, closed_at: closesAt, milestone_index: 2 });
    const changes = await eventually(() => statuses(second.id), (found) => found.length >= 5, 'the deemed acceptance');
    expect(changes.slice(-2).map(({ envelope }) => [envelope.data.status, envelope.data.reason, envelope.data.occurred_at])).toEqual([
      ['approved', 'deemed_accepted', closesAt],
      ['triggered_for_disbursement', undefined, closesAt],
    ]);
    expect(await milestone(second.id)).toMatchObject({ status: 'triggered_for_disbursement', deemed_accepted_at: closesAt, approved_at: closesAt });
    expect(await pendingTimersOf(second.id)).toEqual([]);

    // and an answer after it is refused with a 409 that says why, changing nothing
    for (const [url, payload] of [[`/v1/milestones/${second.id}/approve`, undefined], [`/v1/milestones/${second.id}/reject`, { reason: 'Too late.' }]] as const) {
      const refused = await post(url, payload);
      expect(refused.statusCode).toBe(409);
      expect(refused.body).toMatchObject({ status: 409, code: 'milestone.deemed_accepted', errors: [{ field: 'status', rule: 'milestone.deemed_accepted' }] });
    }
    expect(await milestone(second.id)).toMatchObject({ status: 'triggered_for_disbursement', version: submitted.version + 2 });
  });

  it('leaves a milestone without deemed acceptance submitted when its window lapses, and tells the supplier once', async () => {
    // given the fourth milestone (10 days, no deemed acceptance), submitted at 09:00
    const t = addDays(today(), 1);
    await travelTo(`${t}T09:00:00Z`);
    const milestones = await activate();
    const fourth = milestones[3];
    await submit(fourth.id);
    // when the window closes unanswered
    await travelTo(`${addDays(t, 11)}T02:00:00Z`);
    // then the supplier is told it lapsed, and the milestone still waits for the answer
    const [closed] = await eventually(() => closes(fourth.id), (found) => found.length >= 1, 'the lapse of the window');
    expect(closed.envelope.data).toMatchObject({ deemed_accepted: false, closed_at: `${addDays(t, 11)}T00:00:00.000Z` });
    const lapsed = await milestone(fourth.id);
    expect(lapsed).toMatchObject({ status: 'submitted', approval_lapsed_at: `${addDays(t, 11)}T00:00:00.000Z`, deemed_accepted_at: null });
    // (the jump passed the reminders' instants too: they fire in any order beside the close, none left pending)
    await eventually(() => pendingTimersOf(fourth.id), (pending) => pending.length === 0, 'no approval timer left pending');
    // and the client may still approve it
    const approved = await post(`/v1/milestones/${fourth.id}/approve`);
    expect(approved).toMatchObject({ statusCode: 200, body: { status: 'triggered_for_disbursement' } });
    expect(closes(fourth.id)).toHaveLength(1);
  });

  it('closes the window when the client answers: a rejection cancels the reminders and the close', async () => {
    // given the third milestone (10 days, deemed acceptance), submitted
    const t = addDays(today(), 1);
    await travelTo(`${t}T09:00:00Z`);
    const milestones = await activate();
    const third = milestones[2];
    await submit(third.id);
    expect(await pendingTimersOf(third.id)).toHaveLength(3);
    // when the client rejects it with a reason
    const rejected = await post(`/v1/milestones/${third.id}/reject`, { reason: 'Two screens missing.' });
    expect(rejected).toMatchObject({ statusCode: 200, body: { status: 'rejected' } });
    // then no timer of its window is left, and nothing is deemed when the window would have closed
    expect(await pendingTimersOf(third.id)).toEqual([]);
    await travelTo(`${addDays(t, 12)}T00:00:00Z`);
    expect(await milestone(third.id)).toMatchObject({ status: 'rejected', deemed_accepted_at: null });
    expect(closes(third.id)).toEqual([]);
  });
});
