import fc from 'fast-check';
import { DomainRejection } from '@mb/kernel';
import { aContract, aMilestone } from './contract-terms.builder';
import { resolveSchedule } from './schedule';

function rejectionOf(action: () => unknown): DomainRejection {
  try {
    action();
  } catch (error) {
    if (error instanceof DomainRejection) return error;
    throw error;
  }
  throw new Error('expected a rejection');
}

describe('resolveSchedule', () => {
  it('splits USD 30,000.00 at 25/35/25/15 % into exact cents', () => {
    // given the reference schedule
    const terms = aContract().withScheduleInPercent([25, 35, 25, 15]).build();
    // when it is resolved
    const milestones = resolveSchedule(terms.totalValueCents, terms.milestones);
    // then each milestone has its exact share and an index from 1
    expect(milestones.map((milestone) => milestone.amountCents)).toEqual([750_000, 1_050_000, 750_000, 450_000]);
    expect(milestones.map((milestone) => milestone.milestoneIndex)).toEqual([1, 2, 3, 4]);
  });

  it('gives the leftover cent of an uneven split to the largest remainder, so the amounts add up', () => {
    // given 3 × 3333 bps + 1 bps of 100.00
    const terms = aContract().withTotal(10_000).withScheduleInBasisPoints([3333, 3333, 3333, 1]).build();
    // when resolved
    const amounts = resolveSchedule(terms.totalValueCents, terms.milestones).map((milestone) => milestone.amountCents);
    // then the parts are exact and add up to the total
    expect(amounts).toEqual([3333, 3333, 3333, 1]);
    expect(amounts.reduce((sum, cents) => sum + cents, 0)).toBe(10_000);
  });

  it('splits an amount that does not divide evenly, still adding up to the total', () => {
    // given 3 × 3333 bps + 1 bps of 1,000.01
    const terms = aContract().withTotal(100_001).withScheduleInBasisPoints([3333, 3333, 3333, 1]).build();
    // when resolved
    const amounts = resolveSchedule(terms.totalValueCents, terms.milestones).map((milestone) => milestone.amountCents);
    // then the largest remainders take the leftover cents
    expect(amounts.reduce((sum, cents) => sum + cents, 0)).toBe(100_001);
    expect(amounts).toEqual([33_331, 33_330, 33_330, 10]);
  });

  it('refuses an on_date milestone without the planned date it is billed on, naming the field', () => {
    // given a schedule whose second milestone is billed on_date but has no planned date
    const milestones = [aMilestone({ title: 'Deposit', amountBps: 5000 }), aMilestone({ title: 'Phase 2', amountBps: 5000, billingTrigger: 'on_date', plannedDate: null })];
    // when it is resolved / then it is refused on that milestone's planned_date
    expect(rejectionOf(() => resolveSchedule(100_000, milestones))).toMatchObject({ kind: 'invalid', code: 'schedule.planned_date_missing', field: 'milestones.1.planned_date' });
  });

  it('refuses deemed acceptance without an approval window, naming the field', () => {
    // given a milestone that deems silence acceptance but gives no window for the silence to end
    const milestones = [aMilestone({ title: 'Sign-off', amountBps: 10_000, billingTrigger: 'on_approval', approvalWindowDays: null, deemedAcceptance: true })];
    // when it is resolved / then it is refused on that milestone's deemed_acceptance
    expect(rejectionOf(() => resolveSchedule(100_000, milestones))).toMatchObject({
      kind: 'invalid',
      code: 'schedule.deemed_acceptance_without_window',
      field: 'milestones.0.deemed_acceptance',
    });
    // and with a window it is kept
    expect(resolveSchedule(100_000, [{ ...milestones[0], approvalWindowDays: 10 }])).toMatchObject([{ approvalWindowDays: 10, deemedAcceptance: true }]);
  });

  it('keeps the planned date of an on_date milestone', () => {
    const milestones = [aMilestone({ amountBps: 10_000, billingTrigger: 'on_date', plannedDate: '2026-06-30' })];
    expect(resolveSchedule(100_000, milestones)).toMatchObject([{ billingTrigger: 'on_date', plannedDate: '2026-06-30' }]);
  });

  it('keeps fixed amounts as given when they add up to the total', () => {
    const milestones = resolveSchedule(1000, [
      aMilestone({ title: 'A', amountBps: undefined, amountCents: 400 }),
      aMilestone({ title: 'B', amountBps: undefined, amountCents: 600 }),
    ]);
    expect(milestones.map((milestone) => [milestone.amountCents, milestone.amountBps])).toEqual([
      [400, null],
      [600, null],
    ]);
  });

  it.each([
    ['percentages summing to 99 %', 3_000_000, [aMilestone({ title: 'A', amountBps: 4900 }), aMilestone({ title: 'B', amountBps: 5000 })], 'schedule.amounts_do_not_add_up', 'milestones'],
    ['percentages summing to 101 %', 3_000_000, [aMilestone({ title: 'A', amountBps: 5100 }), aMilestone({ title: 'B', amountBps: 5000 })], 'schedule.amounts_do_not_add_up', 'milestones'],
    ['fixed amounts short of the total', 1000, [aMilestone({ title: 'A', amountBps: undefined, amountCents: 999 })], 'schedule.amounts_do_not_add_up', 'milestones'],
    ['an empty schedule', 1000, [], 'schedule.empty', 'milestones'],
    ['a milestone with no amount', 1000, [aMilestone({ title: 'A', amountBps: undefined })], 'schedule.amount_missing', 'milestones.0.amount_bps'],
    ['a milestone with both amounts', 1000, [aMilestone({ title: 'A', amountBps: 10_000, amountCents: 1000 })], 'schedule.amount_missing', 'milestones.0.amount_bps'],
    [
      'a mix of percentages and fixed amounts',
      1000,
      [aMilestone({ title: 'A', amountBps: 5000 }), aMilestone({ title: 'B', amountBps: undefined, amountCents: 500 })],
      'schedule.mixed_amount_styles',
      'milestones',
    ],
  ])('refuses %s', (_case, total, milestones, code, field) => {
    // when the schedule is resolved, then it is refused naming the rule and the field
    const rejection = rejectionOf(() => resolveSchedule(total, milestones));
    expect(rejection).toMatchObject({ kind: 'invalid', code, field });
  });

  it('always adds up to the total exactly, whatever the total and the percentages', () => {
    const percentages = fc
      .array(fc.integer({ min: 0, max: 10_000 }), { minLength: 1, maxLength: 12 })
      .filter((weights) => weights.reduce((sum, weight) => sum + weight, 0) > 0)
      .map((weights) => {
        // scale any weights to basis points adding up to exactly 10000
        const sum = weights.reduce((total, weight) => total + weight, 0);
        const scaled = weights.map((weight) => Math.floor((weight * 10_000) / sum));
        scaled[0] += 10_000 - scaled.reduce((total, bps) => total + bps, 0);
        return scaled;
      });
    fc.assert(
      fc.property(fc.integer({ min: 1, max: Number.MAX_SAFE_INTEGER }), percentages, (total, basisPoints) => {
        const milestones = resolveSchedule(
          total,
          basisPoints.map((amountBps, position) => aMilestone({ title: `M${position}`, amountBps })),
        );
        const sum = milestones.reduce((acc, milestone) => acc + BigInt(milestone.amountCents), 0n);
        return sum === BigInt(total) && milestones.every((milestone) => Number.isSafeInteger(milestone.amountCents) && milestone.amountCents >= 0);
      }),
    );
  });
});
