import { validateEvent } from '@mb/events';
import { Milestone } from '../domain/milestone';
import { aScheduledMilestone, AT, laterBy } from '../domain/milestone/milestone.fixtures';
import { statusUpdatedOf } from './milestone-store';

function envelopeOf(data: unknown) {
  return { event: 'milestone.status_updated', id: 'evt_01JTEST00000000000000000AA', created_at: AT.toISOString(), data };
}

describe('statusUpdatedOf', () => {
  it('publishes every change of a milestone as a valid milestone.status_updated', () => {
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

    // when each change is turned into event data
    const state = milestone.snapshot;
    const events = milestone.pullChanges().map((change) => statusUpdatedOf(state, change));

    // then every one is valid against the catalogue, in order, with the seed shape
    for (const data of events) expect(validateEvent('milestone.status_updated', 1, envelopeOf(data))).toMatchObject({ ok: true });
    expect(events.map(({ status }) => status)).toEqual([
      'planned', 'in_progress', 'submitted', 'rejected', 'in_progress', 'submitted', 'approved', 'triggered_for_disbursement', 'invoiced', 'paid',
    ]);
    expect(events[0]).not.toHaveProperty('previous_status');
    expect(events[3]).toMatchObject({ previous_status: 'submitted', reason: 'Not as agreed.', version: 4 });
    expect(events[7]).toEqual({
      contract_id: state.contractId,
      milestone_index: 2,
      milestone_title: 'Midway UI Prototype Sign-off',
      amount_due_cents: 750_000,
      currency: 'usd',
      status: 'triggered_for_disbursement',
      payout_destination: { account_token: 'acc_1Q9xYzLmNoPqRsTu', auto_clear: true },
      milestone_id: state.id,
      client_id: state.clientId,
      previous_status: 'approved',
      occurred_at: laterBy(6).toISOString(),
      version: 8,
    });
  });
});
