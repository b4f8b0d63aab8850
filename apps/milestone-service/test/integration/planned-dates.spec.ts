import { aValidEvent } from '@mb/events';
import { addDays, calendarDateOf, newEventId, newId, startOfDayIn } from '@mb/kernel';
import { injectAs, TopicReader } from '@mb/testing';
import { eventually, EventPublisher, MilestoneService, startMilestoneService, testKafka } from './milestone-test-kit';

// Issue 9, items 4 and 5: a milestone's planned date sets off its advance notice (milestone.due_soon)
// and, when missed, its delay (milestone.delayed), on durable timers in the milestone schema; the
// date moves through the API. Time moves with the test clock (PUT /v1/test-clock), which moves the
// pending timers with it. Every test plans its milestones from the service clock's today.

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

interface PendingTimer {
  readonly timer: string;
  readonly due_at: string;
  readonly planned_date: string;
}

describe('milestone-service: planned dates (advance notices and delays)', () => {
  let service: MilestoneService;
  let publisher: EventPublisher;
  let reader: TopicReader;

  beforeAll(async () => {
    service = await startMilestoneService();
    publisher = await EventPublisher.connect(testKafka());
    reader = await TopicReader.start(testKafka(), ['milestone.due_soon', 'milestone.delayed']);
  });

  afterAll(async () => {
    await reader?.close();
    await publisher?.close();
    await service?.close();
  });

  /** Today by the service clock, which earlier tests may have moved on. */
  const today = (): string => calendarDateOf(service.runtime.clock.now());
  const startOf = (date: string): string => `${date}T00:00:00.000Z`;

  async function travelTo(date: string, time = '06:00:00'): Promise<void> {
    const response = await injectAs(service.app, 'admin', { method: 'PUT', url: '/v1/test-clock', payload: { now: `${date}T${time}Z` } });
    expect(response.statusCode).toBe(200);
  }

  /**
   * Publishes a contract's activation (net-30) whose milestones 2, 3 and 4 are planned for the given
   * dates, and waits for its four milestones.
   */
  async function activate(
    plannedDates: [string | null, string | null, string | null],
    advanceNoticeDays = 7,
    clientTimeZone?: string,
  ): Promise<{ contractId: string; clientId: string; milestones: Json[] }> {
    const contractId = newId('con');
    const clientId = newId('cli');
    const data = { contract_id: contractId, client_id: clientId, advance_notice_days: advanceNoticeDays, ...(clientTimeZone ? { client_time_zone: clientTimeZone } : {}) };
    const activation = aValidEvent('contract.activated', { id: newEventId(), data });
    const milestones = activation.data.milestones.map((milestone, position) => (position === 0 ? milestone : { ...milestone, planned_date: plannedDates[position - 1] }));
    await publisher.publish({ ...activation, data: { ...activation.data, milestones } });
    const listed = await eventually(
      async () => (await injectAs(service.app, 'admin', { method: 'GET', url: `/v1/contracts/${contractId}/milestones` })).json().data as Json[],
      (found) => found.length === 4,
      `milestones of ${contractId}`,
    );
    return { contractId, clientId, milestones: listed };
  }

  async function milestone(id: string): Promise<Json> {
    const response = await injectAs(service.app, 'admin', { method: 'GET', url: `/v1/milestones/${id}` });
    expect(response.statusCode).toBe(200);
    return response.json();
  }

  async function post(url: string, payload?: object): Promise<void> {
    const response = await injectAs(service.app, 'admin', { method: 'POST', url, ...(payload ? { payload } : {}) });
    expect(response.statusCode).toBe(200);
  }

  /** The milestone's planned-date timers waiting in pg-boss (in the service's schema), with the business instant each is due at. */
  async function pendingTimersOf(milestoneId: string): Promise<PendingTimer[]> {
    return service.runtime.dataSource.query(
      `SELECT name AS timer, data ->> 'due_at' AS due_at, data -> 'data' ->> 'planned_date' AS planned_date
         FROM milestone.job WHERE singleton_key = $1 AND state IN ('created', 'retry') AND name NOT LIKE 'milestone.approval%' ORDER BY name`,
      [milestoneId],
    );
  }

  async function recordedCount(topic: string, milestoneId: string): Promise<number> {
    const [row]: { count: string }[] = await service.runtime.dataSource.query(
      `SELECT count(*) AS count FROM milestone.outbox WHERE topic = $1 AND (payload::jsonb -> 'data' ->> 'milestone_id') = $2`,
      [topic, milestoneId],
    );
    return Number(row.count);
  }

  const announced = (topic: 'milestone.due_soon' | 'milestone.delayed', milestoneId: string) => reader.about(topic, 'milestone_id', milestoneId);

  it("starts the days of a Los Angeles client's planned date at midnight there, kept with the milestone", async () => {
    // given today by the service clock
    const t = today();
    // when a Los Angeles client's contract is activated with a milestone planned 20 days ahead
    const { milestones } = await activate([addDays(t, 20), null, null], 7, 'America/Los_Angeles');
    const second = milestones[1];
    // then its notice and delay check fall at the start of their days in Los Angeles, not UTC
    expect(await pendingTimersOf(second.id)).toEqual([
      { timer: 'milestone.due_soon', due_at: startOfDayIn(addDays(t, 13), 'America/Los_Angeles').toISOString(), planned_date: addDays(t, 20) },
      { timer: 'milestone.planned_date_passed', due_at: startOfDayIn(addDays(t, 21), 'America/Los_Angeles').toISOString(), planned_date: addDays(t, 20) },
    ]);
    const [row]: { client_time_zone: string }[] = await service.runtime.dataSource.query('SELECT client_time_zone FROM milestone.milestones WHERE id = $1', [second.id]);
    expect(row.client_time_zone).toBe('America/Los_Angeles');
  });

  it("sets each planned milestone's advance notice a week before its date and its delay check the day after, at activation", async () => {
    // given today by the service clock
    const t = today();
    // when a contract is activated with milestones planned 20 and 40 days ahead, and one not planned
    const { milestones } = await activate([addDays(t, 20), addDays(t, 40), null]);
    const [deposit, second, third, fourth] = milestones;
    // then each planned one has its two timers, at the start of the day (UTC), for its planned date
    expect(await pendingTimersOf(second.id)).toEqual([
      { timer: 'milestone.due_soon', due_at: startOf(addDays(t, 13)), planned_date: addDays(t, 20) },
      { timer: 'milestone.planned_date_passed', due_at: startOf(addDays(t, 21)), planned_date: addDays(t, 20) },
    ]);
    expect((await pendingTimersOf(third.id)).map(({ due_at }) => due_at)).toEqual([startOf(addDays(t, 33)), startOf(addDays(t, 41))]);
    // and the deposit (billed at signing) and the unplanned milestone have none
    expect(await pendingTimersOf(deposit.id)).toEqual([]);
    expect(await pendingTimersOf(fourth.id)).toEqual([]);
    expect(second).toMatchObject({ advance_notice_days: 7, due_soon_announced_for: null, delay_announced_for: null });
  });

  it('announces a milestone due soon once the clock passes its notice day, with the expected invoice and due dates under the terms', async () => {
    // given a net-30 contract whose second milestone is planned 20 days ahead
    const t = today();
    const planned = addDays(t, 20);
    const { contractId, clientId, milestones } = await activate([planned, addDays(t, 40), null]);
    const [, second, third] = milestones;
    // when the clock reaches the day a week before it
    await travelTo(addDays(t, 13));
    // then milestone.due_soon says what is coming, how much, and when the invoice will be due
    const [notice] = await eventually(() => announced('milestone.due_soon', second.id), (found) => found.length >= 1, 'the advance notice of milestone 2');
    expect(notice.key).toBe(contractId);
    expect(notice.envelope.data).toEqual({
      contract_id: contractId,
      client_id: clientId,
      milestone_id: second.id,
      milestone_index: 2,
      milestone_title: 'Midway UI Prototype Sign-off',
      planned_date: planned,
      days_until_due: 7,
      amount_due_cents: 750_000,
      currency: 'usd',
      expected_invoice_date: planned,
      net_days: 30,
      expected_due_date: addDays(planned, 30),
    });
    // and the milestone remembers it, without a new version; the third's notice still waits for its day
    expect(await milestone(second.id)).toMatchObject({ due_soon_announced_for: planned, version: 1 });
    expect(await pendingTimersOf(second.id)).toEqual([{ timer: 'milestone.planned_date_passed', due_at: startOf(addDays(t, 21)), planned_date: planned }]);
    expect(await pendingTimersOf(third.id)).toHaveLength(2);
    expect(announced('milestone.due_soon', third.id)).toEqual([]);
  });

  it('announces a milestone not submitted by its planned date as delayed, once, and none submitted in time', async () => {
    // given three milestones planned 3 days ahead: one in progress, one submitted, one left planned
    const t = today();
    const planned = addDays(t, 3);
    const { milestones } = await activate([planned, planned, planned]);
    const [, inProgress, submitted, untouched] = milestones;
    await post(`/v1/milestones/${inProgress.id}/start`);
    await post(`/v1/milestones/${submitted.id}/start`);
    await post(`/v1/milestones/${submitted.id}/submit`, { evidence_url: 'https://staging.example.com/uat' });
    // (submitting cancelled the submitted one's timers)
    expect(await pendingTimersOf(submitted.id)).toEqual([]);
    // when the clock passes the planned date
    await travelTo(addDays(t, 4));
    // then the two not submitted are announced late by a day, with the state they are in
    const delays = await eventually(
      () => [...announced('milestone.delayed', inProgress.id), ...announced('milestone.delayed', untouched.id)],
      (found) => found.length >= 2,
      'the delays of milestones 2 and 4',
    );
    expect(delays.map(({ envelope }) => [envelope.data.milestone_index, envelope.data.status, envelope.data.days_late, envelope.data.planned_date]).sort()).toEqual([
      [2, 'in_progress', 1, planned],
      [4, 'planned', 1, planned],
    ]);
    expect(await milestone(inProgress.id)).toMatchObject({ delay_announced_for: planned, status: 'in_progress', version: 2 });
    // and each once, with no timer left to announce it again; the submitted one never
    await travelTo(addDays(t, 6));
    // (its advance notice, due at once at activation since the date was 3 days off, fires when a
    // worker next polls; on a loaded machine that may be after the delay)
    await eventually(() => pendingTimersOf(inProgress.id), (pending) => pending.length === 0, 'no timer left for milestone 2');
    expect([await recordedCount('milestone.delayed', inProgress.id), await recordedCount('milestone.delayed', untouched.id)]).toEqual([1, 1]);
    expect(await recordedCount('milestone.delayed', submitted.id)).toBe(0);
  });

  it('moves a planned date with a reason: keeps the history, clears the delay, and sets the notice and the delay check for the new date', async () => {
    // given a milestone in progress, announced late for a date 2 days ahead
    const t = today();
    const planned = addDays(t, 2);
    const { milestones } = await activate([planned, null, null]);
    const second = milestones[1];
    await post(`/v1/milestones/${second.id}/start`);
    await travelTo(addDays(t, 3));
    await eventually(() => announced('milestone.delayed', second.id), (found) => found.length === 1, 'the first delay');

    // when its planned date moves 17 days on, with a reason
    const newDate = addDays(t, 20);
    const response = await injectAs(service.app, 'admin', {
      method: 'PATCH',
      url: `/v1/milestones/${second.id}`,
      payload: { planned_date: newDate, reason: 'The client moved the UAT window.' },
    });

    // then it is planned for the new date and no longer late, at the same version
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({ id: second.id, planned_date: newDate, delay_announced_for: null, due_soon_announced_for: null, status: 'in_progress', version: 2 });
    // and the move is in its history, with the reason
    const history = await injectAs(service.app, 'admin', { method: 'GET', url: `/v1/milestones/${second.id}/planned-date-changes` });
    expect(history.statusCode).toBe(200);
    expect(history.json()).toEqual({
      data: [{ id: expect.stringMatching(/^pdc_/), milestone_id: second.id, from_date: planned, to_date: newDate, reason: 'The client moved the UAT window.', changed_at: expect.any(String) }],
    });
    // and the advance notice and the delay check wait for the new date
    expect(await pendingTimersOf(second.id)).toEqual([
      { timer: 'milestone.due_soon', due_at: startOf(addDays(t, 13)), planned_date: newDate },
      { timer: 'milestone.planned_date_passed', due_at: startOf(addDays(t, 21)), planned_date: newDate },
    ]);

    // when the new notice day comes, then the advance notice names the new date
    await travelTo(addDays(t, 13));
    const notices = await eventually(
      () => announced('milestone.due_soon', second.id).filter(({ envelope }) => envelope.data.planned_date === newDate),
      (found) => found.length === 1,
      'the advance notice of the new date',
    );
    expect(notices[0].envelope.data).toMatchObject({ days_until_due: 7, expected_invoice_date: newDate });
    // and when the new date passes too, the milestone is announced late again, for the new date
    await travelTo(addDays(t, 21));
    const delays = await eventually(() => announced('milestone.delayed', second.id), (found) => found.length === 2, 'the second delay');
    expect(delays.map(({ envelope }) => envelope.data.planned_date)).toEqual([planned, newDate]);
  });

  it('refuses to move the date of a submitted milestone, into the past, without a reason, or of an unknown milestone, changing nothing', async () => {
    // given a contract with milestone 2 planned 30 days ahead and milestone 3 submitted
    const t = today();
    const { milestones } = await activate([addDays(t, 30), addDays(t, 30), null]);
    const [, second, third] = milestones;
    await post(`/v1/milestones/${third.id}/start`);
    await post(`/v1/milestones/${third.id}/submit`, { evidence_url: 'https://staging.example.com/uat' });
    const patch = (id: string, payload: object) => injectAs(service.app, 'admin', { method: 'PATCH', url: `/v1/milestones/${id}`, payload });

    // when each bad move is asked for
    const submitted = await patch(third.id, { planned_date: addDays(t, 40), reason: 'Later.' });
    const past = await patch(second.id, { planned_date: addDays(t, -1), reason: 'Backdated.' });
    const noReason = await patch(second.id, { planned_date: addDays(t, 40) });
    const notADate = await patch(second.id, { planned_date: '2026-13-01', reason: 'Typo.' });
    const unknown = await patch(newId('ms'), { planned_date: addDays(t, 40), reason: 'Later.' });

    // then each is refused with its code and field
    expect([submitted.statusCode, submitted.json().code]).toEqual([409, 'milestone.not_reschedulable']);
    expect([past.statusCode, past.json().code, past.json().errors[0].field]).toEqual([422, 'milestone.invalid_planned_date', 'planned_date']);
    expect([noReason.statusCode, noReason.json().code]).toEqual([400, 'request.invalid']);
    expect(noReason.json().errors).toEqual(expect.arrayContaining([expect.objectContaining({ field: 'reason' })]));
    expect(notADate.statusCode).toBe(400);
    expect([unknown.statusCode, unknown.json().code]).toEqual([404, 'milestone.not_found']);
    // and nothing changed: the date, the history, the timers
    expect(await milestone(second.id)).toMatchObject({ planned_date: addDays(t, 30) });
    expect((await injectAs(service.app, 'admin', { method: 'GET', url: `/v1/milestones/${second.id}/planned-date-changes` })).json()).toEqual({ data: [] });
    expect(await pendingTimersOf(second.id)).toHaveLength(2);
    expect((await injectAs(service.app, 'admin', { method: 'GET', url: `/v1/milestones/${newId('ms')}/planned-date-changes` })).statusCode).toBe(404);
  });

  it("cancels a milestone's pending timers when it is cancelled, or its contract terminated", async () => {
    // given two milestones planned 30 days ahead, each with its timers
    const t = today();
    const { contractId, clientId, milestones } = await activate([addDays(t, 30), addDays(t, 30), null]);
    const [, second, third] = milestones;
    expect([(await pendingTimersOf(second.id)).length, (await pendingTimersOf(third.id)).length]).toEqual([2, 2]);
    // when the second is cancelled
    await post(`/v1/milestones/${second.id}/cancel`, { reason: 'Descoped.' });
    // then its timers are gone, the third's still wait
    expect(await pendingTimersOf(second.id)).toEqual([]);
    expect(await pendingTimersOf(third.id)).toHaveLength(2);
    // when the contract is terminated, then the third's go too
    // (a settlement that bills nothing: every milestone cancelled)
    const cancelled = milestones.map((_, index) => ({ milestone_index: index + 1, outcome: 'cancelled' as const, amount_cents: 100_000, billed_cents: 0, cancelled_cents: 100_000 }));
    const settlement = { total_value_cents: 300_000, billed_cents: 0, cancelled_cents: 300_000, milestones: cancelled };
    await publisher.publish(aValidEvent('contract.terminated', { id: newEventId(), data: { contract_id: contractId, client_id: clientId, ...settlement } }));
    await eventually(() => pendingTimersOf(third.id), (pending) => pending.length === 0, "the third milestone's timers cancelled");
    expect(await milestone(third.id)).toMatchObject({ status: 'cancelled' });
  });
});
