import { aValidEvent } from '@mb/events';
import { newEventId, newId } from '@mb/kernel';
import { injectAs, metricValue, parsePrometheusText, seriesMatching } from '@mb/testing';
import { MILESTONE_STATUSES } from '../../src/domain/milestone/milestone-status';
import {
  aContractActivatedFor,
  anInvoiceIssuedFor,
  anInvoicePaidFor,
  eventually,
  EventPublisher,
  MilestoneService,
  StatusUpdateReader,
  startMilestoneService,
  testKafka,
} from './milestone-test-kit';

interface MilestoneBody {
  id: string;
  contract_id: string;
  milestone_index: number;
  title: string;
  status: string;
  amount_cents: number;
  currency: string;
  billing_trigger: string;
  evidence_url: string | null;
  approved_at: string | null;
  version: number;
}

describe('milestone-service', () => {
  let service: MilestoneService;
  let publisher: EventPublisher;
  let reader: StatusUpdateReader;

  beforeAll(async () => {
    service = await startMilestoneService();
    const kafka = testKafka();
    publisher = await EventPublisher.connect(kafka);
    reader = await StatusUpdateReader.start(kafka);
  });

  afterAll(async () => {
    await reader?.close();
    await publisher?.close();
    await service?.close();
  });

  async function milestonesOf(contractId: string): Promise<MilestoneBody[]> {
    const response = await injectAs(service.app, 'admin', { method: 'GET', url: `/v1/contracts/${contractId}/milestones` });
    expect(response.statusCode).toBe(200);
    return (response.json() as { data: MilestoneBody[] }).data;
  }

  /** Publishes the contract's activation and waits until its four milestones exist. */
  async function activatedContract(): Promise<{ contractId: string; milestones: MilestoneBody[] }> {
    const contractId = newId('con');
    await publisher.publish(aContractActivatedFor(contractId));
    const milestones = await eventually(() => milestonesOf(contractId), (found) => found.length === 4, `milestones of ${contractId}`);
    return { contractId, milestones };
  }

  /** The lifecycle events (milestone.status_updated) recorded for a milestone. */
  async function outboxCountFor(milestoneId: string): Promise<number> {
    const [row]: { count: string }[] = await service.runtime.dataSource.query(
      `SELECT count(*) AS count FROM milestone.outbox WHERE topic = 'milestone.status_updated' AND (payload::jsonb -> 'data' ->> 'milestone_id') = $1`,
      [milestoneId],
    );
    return Number(row.count);
  }

  it('still applies a contract.activated of version 1, from before on_date', async () => {
    // given an activation sent as version 1 (its billing triggers are those version 1 knows)
    const contractId = newId('con');
    const activation = aContractActivatedFor(contractId);

    // when it is consumed
    await publisher.publish(activation, contractId, 1);

    // then its milestones exist as for the current version
    const milestones = await eventually(() => milestonesOf(contractId), (found) => found.length === 4, 'four milestones of a v1 activation');
    expect(milestones.map(({ milestone_index, status, billing_trigger }) => [milestone_index, status, billing_trigger])).toEqual([
      [1, 'triggered_for_disbursement', 'on_signing'],
      [2, 'planned', 'on_approval'],
      [3, 'planned', 'on_approval'],
      [4, 'planned', 'on_approval'],
    ]);
  });

  it('creates the milestones of an activated contract, the deposit already triggered for disbursement', async () => {
    // given a contract with four milestones, the first billed on signing
    const contractId = newId('con');
    const activation = aContractActivatedFor(contractId);

    // when its activation is consumed
    await publisher.publish(activation);

    // then four milestones exist in schedule order, the deposit triggered and the others planned
    const milestones = await eventually(() => milestonesOf(contractId), (found) => found.length === 4, 'four milestones');
    expect(milestones.map(({ milestone_index, status, amount_cents, billing_trigger }) => [milestone_index, status, amount_cents, billing_trigger])).toEqual([
      [1, 'triggered_for_disbursement', 750_000, 'on_signing'],
      [2, 'planned', 750_000, 'on_approval'],
      [3, 'planned', 1_050_000, 'on_approval'],
      [4, 'planned', 450_000, 'on_approval'],
    ]);
    for (const milestone of milestones) {
      expect(milestone.id).toMatch(/^ms_[0-9A-Z]{26}$/);
      expect(milestone).toMatchObject({ contract_id: contractId, currency: 'usd' });
    }

    // and each creation and the deposit's trigger were published, keyed by the contract, caused by the activation
    const updates = await eventually(() => reader.of(contractId), (found) => found.length >= 5, 'five status updates');
    expect(updates.map(({ envelope }) => [envelope.data.milestone_index, envelope.data.status]).sort()).toEqual(
      [
        [1, 'planned'],
        [1, 'triggered_for_disbursement'],
        [2, 'planned'],
        [3, 'planned'],
        [4, 'planned'],
      ].sort(),
    );
    const depositTriggered = updates.find(({ envelope }) => envelope.data.status === 'triggered_for_disbursement');
    expect(depositTriggered?.key).toBe(contractId);
    expect(depositTriggered?.headers['causation-id']).toBe(activation.id);
    expect(depositTriggered?.envelope.data).toMatchObject({
      contract_id: contractId,
      client_id: activation.data.client_id,
      milestone_id: milestones[0].id,
      milestone_index: 1,
      milestone_title: 'Deposit',
      amount_due_cents: 750_000,
      currency: 'usd',
      previous_status: 'planned',
      payout_destination: null,
      version: 2,
    });
  });

  it('moves a milestone billed on approval through start, submit and approve to triggered_for_disbursement', async () => {
    // given an activated contract whose second milestone is planned
    const { contractId, milestones } = await activatedContract();
    const second = milestones[1];

    // when it is started, submitted with evidence and approved
    const started = await injectAs(service.app, 'admin', { method: 'POST', url: `/v1/milestones/${second.id}/start` });
    const submitted = await injectAs(service.app, 'admin', {
      method: 'POST',
      url: `/v1/milestones/${second.id}/submit`,
      payload: { evidence_url: 'https://staging.example.com/prototype' },
    });
    const approved = await injectAs(service.app, 'admin', { method: 'POST', url: `/v1/milestones/${second.id}/approve` });

    // then each answer is the milestone after the step, ending billable
    expect([started.statusCode, submitted.statusCode, approved.statusCode]).toEqual([200, 200, 200]);
    expect(started.json()).toMatchObject({ id: second.id, status: 'in_progress' });
    expect(submitted.json()).toMatchObject({ status: 'submitted', evidence_url: 'https://staging.example.com/prototype' });
    expect(approved.json()).toMatchObject({ status: 'triggered_for_disbursement', version: 5 });
    expect((approved.json() as MilestoneBody).approved_at).toEqual(expect.any(String));
    const stored = await injectAs(service.app, 'admin', { method: 'GET', url: `/v1/milestones/${second.id}` });
    expect(stored.json()).toMatchObject({ status: 'triggered_for_disbursement', evidence_url: 'https://staging.example.com/prototype' });

    // and every transition was published in order, with the payout destination invoicing needs
    const transitions = await eventually(
      () => reader.transitionsOf(contractId, 2),
      (found) => found.length >= 5,
      'five status updates of milestone 2',
    );
    expect(transitions).toEqual([
      [2, 'planned'],
      [2, 'in_progress'],
      [2, 'submitted'],
      [2, 'approved'],
      [2, 'triggered_for_disbursement'],
    ]);
    const triggered = reader.of(contractId).find(({ envelope }) => envelope.data.milestone_index === 2 && envelope.data.status === 'triggered_for_disbursement');
    expect(triggered?.envelope.data).toMatchObject({
      milestone_title: 'Midway UI Prototype Sign-off',
      amount_due_cents: 750_000,
      previous_status: 'approved',
      payout_destination: { account_token: 'acc_1Q9xYzLmNoPqRsTu', auto_clear: true },
    });
  });

  it('refuses to approve a planned milestone with a 409 problem, changing nothing and publishing nothing', async () => {
    // given a planned milestone
    const { milestones } = await activatedContract();
    const third = milestones[2];
    const eventsBefore = await outboxCountFor(third.id);

    // when it is approved
    const response = await injectAs(service.app, 'admin', { method: 'POST', url: `/v1/milestones/${third.id}/approve` });

    // then the problem names the illegal transition
    expect(response.statusCode).toBe(409);
    expect(response.headers['content-type']).toContain('application/problem+json');
    expect(response.json()).toMatchObject({
      status: 409,
      code: 'milestone.illegal_transition',
      detail: 'cannot approve a planned milestone',
      errors: [{ field: 'status', rule: 'milestone.illegal_transition' }],
    });
    // and the milestone and its events are as they were
    const after = await injectAs(service.app, 'admin', { method: 'GET', url: `/v1/milestones/${third.id}` });
    expect(after.json()).toMatchObject({ status: 'planned', version: 1, approved_at: null });
    expect(await outboxCountFor(third.id)).toBe(eventsBefore);
  });

  it('sends a rejected submission back to work, keeping the reason', async () => {
    // given a submitted milestone
    const { contractId, milestones } = await activatedContract();
    const fourth = milestones[3];
    await injectAs(service.app, 'admin', { method: 'POST', url: `/v1/milestones/${fourth.id}/start` });
    await injectAs(service.app, 'admin', { method: 'POST', url: `/v1/milestones/${fourth.id}/submit`, payload: { evidence_url: 'https://example.com/uat-report.pdf' } });

    // when the client rejects it and the work restarts
    const rejected = await injectAs(service.app, 'admin', { method: 'POST', url: `/v1/milestones/${fourth.id}/reject`, payload: { reason: 'Two UAT scripts fail.' } });
    const restarted = await injectAs(service.app, 'admin', { method: 'POST', url: `/v1/milestones/${fourth.id}/start` });

    // then it was rejected with its reason, and is in progress again
    expect(rejected.statusCode).toBe(200);
    expect(rejected.json()).toMatchObject({ status: 'rejected', rejection_reason: 'Two UAT scripts fail.' });
    expect(restarted.json()).toMatchObject({ status: 'in_progress' });
    const transitions = await eventually(() => reader.of(contractId).filter(({ envelope }) => envelope.data.milestone_index === 4), (found) => found.length >= 5, 'milestone 4 updates');
    expect(transitions.find(({ envelope }) => envelope.data.status === 'rejected')?.envelope.data.reason).toBe('Two UAT scripts fail.');
  });

  it('refuses a submission without evidence and an unknown milestone', async () => {
    // given an in-progress milestone
    const { milestones } = await activatedContract();
    await injectAs(service.app, 'admin', { method: 'POST', url: `/v1/milestones/${milestones[1].id}/start` });

    // when it is submitted without evidence, and an unknown milestone is started
    const noEvidence = await injectAs(service.app, 'admin', { method: 'POST', url: `/v1/milestones/${milestones[1].id}/submit`, payload: {} });
    const unknown = await injectAs(service.app, 'admin', { method: 'POST', url: `/v1/milestones/${newId('ms')}/start` });

    // then the first is a 400 naming the field, the second a 404
    expect(noEvidence.statusCode).toBe(400);
    expect((noEvidence.json() as { errors: { field: string }[] }).errors.map(({ field }) => field)).toContain('evidence_url');
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json()).toMatchObject({ code: 'milestone.not_found' });
  });

  it('marks the deposit invoiced on invoice.issued and paid on invoice.paid, even when the payment names only the invoice', async () => {
    // given an activated contract whose deposit is triggered
    const { contractId, milestones } = await activatedContract();
    const deposit = milestones[0];
    const invoiceId = newId('inv');

    // when invoicing issues its invoice
    const issued = anInvoiceIssuedFor(contractId, 1, invoiceId);
    await publisher.publish(issued);

    // then the deposit is invoiced
    await eventually(async () => (await injectAs(service.app, 'admin', { method: 'GET', url: `/v1/milestones/${deposit.id}` })).json().status, (status) => status === 'invoiced', 'deposit invoiced');

    // when the invoice is paid (the event without milestone_index)
    await publisher.publish(anInvoicePaidFor(contractId, invoiceId));

    // then the deposit is paid, and both transitions were published
    await eventually(async () => (await injectAs(service.app, 'admin', { method: 'GET', url: `/v1/milestones/${deposit.id}` })).json().status, (status) => status === 'paid', 'deposit paid');
    const transitions = await eventually(() => reader.transitionsOf(contractId, 1), (found) => found.length >= 4, 'four deposit updates');
    expect(transitions).toEqual([
      [1, 'planned'],
      [1, 'triggered_for_disbursement'],
      [1, 'invoiced'],
      [1, 'paid'],
    ]);
    const invoiced = reader.of(contractId).find(({ envelope }) => envelope.data.status === 'invoiced');
    expect(invoiced?.headers['causation-id']).toBe(issued.id);
  });

  it('marks a milestone paid when its payment is consumed before its invoice, passing through invoiced', async () => {
    // given a contract whose second milestone was approved and is triggered
    const { contractId, milestones } = await activatedContract();
    const second = milestones[1];
    await injectAs(service.app, 'admin', { method: 'POST', url: `/v1/milestones/${second.id}/start` });
    await injectAs(service.app, 'admin', { method: 'POST', url: `/v1/milestones/${second.id}/submit`, payload: { evidence_url: 'https://staging.example.com/prototype' } });
    await injectAs(service.app, 'admin', { method: 'POST', url: `/v1/milestones/${second.id}/approve` });

    // when invoice.paid (naming the milestone) arrives before invoice.issued, which arrives later
    const invoiceId = newId('inv');
    await publisher.publish(anInvoicePaidFor(contractId, invoiceId, 2));
    await eventually(async () => (await injectAs(service.app, 'admin', { method: 'GET', url: `/v1/milestones/${second.id}` })).json().status, (status) => status === 'paid', 'milestone 2 paid');
    const late = anInvoiceIssuedFor(contractId, 2, invoiceId);
    await publisher.publish(late);
    await eventually(
      async () => (await service.runtime.dataSource.query(`SELECT 1 FROM milestone.inbox WHERE event_id = $1`, [late.id])).length,
      (count) => count === 1,
      'the late invoice.issued consumed',
    );

    // then the milestone went through invoiced to paid once, and the late issue changed nothing
    const transitions = await eventually(() => reader.transitionsOf(contractId, 2), (found) => found.length >= 7, 'seven updates of milestone 2');
    expect(transitions.slice(-2)).toEqual([
      [2, 'invoiced'],
      [2, 'paid'],
    ]);
    expect((await injectAs(service.app, 'admin', { method: 'GET', url: `/v1/milestones/${second.id}` })).json()).toMatchObject({ status: 'paid', version: 7 });
  });

  it('holds the billing of a milestone: its trigger is published held, the release publishes it again unheld, and the history keeps who and when', async () => {
    // given a submitted milestone billed on approval
    const { contractId, milestones } = await activatedContract();
    const second = milestones[1];
    await injectAs(service.app, 'admin', { method: 'POST', url: `/v1/milestones/${second.id}/start` });
    await injectAs(service.app, 'admin', { method: 'POST', url: `/v1/milestones/${second.id}/submit`, payload: { evidence_url: 'https://staging.example.com/prototype' } });

    // when a billing hold is placed, then the client approves
    const held = await injectAs(service.app, 'admin', {
      method: 'POST',
      url: `/v1/milestones/${second.id}/billing-hold`,
      payload: { reason: 'PO amendment pending.', placed_by: 'jane.doe@agency.example' },
    });
    const approved = await injectAs(service.app, 'admin', { method: 'POST', url: `/v1/milestones/${second.id}/approve` });

    // then the hold is on the milestone, and the approval still records the billing trigger
    expect(held.statusCode).toBe(200);
    expect(held.json()).toMatchObject({ status: 'submitted', version: 4, billing_hold: { reason: 'PO amendment pending.', placed_by: 'jane.doe@agency.example', placed_at: expect.any(String) } });
    expect(approved.json()).toMatchObject({ status: 'triggered_for_disbursement', version: 6, billing_hold: { reason: 'PO amendment pending.' } });
    // and the trigger is published saying the hold is in force
    const heldTrigger = await eventually(
      () => reader.of(contractId).filter(({ envelope }) => envelope.data.milestone_index === 2 && envelope.data.status === 'triggered_for_disbursement'),
      (found) => found.length === 1,
      'the held trigger of milestone 2',
    );
    expect(heldTrigger[0].envelope.data).toMatchObject({ previous_status: 'approved', billing_hold: true, version: 6 });

    // when the hold is released
    const released = await injectAs(service.app, 'admin', { method: 'POST', url: `/v1/milestones/${second.id}/billing-hold/release`, payload: { released_by: 'sam.lee@agency.example' } });

    // then the milestone is unheld and still triggered, one version on
    expect(released.statusCode).toBe(200);
    expect(released.json()).toMatchObject({ status: 'triggered_for_disbursement', billing_hold: null, version: 7 });
    // and the trigger is published again, unheld, saying why
    const triggers = await eventually(
      () => reader.of(contractId).filter(({ envelope }) => envelope.data.milestone_index === 2 && envelope.data.status === 'triggered_for_disbursement'),
      (found) => found.length === 2,
      'the released trigger of milestone 2',
    );
    expect(triggers[1].key).toBe(contractId);
    expect(triggers[1].envelope.data).toMatchObject({
      milestone_id: second.id,
      previous_status: 'triggered_for_disbursement',
      billing_hold: false,
      reason: 'billing hold released',
      amount_due_cents: 750_000,
      version: 7,
    });
    // and every update of the milestone said whether it was held
    expect(reader.of(contractId).filter(({ envelope }) => envelope.data.milestone_index === 2).map(({ envelope }) => [envelope.data.status, envelope.data.billing_hold])).toEqual([
      ['planned', false],
      ['in_progress', false],
      ['submitted', false],
      ['approved', true],
      ['triggered_for_disbursement', true],
      ['triggered_for_disbursement', false],
    ]);

    // and the history keeps the hold, with who placed and released it and when
    const history = await injectAs(service.app, 'admin', { method: 'GET', url: `/v1/milestones/${second.id}/billing-holds` });
    expect(history.statusCode).toBe(200);
    expect(history.json()).toEqual({
      data: [
        {
          id: expect.stringMatching(/^hold_[0-9A-Z]{26}$/),
          reason: 'PO amendment pending.',
          placed_by: 'jane.doe@agency.example',
          placed_at: (held.json() as { billing_hold: { placed_at: string } }).billing_hold.placed_at,
          released_by: 'sam.lee@agency.example',
          released_at: expect.any(String),
        },
      ],
    });
    const rows: { milestone_id: string; released_by: string }[] = await service.runtime.dataSource.query(
      `SELECT milestone_id, released_by FROM milestone.billing_holds WHERE milestone_id = $1`,
      [second.id],
    );
    expect(rows).toEqual([{ milestone_id: second.id, released_by: 'sam.lee@agency.example' }]);
  });

  it('refuses a hold once the billing trigger has fired, a second hold, a release without a hold and a hold without who', async () => {
    // given a contract whose deposit is triggered and whose third milestone is held
    const { milestones } = await activatedContract();
    const [deposit, , third, fourth] = milestones;
    const hold = (id: string, payload: object) => injectAs(service.app, 'admin', { method: 'POST', url: `/v1/milestones/${id}/billing-hold`, payload });
    expect((await hold(third.id, { reason: 'Awaiting PO.', placed_by: 'jane.doe@agency.example' })).statusCode).toBe(200);
    const eventsBefore = await outboxCountFor(deposit.id);

    // when each wrong request is made
    const onTriggered = await hold(deposit.id, { reason: 'Too late.', placed_by: 'jane.doe@agency.example' });
    const again = await hold(third.id, { reason: 'Again.', placed_by: 'sam.lee@agency.example' });
    const notHeld = await injectAs(service.app, 'admin', { method: 'POST', url: `/v1/milestones/${fourth.id}/billing-hold/release`, payload: { released_by: 'sam.lee@agency.example' } });
    const withoutWho = await hold(fourth.id, { reason: 'Awaiting PO.' });
    const blankReason = await hold(fourth.id, { reason: '   ', placed_by: 'jane.doe@agency.example' });

    // then each is refused with its problem, and nothing changed
    expect([onTriggered.statusCode, onTriggered.json().code]).toEqual([409, 'milestone.illegal_transition']);
    expect(onTriggered.json().detail).toBe('cannot place a billing hold on a triggered for disbursement milestone: its billing trigger has fired');
    expect([again.statusCode, again.json().code]).toEqual([409, 'milestone.already_held']);
    expect([notHeld.statusCode, notHeld.json().code]).toEqual([409, 'milestone.not_held']);
    expect(withoutWho.statusCode).toBe(400);
    expect((withoutWho.json() as { errors: { field: string }[] }).errors.map(({ field }) => field)).toContain('placed_by');
    expect([blankReason.statusCode, blankReason.json().code]).toEqual([422, 'milestone.invalid_reason']);
    expect(await outboxCountFor(deposit.id)).toBe(eventsBefore);
    const holds = await injectAs(service.app, 'admin', { method: 'GET', url: `/v1/milestones/${third.id}/billing-holds` });
    expect((holds.json() as { data: unknown[] }).data).toHaveLength(1);
    const unknown = await injectAs(service.app, 'admin', { method: 'GET', url: `/v1/milestones/${newId('ms')}/billing-holds` });
    expect([unknown.statusCode, unknown.json().code]).toEqual([404, 'milestone.not_found']);
  });

  it('lets only one of two simultaneous approvals through', async () => {
    // given a submitted milestone
    const { milestones } = await activatedContract();
    const third = milestones[2];
    await injectAs(service.app, 'admin', { method: 'POST', url: `/v1/milestones/${third.id}/start` });
    await injectAs(service.app, 'admin', { method: 'POST', url: `/v1/milestones/${third.id}/submit`, payload: { evidence_url: 'https://example.com/uat' } });

    // when two approvals race
    const answers = await Promise.all([
      injectAs(service.app, 'admin', { method: 'POST', url: `/v1/milestones/${third.id}/approve` }),
      injectAs(service.app, 'admin', { method: 'POST', url: `/v1/milestones/${third.id}/approve` }),
    ]);

    // then one wins and the other is a conflict; the milestone was approved and triggered once
    expect(answers.map((answer) => answer.statusCode).sort()).toEqual([200, 409]);
    const loser = answers.find((answer) => answer.statusCode === 409);
    expect(['milestone.concurrent_update', 'milestone.illegal_transition']).toContain(loser?.json().code);
    expect(await outboxCountFor(third.id)).toBe(5);
  });

  it('cancels the unbilled milestones of a contract terminated without a settlement (version 1), keeping the billed and approved ones', async () => {
    // given a contract with the deposit triggered, milestone 2 approved (so triggered) and milestone 3 in progress
    const { contractId, milestones } = await activatedContract();
    const [, second, third, fourth] = milestones;
    await injectAs(service.app, 'admin', { method: 'POST', url: `/v1/milestones/${second.id}/start` });
    await injectAs(service.app, 'admin', { method: 'POST', url: `/v1/milestones/${second.id}/submit`, payload: { evidence_url: 'https://example.com/m2' } });
    await injectAs(service.app, 'admin', { method: 'POST', url: `/v1/milestones/${second.id}/approve` });
    await injectAs(service.app, 'admin', { method: 'POST', url: `/v1/milestones/${third.id}/start` });

    // when the contract is terminated, as version 1 announced it
    const { effective_date: _day, terminated_by: _who, currency: _currency, total_value_cents: _value, billed_cents: _billed, cancelled_cents: _cancelled, milestones: _settlement, ...v1 } = aValidEvent('contract.terminated').data;
    await publisher.publish(
      { ...aValidEvent('contract.terminated'), id: newEventId(), data: { ...v1, contract_id: contractId, client_id: newId('cli'), reason: 'Client cancelled the remaining scope.' } },
      contractId,
      1,
    );

    // then milestones 3 and 4 are cancelled with the reason; 1 and 2 stay billable
    const after = await eventually(() => milestonesOf(contractId), (found) => found[3].status === 'cancelled', 'milestone 4 cancelled');
    expect(after.map(({ status }) => status)).toEqual(['triggered_for_disbursement', 'triggered_for_disbursement', 'cancelled', 'cancelled']);
    const cancelled = await injectAs(service.app, 'admin', { method: 'GET', url: `/v1/milestones/${fourth.id}` });
    expect(cancelled.json()).toMatchObject({ cancellation_reason: 'Contract terminated: Client cancelled the remaining scope.' });
  });

  it("settles a terminated contract as its settlement says: approved work billed in full, 40 % of unfinished work, the rest cancelled, timers closed", async () => {
    // given the deposit triggered, milestone 2 (billed on its date) approved, milestone 3 in progress, milestone 4 planned
    const contractId = newId('con');
    const activation = aContractActivatedFor(contractId);
    const milestonesOnDate = activation.data.milestones.map((milestone) => (milestone.milestone_index === 2 ? { ...milestone, billing_trigger: 'on_date' as const } : milestone));
    await publisher.publish({ ...activation, data: { ...activation.data, milestones: milestonesOnDate } });
    const [, second, third] = await eventually(() => milestonesOf(contractId), (found) => found.length === 4, `milestones of ${contractId}`);
    for (const step of ['start', 'submit', 'approve']) {
      const payload = step === 'submit' ? { evidence_url: 'https://example.com/m2' } : undefined;
      expect((await injectAs(service.app, 'admin', { method: 'POST', url: `/v1/milestones/${second.id}/${step}`, payload })).statusCode).toBe(200);
    }
    await injectAs(service.app, 'admin', { method: 'POST', url: `/v1/milestones/${third.id}/start` });
    expect((await milestonesOf(contractId)).map(({ status }) => status)).toEqual(['triggered_for_disbursement', 'approved', 'in_progress', 'planned']);

    // when the contract is terminated with the fixture's settlement (milestone 3 billed 4,200.00 of 10,500.00)
    await publisher.publish(aValidEvent('contract.terminated', { id: newEventId(), data: { contract_id: contractId, client_id: activation.data.client_id } }));

    // then milestones 2 and 3 are triggered, milestone 4 cancelled
    const after = await eventually(() => milestonesOf(contractId), (found) => found[3].status === 'cancelled', 'milestone 4 cancelled');
    expect(after.map(({ status }) => status)).toEqual(['triggered_for_disbursement', 'triggered_for_disbursement', 'triggered_for_disbursement', 'cancelled']);
    // and milestone 3's trigger bills its share: what invoicing issues the invoice for
    const [trigger]: { amount: string; share: string }[] = await service.runtime.dataSource.query(
      `SELECT payload::jsonb -> 'data' ->> 'amount_due_cents' AS amount, payload::jsonb -> 'data' ->> 'billed_share_at_termination' AS share FROM milestone.outbox
        WHERE topic = 'milestone.status_updated' AND payload::jsonb -> 'data' ->> 'milestone_id' = $1 AND payload::jsonb -> 'data' ->> 'status' = 'triggered_for_disbursement'`,
      [third.id],
    );
    expect([Number(trigger.amount), trigger.share]).toEqual([420_000, 'true']);
    // and no planned-date, billing-date or approval timer of the settled milestones is left
    const [timers]: { count: string }[] = await service.runtime.dataSource.query(
      `SELECT count(*) AS count FROM milestone.job WHERE singleton_key = ANY($1) AND state IN ('created', 'retry')`,
      [after.slice(1).map(({ id }) => id)],
    );
    expect(Number(timers.count)).toBe(0);
  });

  it('creates the milestones once when the same activation is delivered twice, or announced again', async () => {
    // given a contract's activation
    const contractId = newId('con');
    const activation = aContractActivatedFor(contractId);

    // when it is delivered twice, then announced again under another event id
    await publisher.publish(activation);
    await publisher.publish(activation);
    const again = aContractActivatedFor(contractId, activation.data.client_id);
    await publisher.publish(again);

    // then, once all three were consumed (same key, same partition, in order) ...
    await eventually(
      async () => (await service.runtime.dataSource.query(`SELECT 1 FROM milestone.inbox WHERE event_id = $1`, [again.id])).length,
      (count) => count === 1,
      'the second announcement consumed',
    );
    // ... the contract has its four milestones once, and five status updates were recorded once
    expect(await milestonesOf(contractId)).toHaveLength(4);
    const [row]: { count: string }[] = await service.runtime.dataSource.query(
      `SELECT count(*) AS count FROM milestone.outbox WHERE topic = 'milestone.status_updated' AND partition_key = $1`,
      [contractId],
    );
    expect(Number(row.count)).toBe(5);
    const inbox: { event_id: string }[] = await service.runtime.dataSource.query(`SELECT event_id FROM milestone.inbox WHERE event_id = $1`, [activation.id]);
    expect(inbox).toHaveLength(1);
  });

  it('exposes milestones by state, its requests, outbox backlog and consumer lag on GET /metrics', async () => {
    // given a freshly activated contract (one milestone triggered, three planned) and its milestones read once
    const { contractId } = await activatedContract();
    const scrape = async () => {
      const response = await injectAs(service.app, 'admin', { method: 'GET', url: '/metrics' });
      expect(response.statusCode).toBe(200);
      expect(response.headers['content-type']).toContain('text/plain');
      return parsePrometheusText(response.body);
    };
    const plannedInDatabase = async () =>
      Number((await service.runtime.dataSource.query(`SELECT count(*) AS count FROM milestone.milestones WHERE status = 'planned'`))[0].count);

    // when Prometheus scrapes, then every lifecycle state has a series, and planned matches the table
    const series = await eventually(
      async () => ({ scraped: await scrape(), planned: await plannedInDatabase() }),
      ({ scraped, planned }) => metricValue(scraped, 'mb_milestones', { state: 'planned' }) === planned,
      'mb_milestones{state="planned"} to match the table',
    );
    expect(metricValue(series.scraped, 'mb_milestones', { state: 'planned' })).toBeGreaterThanOrEqual(3);
    expect(seriesMatching(series.scraped, 'mb_milestones').map(({ labels }) => labels.state).sort()).toEqual([...MILESTONE_STATUSES].sort());
    // and requests are counted by route template, not by contract id
    expect(metricValue(series.scraped, 'http_request_duration_seconds_count', { method: 'GET', route: '/v1/contracts/:contractId/milestones', status_code: '200' })).toBeGreaterThanOrEqual(1);
    expect(seriesMatching(series.scraped, 'http_request_duration_seconds_count').some(({ labels }) => labels.route.includes(contractId))).toBe(false);
    // and the relay's backlog drains to nothing
    await eventually(scrape, (scraped) => metricValue(scraped, 'mb_outbox_pending_events') === 0, 'the outbox drained');
    // and its only instance holds the relay lease, with nothing quarantined
    const relayed = await eventually(scrape, (scraped) => metricValue(scraped, 'mb_outbox_relay_leader') === 1, 'the relay to lead');
    expect(metricValue(relayed, 'mb_outbox_quarantined_events')).toBe(0);
    // and the lifecycle group's lag is reported for every partition of the topics it reads
    const lag = seriesMatching(await scrape(), 'kafka_consumergroup_lag', { consumergroup: 'milestone-service.lifecycle', topic: 'contract.activated' });
    expect(lag.length).toBeGreaterThan(0);
    expect(lag.every(({ value }) => value >= 0)).toBe(true);
  });
});
