import type { Milestone, MilestoneStatus } from '../billing-api';
import { upcomingInvoices } from './upcoming';

let sequence = 0;
function aMilestone(plannedDate: string | null, options: { status?: MilestoneStatus; amountCents?: number; currency?: string } = {}): Milestone {
  sequence += 1;
  return {
    id: `ms_${sequence}`,
    contract_id: 'con_1',
    client_id: 'cli_1',
    milestone_index: sequence,
    title: `Milestone ${sequence}`,
    acceptance_criteria: 'Signed off',
    status: options.status ?? 'planned',
    amount_cents: options.amountCents ?? 100_000,
    currency: options.currency ?? 'usd',
    planned_date: plannedDate,
    evidence_url: null,
    submitted_at: null,
    approval_due_at: null,
    rejection_reason: null,
  };
}

describe('upcomingInvoices', () => {
  const today = '2026-07-01';

  it('lists milestones due within 90 days, soonest first, and leaves out later ones', () => {
    // given milestones on day 0, day 90, day 91 and day 30
    const onDay0 = aMilestone('2026-07-01');
    const onDay90 = aMilestone('2026-09-29');
    const onDay91 = aMilestone('2026-09-30');
    const onDay30 = aMilestone('2026-07-31');
    // when the upcoming invoices are gathered
    const { expected } = upcomingInvoices([{ title: 'Portal', milestones: [onDay90, onDay91, onDay30, onDay0] }], today);
    // then the 90-day window holds three, soonest first
    expect(expected.map(({ milestone }) => milestone.id)).toEqual([onDay0.id, onDay30.id, onDay90.id]);
  });

  it('leaves out milestones already invoiced, paid or cancelled, and those with no planned date', () => {
    const kept = aMilestone('2026-07-10', { status: 'submitted' });
    const milestones = [
      aMilestone('2026-07-10', { status: 'invoiced' }),
      aMilestone('2026-07-10', { status: 'paid' }),
      aMilestone('2026-07-10', { status: 'cancelled' }),
      aMilestone(null),
      kept,
    ];
    expect(upcomingInvoices([{ title: 'Portal', milestones }], today).expected.map(({ milestone }) => milestone.id)).toEqual([kept.id]);
  });

  it('keeps a milestone whose date has passed unbilled, flagged overdue', () => {
    const late = aMilestone('2026-06-20', { status: 'in_progress' });
    expect(upcomingInvoices([{ title: 'Portal', milestones: [late] }], today).expected).toEqual([{ milestone: late, contractTitle: 'Portal', overdue: true }]);
  });

  it('totals per currency in integer minor units, across contracts', () => {
    // given two contracts in dollars and one milestone in euros
    const contracts = [
      { title: 'A', milestones: [aMilestone('2026-07-05', { amountCents: 150_055 }), aMilestone('2026-08-05', { amountCents: 1, currency: 'eur' })] },
      { title: 'B', milestones: [aMilestone('2026-07-06', { amountCents: 49_945 })] },
    ];
    // then each currency has its own exact total
    expect(upcomingInvoices(contracts, today).totals).toEqual([
      { currency: 'usd', amountCents: 200_000 },
      { currency: 'eur', amountCents: 1 },
    ]);
  });

  it('has nothing to total when nothing is expected', () => {
    expect(upcomingInvoices([], today)).toEqual({ expected: [], totals: [] });
  });
});
