import { aValidEvent } from '@mb/events';
import { addDays, calendarDateOf, newEventId, newId } from '@mb/kernel';
import { injectAs, TopicReader } from '@mb/testing';
import { eventually, EventPublisher, MilestoneService, startMilestoneService, testKafka } from './milestone-test-kit';

// Issue 9, item 6 "Date-based billing": an on_date milestone is triggered for disbursement at the
// start of its planned date (UTC), whatever the state of its work, on a durable timer
// (milestone.billing_date) set at activation, moved with the date and cancelled with the milestone.
// Time moves with the test clock (PUT /v1/test-clock), which moves the pending timers with it.

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

describe('milestone-service: date-based billing (on_date)', () => {
  let service: MilestoneService;
  let publisher: EventPublisher;
  let reader: TopicReader;

  beforeAll(async () => {
    service = await startMilestoneService();
    publisher = await EventPublisher.connect(testKafka());
    reader = await TopicReader.start(testKafka(), ['milestone.status_updated', 'milestone.delayed']);
  });

  afterAll(async () => {
    await reader?.close();
    await publisher?.close();
    await service?.close();
  });

  const today = (): string => calendarDateOf(service.runtime.clock.now());
  const startOf = (date: string): string => `${date}T00:00:00.000Z`;

  async function travelTo(date: string, time = '06:00:00'): Promise<void> {
    const response = await injectAs(service.app, 'admin', { method: 'PUT', url: '/v1/test-clock', payload: { now: `${date}T${time}Z` } });
    expect(response.statusCode).toBe(200);
  }

  /**
   * Activates a contract whose milestones 2 and 3 are billed on_date on the given dates, with no
   * approval window (the date bills them; a window closing as deemed acceptance would only add an
   * approval); waits for its four milestones.
   */
  async function activate(billingDates: [string, string]): Promise<Json[]> {
    const contractId = newId('con');
    const activation = aValidEvent('contract.activated', { id: newEventId(), data: { contract_id: contractId, client_id: newId('cli') } });
    const milestones = activation.data.milestones.map((entry, position) =>
      position === 1 || position === 2
        ? { ...entry, billing_trigger: 'on_date' as const, planned_date: billingDates[position - 1], approval_window_days: null, deemed_acceptance: false }
        : entry,
    );
    await publisher.publish({ ...activation, data: { ...activation.data, milestones } });
    return eventually(
      async () => (await injectAs(service.app, 'admin', { method: 'GET', url: `/v1/contracts/${contractId}/milestones` })).json().data as Json[],
      (found) => found.length === 4,
      `milestones of ${contractId}`,
    );
  }

  async function post(url: string, payload?: object): Promise<void> {
    const response = await injectAs(service.app, 'admin', { method: 'POST', url, ...(payload ? { payload } : {}) });
    expect(response.statusCode).toBe(200);
  }

  async function pendingTimersOf(milestoneId: string): Promise<{ timer: string; due_at: string; planned_date: string }[]> {
    return service.runtime.dataSource.query(
      `SELECT name AS timer, data ->> 'due_at' AS due_at, data -> 'data' ->> 'planned_date' AS planned_date
         FROM milestone.job WHERE singleton_key = $1 AND state IN ('created', 'retry') ORDER BY name`,
      [milestoneId],
    );
  }

  const statusUpdates = (milestoneId: string) => reader.about('milestone.status_updated', 'milestone_id', milestoneId);

  it('bills an on_date milestone at the start of its date, whatever its work, and a cancelled one never', async () => {
    // given a contract activated today whose milestone 2 is billed in 10 days and milestone 3 in 20
    const t = today();
    const [, second, third] = await activate([addDays(t, 10), addDays(t, 20)]);
    // then each has its advance notice and its billing date, at the start of the date (UTC), and no delay check
    expect(second).toMatchObject({ billing_trigger: 'on_date', status: 'planned' });
    expect(await pendingTimersOf(second.id)).toEqual([
      { timer: 'milestone.billing_date', due_at: startOf(addDays(t, 10)), planned_date: addDays(t, 10) },
      { timer: 'milestone.due_soon', due_at: startOf(addDays(t, 3)), planned_date: addDays(t, 10) },
    ]);
    // when the work on milestone 2 starts, milestone 3 is cancelled, and the clock passes milestone 2's date by two days
    await post(`/v1/milestones/${second.id}/start`);
    await post(`/v1/milestones/${third.id}/cancel`, { reason: 'Phase dropped by change order 2.' });
    expect(await pendingTimersOf(third.id)).toEqual([]);
    await travelTo(addDays(t, 12));
    // then milestone 2 is triggered for disbursement, dated the start of its date, and invoicing is told
    const [trigger] = await eventually(
      () => statusUpdates(second.id).filter(({ envelope }) => envelope.data.status === 'triggered_for_disbursement'),
      (found) => found.length === 1,
      'the billing trigger of milestone 2',
    );
    expect(trigger.envelope.data).toMatchObject({
      milestone_id: second.id,
      previous_status: 'in_progress',
      status: 'triggered_for_disbursement',
      billing_hold: false,
      amount_due_cents: 750_000,
      occurred_at: startOf(addDays(t, 10)),
    });
    const billed = (await injectAs(service.app, 'admin', { method: 'GET', url: `/v1/milestones/${second.id}` })).json();
    expect(billed).toMatchObject({ status: 'triggered_for_disbursement', triggered_at: startOf(addDays(t, 10)), version: 3 });
    // and nothing is left pending, it is never announced late, and the cancelled milestone 3 is never billed
    expect(await pendingTimersOf(second.id)).toEqual([]);
    await travelTo(addDays(t, 22));
    expect(reader.about('milestone.delayed', 'milestone_id', second.id)).toEqual([]);
    expect(statusUpdates(third.id).map(({ envelope }) => envelope.data.status)).not.toContain('triggered_for_disbursement');
    expect((await injectAs(service.app, 'admin', { method: 'GET', url: `/v1/milestones/${third.id}` })).json()).toMatchObject({ status: 'cancelled' });
  });

  it("moves the billing date with the planned date, and bills a submitted milestone on it under a billing hold, held", async () => {
    // given an on_date milestone billed in 5 days, its date moved to 15 days ahead
    const t = today();
    const [, second] = await activate([addDays(t, 5), addDays(t, 30)]);
    const moved = await injectAs(service.app, 'admin', { method: 'PATCH', url: `/v1/milestones/${second.id}`, payload: { planned_date: addDays(t, 15), reason: 'Billing follows the phase.' } });
    expect(moved.statusCode).toBe(200);
    expect((await pendingTimersOf(second.id)).find(({ timer }) => timer === 'milestone.billing_date')).toEqual({
      timer: 'milestone.billing_date',
      due_at: startOf(addDays(t, 15)),
      planned_date: addDays(t, 15),
    });
    // and its work submitted early, then put on a billing hold
    await post(`/v1/milestones/${second.id}/start`);
    await post(`/v1/milestones/${second.id}/submit`, { evidence_url: 'https://staging.example.com/phase-2' });
    await post(`/v1/milestones/${second.id}/billing-hold`, { reason: 'Disputed scope.', placed_by: 'sam.lee@agency.example' });
    // when the old date passes, nothing; when the new one arrives, the trigger is recorded, held
    await travelTo(addDays(t, 6));
    expect((await injectAs(service.app, 'admin', { method: 'GET', url: `/v1/milestones/${second.id}` })).json()).toMatchObject({ status: 'submitted' });
    await travelTo(addDays(t, 15), '00:30:00');
    const [trigger] = await eventually(
      () => statusUpdates(second.id).filter(({ envelope }) => envelope.data.status === 'triggered_for_disbursement'),
      (found) => found.length === 1,
      'the held billing trigger',
    );
    expect(trigger.envelope.data).toMatchObject({ previous_status: 'submitted', billing_hold: true, occurred_at: startOf(addDays(t, 15)) });
  });
});
