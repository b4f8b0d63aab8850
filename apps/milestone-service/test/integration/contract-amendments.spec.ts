import { aValidEvent, type EventData, type EventEnvelope } from '@mb/events';
import { addDays, calendarDateOf, newEventId, newId } from '@mb/kernel';
import { injectAs, parsePrometheusText, TopicReader } from '@mb/testing';
import {
  aContractActivatedFor,
  eventually,
  EventPublisher,
  MilestoneService,
  startMilestoneService,
  StatusUpdateReader,
  testKafka,
} from './milestone-test-kit';

// Issue 14, item 1: a change order approved (contract.amended, version 3) re-plans the contract's
// milestones: added ones are scheduled, removed ones cancelled, changed ones take the new terms and
// their timers move; a milestone already billed is left alone. Real v3 events on Kafka.

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
type ScheduledEntry = EventData<'contract.amended'>['milestones'][number];

describe('milestone-service: contract amendments', () => {
  let service: MilestoneService;
  let publisher: EventPublisher;
  let updates: StatusUpdateReader;
  let notices: TopicReader;

  beforeAll(async () => {
    service = await startMilestoneService();
    publisher = await EventPublisher.connect(testKafka());
    updates = await StatusUpdateReader.start(testKafka());
    notices = await TopicReader.start(testKafka(), ['milestone.due_soon']);
  });

  afterAll(async () => {
    await notices?.close();
    await updates?.close();
    await publisher?.close();
    await service?.close();
  });

  const today = (): string => calendarDateOf(service.runtime.clock.now());

  async function milestonesOf(contractId: string): Promise<Json[]> {
    return (await injectAs(service.app, 'admin', { method: 'GET', url: `/v1/contracts/${contractId}/milestones` })).json().data as Json[];
  }

  /** Activates a 4-milestone contract (planned a year and more ahead) and waits for its milestones. */
  async function activate(): Promise<EventEnvelope<'contract.activated'>> {
    const activation = aContractActivatedFor();
    await publisher.publish(activation);
    await eventually(() => milestonesOf(activation.data.contract_id), (found) => found.length === 4, 'the activated milestones');
    return activation;
  }

  /**
   * Version `version` of the activated contract's schedule: `milestones` the whole schedule after the
   * change, the diff computed from the schedule before it.
   */
  function anAmendment(
    before: readonly ScheduledEntry[],
    after: readonly ScheduledEntry[],
    activation: EventEnvelope<'contract.activated'>,
    version = 2,
  ): EventEnvelope<'contract.amended'> {
    const indexes = [...new Set([...before, ...after].map((entry) => entry.milestone_index))].sort((a, b) => a - b);
    const changes = indexes.flatMap((index) => {
      const was = before.find((entry) => entry.milestone_index === index) ?? null;
      const is = after.find((entry) => entry.milestone_index === index) ?? null;
      if (JSON.stringify(was) === JSON.stringify(is)) return [];
      return [{ milestone_index: index, kind: was === null ? ('added' as const) : is === null ? ('removed' as const) : ('changed' as const), before: was, after: is }];
    });
    const total = after.reduce((sum, entry) => sum + entry.amount_cents, 0);
    return aValidEvent('contract.amended', {
      id: newEventId(),
      data: {
        ...activation.data,
        total_value_cents: total,
        schedule_version: version,
        previous_schedule_version: version - 1,
        previous_total_value_cents: before.reduce((sum, entry) => sum + entry.amount_cents, 0),
        previous_net_days: activation.data.net_days,
        change_order_id: newId('chg'),
        milestones: [...after],
        milestone_changes: changes,
      },
    });
  }

  /** What the amendments announced of milestones 4 (removed) and 5 (added): activation announced 4 as planned before. */
  const amendmentTransitionsOf = (contractId: string) =>
    updates.transitionsOf(contractId).filter(([index, status]) => index === 5 || (index === 4 && status !== 'planned'));

  async function pendingTimersOf(milestoneId: string): Promise<{ timer: string; planned_date: string }[]> {
    return service.runtime.dataSource.query(
      `SELECT name AS timer, data -> 'data' ->> 'planned_date' AS planned_date
         FROM milestone.job WHERE singleton_key = $1 AND state IN ('created', 'retry') ORDER BY name`,
      [milestoneId],
    );
  }

  it('schedules an added milestone, cancels a removed one and gives a changed one its new amount, date and timers', async () => {
    // given an active 4-milestone contract
    const activation = await activate();
    const contractId = activation.data.contract_id;
    const before = activation.data.milestones;
    const movedTo = addDays(before[2].planned_date as string, 14);
    const added: ScheduledEntry = { ...before[3], milestone_index: 5, title: 'Single sign-on', amount_cents: 200_000, planned_date: addDays(movedTo, 7) };
    // when a change order re-prices and re-dates milestone 3, removes 4 and adds 5
    const after = [before[0], before[1], { ...before[2], amount_cents: 1_250_000, planned_date: movedTo, approval_window_days: 14 }, added];
    await publisher.publish(anAmendment(before, after, activation));
    // then the schedule is the new one
    const milestones = await eventually(() => milestonesOf(contractId), (found) => found.length === 5, 'the added milestone');
    const [deposit, second, third, fourth, fifth] = milestones;
    expect(third).toMatchObject({ status: 'planned', amount_cents: 1_250_000, planned_date: movedTo, approval_window_days: 14, schedule_version: 2 });
    expect(fourth).toMatchObject({ status: 'cancelled', amount_cents: before[3].amount_cents, schedule_version: 1 });
    expect(fifth).toMatchObject({ milestone_index: 5, status: 'planned', title: 'Single sign-on', amount_cents: 200_000, schedule_version: 2 });
    // the untouched unbilled one carries the new version, the billed deposit the one it was billed under
    expect(second).toMatchObject({ status: 'planned', amount_cents: before[1].amount_cents, schedule_version: 2 });
    expect(deposit).toMatchObject({ status: 'triggered_for_disbursement', schedule_version: 1 });
    // the cancellation and the new milestone are announced, as termination and activation announce them
    await eventually(async () => amendmentTransitionsOf(contractId), (seen) => seen.length === 2, 'the cancellation and the added milestone');
    expect(amendmentTransitionsOf(contractId)).toEqual([
      [4, 'cancelled'],
      [5, 'planned'],
    ]);
    const cancellation = updates.of(contractId).find((update) => update.envelope.data.milestone_index === 4 && update.envelope.data.status === 'cancelled')?.envelope.data;
    expect(cancellation).toMatchObject({ status: 'cancelled', previous_status: 'planned', reason: expect.stringContaining('Removed by change order') });
    // and the timers follow: moved for 3, gone for 4, set for 5
    expect(await pendingTimersOf(third.id)).toEqual([
      { timer: 'milestone.due_soon', planned_date: movedTo },
      { timer: 'milestone.planned_date_passed', planned_date: movedTo },
    ]);
    expect(await pendingTimersOf(fourth.id)).toEqual([]);
    expect(await pendingTimersOf(fifth.id)).toEqual([
      { timer: 'milestone.due_soon', planned_date: added.planned_date },
      { timer: 'milestone.planned_date_passed', planned_date: added.planned_date },
    ]);
  });

  it('has no second effect when the amendment is delivered again, or told again under another event id', async () => {
    // given a contract amended once: milestone 4 removed, 5 added
    const activation = await activate();
    const contractId = activation.data.contract_id;
    const before = activation.data.milestones;
    const after = [before[0], before[1], before[2], { ...before[3], milestone_index: 5, title: 'Hypercare' }];
    const amendment = anAmendment(before, after, activation);
    await publisher.publish(amendment);
    await eventually(() => milestonesOf(contractId), (found) => found.length === 5, 'the first amendment');
    // when the same event is redelivered, and the same amendment is told again under a new id
    await publisher.publish(amendment);
    await publisher.publish({ ...amendment, id: newEventId() });
    // and a later amendment (version 3: milestone 2 re-worded) goes after them on the contract's partition
    const reworded = [after[0], { ...after[1], title: 'Prototype sign-off' }, after[2], after[3]];
    await publisher.publish(anAmendment(after, reworded, activation, 3));
    await eventually(
      async () => (await milestonesOf(contractId))[1],
      (second) => second.title === 'Prototype sign-off',
      'the later amendment',
    );
    // then nothing was added or cancelled twice
    expect(await milestonesOf(contractId)).toHaveLength(5);
    expect(amendmentTransitionsOf(contractId)).toEqual([
      [4, 'cancelled'],
      [5, 'planned'],
    ]);
    expect((await milestonesOf(contractId)).map((milestone) => milestone.schedule_version)).toEqual([1, 3, 3, 1, 3]);
  });

  it('leaves a milestone already triggered for disbursement as it is, warns and counts it, and amends the rest', async () => {
    // given milestone 2 approved, so triggered for disbursement, before the change order arrives
    const activation = await activate();
    const contractId = activation.data.contract_id;
    const [, second] = await milestonesOf(contractId);
    for (const [url, payload] of [
      [`/v1/milestones/${second.id}/start`, undefined],
      [`/v1/milestones/${second.id}/submit`, { evidence_url: 'https://staging.example.com/prototype' }],
      [`/v1/milestones/${second.id}/approve`, undefined],
    ] as const) {
      expect((await injectAs(service.app, 'admin', { method: 'POST', url, ...(payload ? { payload } : {}) })).statusCode).toBe(200);
    }
    const leftBilled = async () =>
      parsePrometheusText((await injectAs(service.app, 'admin', { method: 'GET', url: '/metrics' })).body).find(
        (series) => series.name === 'mb_amended_milestones_left_billed_total',
      )?.value ?? 0;
    const countedBefore = await leftBilled();
    // when a change order (approved while it was being billed) re-prices milestones 2 and 3
    const before = activation.data.milestones;
    const after = [before[0], { ...before[1], amount_cents: 500_000 }, { ...before[2], amount_cents: 1_300_000 }, before[3]];
    await publisher.publish(anAmendment(before, after, activation));
    // then 3 takes its new amount, 2 keeps the amount it is being billed at
    await eventually(async () => (await milestonesOf(contractId))[2], (third) => third.amount_cents === 1_300_000, 'the amended milestone 3');
    expect((await milestonesOf(contractId))[1]).toMatchObject({ status: 'triggered_for_disbursement', amount_cents: before[1].amount_cents, schedule_version: 1 });
    // and the race is counted
    await eventually(leftBilled, (count) => count === countedBefore + 1, 'the left-alone milestone counted');
  });

  it('announces the advance notice of a changed milestone with its new amount', async () => {
    // given an active contract
    const activation = await activate();
    const contractId = activation.data.contract_id;
    const before = activation.data.milestones;
    // when a change order re-prices milestone 3 and brings it forward to three days from now
    const after = [before[0], before[1], { ...before[2], amount_cents: 1_175_000, planned_date: addDays(today(), 3) }, before[3]];
    await publisher.publish(anAmendment(before, after, activation));
    // then its advance notice goes out at once (the notice day is past) with the new amount
    const [third] = await eventually(
      async () => (await milestonesOf(contractId)).filter((milestone) => milestone.milestone_index === 3 && milestone.amount_cents === 1_175_000),
      (found) => found.length === 1,
      'the amended milestone 3',
    );
    const [notice] = await eventually(async () => notices.about('milestone.due_soon', 'milestone_id', third.id), (found) => found.length === 1, 'its advance notice');
    expect(notice.envelope.data).toMatchObject({ milestone_index: 3, amount_due_cents: 1_175_000, planned_date: addDays(today(), 3), days_until_due: 3 });
  });
});
