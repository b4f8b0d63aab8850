import { MILESTONE_STATUSES as PUBLISHED_STATUSES, validateEvent } from '@mb/events';
import { Milestone } from '../../domain/milestone/milestone';
import { aBillingHoldRequest, aMilestone, aScheduledMilestone, AT, laterBy } from '../../domain/milestone/milestone.fixtures';
import { MILESTONE_STATUSES } from '../../domain/milestone/milestone-status';
import { milestoneCatalogueEvents } from './milestone.events';

function envelopeOf(data: unknown, event = 'milestone.status_updated') {
  return { event, id: 'evt_01JTEST00000000000000000AA', created_at: AT.toISOString(), data };
}

describe('milestone events', () => {
  it('maps every change of a milestone to a valid milestone.status_updated, in order', () => {
    // given a milestone taken through its whole life, rejection included
    const milestone = Milestone.schedule(aScheduledMilestone({ billingTrigger: 'on_approval' }), AT);
    milestone.start(laterBy(1));
    milestone.submit('https://example.com/evidence', laterBy(2));
    milestone.reject('Not as agreed.', laterBy(3));
    milestone.start(laterBy(4));
    milestone.submit('https://example.com/evidence-2', laterBy(5));
    milestone.approve(laterBy(6));
    milestone.markInvoiced(laterBy(7));
    milestone.markPaid(laterBy(8));

    // when its recorded events are mapped to the catalogue (the approval requests aside)
    const snapshot = milestone.snapshot();
    const events = milestoneCatalogueEvents(milestone.pullEvents(), snapshot).filter(({ name }) => name !== 'milestone.approval_requested');

    // then every one is a valid milestone.status_updated, in order, with the seed shape
    expect(events.map(({ name }) => name)).toEqual(Array(10).fill('milestone.status_updated'));
    const published = events.map(({ data }) => data as { status: string });
    for (const data of published) expect(validateEvent('milestone.status_updated', 1, envelopeOf(data))).toMatchObject({ ok: true });
    expect(published.map(({ status }) => status)).toEqual([
      'planned', 'in_progress', 'submitted', 'rejected', 'in_progress', 'submitted', 'approved', 'triggered_for_disbursement', 'invoiced', 'paid',
    ]);
    expect(published[0]).not.toHaveProperty('previous_status');
    expect(published[3]).toMatchObject({ previous_status: 'submitted', reason: 'Not as agreed.', version: 4 });
    expect(published[7]).toEqual({
      contract_id: snapshot.contractId,
      milestone_index: 2,
      milestone_title: 'Midway UI Prototype Sign-off',
      amount_due_cents: 750_000,
      currency: 'usd',
      status: 'triggered_for_disbursement',
      payout_destination: { account_token: 'acc_1Q9xYzLmNoPqRsTu', auto_clear: true },
      milestone_id: snapshot.id,
      client_id: snapshot.clientId,
      // the evidence the work was submitted with, for the invoice's acceptance evidence
      evidence_url: 'https://example.com/evidence-2',
      previous_status: 'approved',
      billing_hold: false,
      occurred_at: laterBy(6).toISOString(),
      version: 8,
    });
    // and every one says whether a billing hold is in force
    expect(published.every((data) => (data as { billing_hold?: boolean }).billing_hold === false)).toBe(true);
  });

  it('publishes the transitions of a held milestone with billing_hold true, and nothing for placing the hold', () => {
    // given an in-progress milestone put on a billing hold, then submitted and approved
    const milestone = aMilestone('on_approval').inProgress();
    milestone.placeBillingHold(aBillingHoldRequest(), laterBy(10));
    milestone.submit('https://example.com/evidence', laterBy(11));
    milestone.approve(laterBy(12));

    // when its recorded events are mapped (the approval request aside)
    const events = milestoneCatalogueEvents(milestone.pullEvents(), milestone.snapshot()).filter(({ name }) => name === 'milestone.status_updated');

    // then the hold itself publishes nothing, and each transition is valid and says billing_hold true
    expect(events.map(({ data }) => [(data as { status: string }).status, (data as { billing_hold: boolean }).billing_hold])).toEqual([
      ['submitted', true],
      ['approved', true],
      ['triggered_for_disbursement', true],
    ]);
    for (const { data } of events) expect(validateEvent('milestone.status_updated', 1, envelopeOf(data))).toMatchObject({ ok: true });
  });

  it('publishes the release of a held trigger as triggered_for_disbursement again, unheld, with the reason', () => {
    // given a milestone triggered while on a billing hold
    const milestone = aMilestone('on_approval').triggeredWhileHeld();
    // when the hold is released and the events mapped
    milestone.releaseBillingHold('sam.lee@agency.example', laterBy(30));
    const snapshot = milestone.snapshot();
    const events = milestoneCatalogueEvents(milestone.pullEvents(), snapshot);
    // then one valid milestone.status_updated says the trigger goes out now
    expect(events).toHaveLength(1);
    expect(validateEvent('milestone.status_updated', 1, envelopeOf(events[0].data))).toMatchObject({ ok: true });
    expect(events[0]).toEqual({
      name: 'milestone.status_updated',
      data: {
        contract_id: snapshot.contractId,
        milestone_index: 2,
        milestone_title: 'Midway UI Prototype Sign-off',
        amount_due_cents: 750_000,
        currency: 'usd',
        status: 'triggered_for_disbursement',
        payout_destination: { account_token: 'acc_1Q9xYzLmNoPqRsTu', auto_clear: true },
        milestone_id: snapshot.id,
        client_id: snapshot.clientId,
        evidence_url: 'https://staging.example.com/prototype',
        previous_status: 'triggered_for_disbursement',
        reason: 'billing hold released',
        billing_hold: false,
        occurred_at: laterBy(30).toISOString(),
        version: snapshot.version,
      },
    });
  });

  it('publishes nothing for the release of a hold placed before the trigger', () => {
    // given a submitted milestone on hold / when released
    const milestone = aMilestone('on_approval').submittedAndHeld();
    milestone.releaseBillingHold('sam.lee@agency.example', laterBy(30));
    // then nothing is published: the trigger, when it comes, goes out unheld
    expect(milestoneCatalogueEvents(milestone.pullEvents(), milestone.snapshot())).toEqual([]);
  });

  it('publishes a milestone without a payout destination with a null one', () => {
    // given a deposit with no payout destination, triggered at scheduling
    const milestone = Milestone.schedule(aScheduledMilestone({ milestoneIndex: 1, billingTrigger: 'on_signing', payoutDestination: null }), AT);
    // when its events are mapped
    const events = milestoneCatalogueEvents(milestone.pullEvents(), milestone.snapshot());
    // then both are valid and carry a null destination
    expect(events).toHaveLength(2);
    for (const { data } of events) {
      expect(validateEvent('milestone.status_updated', 1, envelopeOf(data))).toMatchObject({ ok: true });
      expect(data).toMatchObject({ payout_destination: null });
    }
  });

  it('maps an advance notice to a valid milestone.due_soon with the expected invoice and due dates', () => {
    // given a milestone planned for 25 May on net-30 terms, whose notice falls due a week ahead
    const milestone = Milestone.schedule(aScheduledMilestone({ plannedDate: '2026-05-25', netDays: 30 }), AT);
    milestone.pullEvents();
    milestone.announceDueSoon('2026-05-25', new Date('2026-05-18T00:00:00Z'));
    // when its events are mapped
    const [event] = milestoneCatalogueEvents(milestone.pullEvents(), milestone.snapshot());
    // then the notice is valid and says what to expect, and when it is due
    expect(event.name).toBe('milestone.due_soon');
    expect(validateEvent('milestone.due_soon', 1, { ...envelopeOf(event.data), event: 'milestone.due_soon' })).toMatchObject({ ok: true });
    expect(event.data).toEqual({
      contract_id: milestone.snapshot().contractId,
      client_id: milestone.snapshot().clientId,
      milestone_id: milestone.id,
      milestone_index: 2,
      milestone_title: 'Midway UI Prototype Sign-off',
      planned_date: '2026-05-25',
      days_until_due: 7,
      amount_due_cents: 750_000,
      currency: 'usd',
      expected_invoice_date: '2026-05-25',
      net_days: 30,
      expected_due_date: '2026-06-24',
    });
  });

  it('leaves the due date out of an advance notice when the payment terms are not known', () => {
    // given a milestone scheduled before its contract's terms were kept
    const milestone = Milestone.schedule(aScheduledMilestone({ netDays: null }), AT);
    milestone.pullEvents();
    milestone.announceDueSoon('2026-05-25', new Date('2026-05-18T00:00:00Z'));
    // when mapped, then it is still valid, without net_days or expected_due_date
    const [event] = milestoneCatalogueEvents(milestone.pullEvents(), milestone.snapshot());
    expect(validateEvent('milestone.due_soon', 1, { ...envelopeOf(event.data), event: 'milestone.due_soon' })).toMatchObject({ ok: true });
    expect(event.data).not.toHaveProperty('expected_due_date');
    expect(event.data).not.toHaveProperty('net_days');
  });

  it('maps a missed planned date to a valid milestone.delayed with the days late and the status', () => {
    // given a milestone in progress, planned for 25 May, still not submitted on 28 May
    const milestone = Milestone.schedule(aScheduledMilestone({ plannedDate: '2026-05-25' }), AT);
    milestone.start(laterBy(1));
    milestone.pullEvents();
    milestone.announceDelay('2026-05-25', new Date('2026-05-28T00:00:00Z'));
    // when mapped
    const [event] = milestoneCatalogueEvents(milestone.pullEvents(), milestone.snapshot());
    // then it is a valid milestone.delayed, 3 days late, in progress
    expect(event.name).toBe('milestone.delayed');
    expect(validateEvent('milestone.delayed', 1, { ...envelopeOf(event.data), event: 'milestone.delayed' })).toMatchObject({ ok: true });
    expect(event.data).toMatchObject({ milestone_id: milestone.id, planned_date: '2026-05-25', days_late: 3, status: 'in_progress', amount_due_cents: 750_000 });
  });

  // The domain keeps its own list (domain code imports no transport contract), and the event
  // catalogue declares what milestone.status_updated may carry: the two must never drift apart,
  // or an event would fail validation in the outbox, or consumers would meet a status unannounced.
  it('knows exactly the statuses milestone.status_updated publishes, in the same order', () => {
    expect([...MILESTONE_STATUSES]).toEqual([...PUBLISHED_STATUSES]);
  });

  it('publishes approval requests and a window closed unanswered as valid catalogue events', () => {
    // given a submitted milestone whose 5-day window is deemed acceptance, reminded, then closed unanswered
    const milestone = aMilestone('on_approval').inProgress();
    milestone.submit('https://example.com/evidence', laterBy(2));
    const closesAt = milestone.snapshot().approvalDueAt as Date;
    milestone.remindApproval('half_window_reminder', closesAt, laterBy(60 * 24 * 2));
    milestone.closeApprovalWindow(closesAt, closesAt);
    // when its events are mapped
    const snapshot = milestone.snapshot();
    const events = milestoneCatalogueEvents(milestone.pullEvents(), snapshot);
    // then the request, the reminder, the close and the deemed acceptance go out in order, each valid
    expect(events.map(({ name }) => name)).toEqual([
      'milestone.status_updated',
      'milestone.approval_requested',
      'milestone.approval_requested',
      'milestone.approval_window_closed',
      'milestone.status_updated',
      'milestone.status_updated',
    ]);
    for (const { name, data } of events) expect(validateEvent(name, 1, envelopeOf(data, name))).toMatchObject({ ok: true });
    expect(events.map(({ data }) => data)).toMatchObject([
      { status: 'submitted' },
      { kind: 'request', approval_due_at: '2026-05-26T00:00:00.000Z', evidence_url: 'https://example.com/evidence', submitted_at: laterBy(2).toISOString() },
      { kind: 'half_window_reminder', approval_due_at: '2026-05-26T00:00:00.000Z' },
      { closed_at: '2026-05-26T00:00:00.000Z', deemed_accepted: true, milestone_id: snapshot.id },
      { status: 'approved', reason: 'deemed_accepted', occurred_at: '2026-05-26T00:00:00.000Z' },
      { status: 'triggered_for_disbursement', previous_status: 'approved' },
    ]);
  });
});
