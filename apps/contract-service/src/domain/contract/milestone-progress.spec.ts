import { MILESTONE_STATUSES, type MilestoneStatus } from '@mb/events';
import { isBilledOrTriggered, isSettled, statusAsHeard } from './milestone-progress';

describe('milestone progress', () => {
  const billedOrTriggered: Record<MilestoneStatus, boolean> = {
    planned: false,
    in_progress: false,
    submitted: false,
    approved: false,
    rejected: false,
    triggered_for_disbursement: true,
    invoiced: true,
    paid: true,
    cancelled: false,
  };

  const settled: Record<MilestoneStatus, boolean> = {
    planned: false,
    in_progress: false,
    submitted: false,
    approved: false,
    rejected: false,
    triggered_for_disbursement: false,
    invoiced: false,
    paid: true,
    cancelled: true,
  };

  it.each(MILESTONE_STATUSES.map((status) => [status, billedOrTriggered[status]] as const))(
    'tells whether a %s milestone is billed or triggered (%s)',
    (status, expected) => {
      expect(isBilledOrTriggered(status)).toBe(expected);
    },
  );

  it.each(MILESTONE_STATUSES.map((status) => [status, settled[status]] as const))('tells whether a %s milestone is settled (%s)', (status, expected) => {
    expect(isSettled(status)).toBe(expected);
  });

  it('reads a milestone nothing was heard of as planned, and one heard of as it was heard', () => {
    // given milestone 2 heard of as approved
    const progress = new Map<number, MilestoneStatus>([[2, 'approved']]);
    // then milestone 2 is approved and milestone 1 still planned
    expect(statusAsHeard(progress, 2)).toBe('approved');
    expect(statusAsHeard(progress, 1)).toBe('planned');
  });
});
