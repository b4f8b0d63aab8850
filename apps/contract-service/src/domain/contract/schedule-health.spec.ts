import { DomainRejection } from '@mb/kernel';
import { aContract, aMilestone } from './contract-terms.builder';
import { resolveSchedule, type ScheduledMilestone } from './schedule';
import {
  assertDistinctTitles,
  assertKnownCurrency,
  backloadedFinalMilestone,
  depositOutsideRecommendedRange,
  isSubjective,
  noApprovalWindow,
  scheduleWarnings,
} from './schedule-health';

function scheduleOf(percentages: number[], total = 3_000_000): ScheduledMilestone[] {
  const terms = aContract().withTotal(total).withScheduleInPercent(percentages).build();
  return resolveSchedule(terms.totalValueCents, terms.milestones);
}

function codeOf(action: () => void): string | undefined {
  try {
    action();
    return undefined;
  } catch (error) {
    if (error instanceof DomainRejection) return `${error.code} @ ${error.field}`;
    throw error;
  }
}

describe('schedule health errors', () => {
  it.each([
    ['usd', undefined],
    ['eur', undefined],
    ['jpy', undefined],
    ['xyz', 'contract.unknown_currency @ currency'],
    ['USD', 'contract.unknown_currency @ currency'],
    ['', 'contract.unknown_currency @ currency'],
  ])('currency %p gives %p', (currency, expected) => {
    expect(codeOf(() => assertKnownCurrency(currency))).toBe(expected);
  });

  it.each([
    [['Design', 'Build'], undefined],
    [['Design', 'Design'], 'schedule.duplicate_milestone_title @ milestones.1.title'],
    [['Design', 'Build', ' design  '], 'schedule.duplicate_milestone_title @ milestones.2.title'],
    [['UI  Prototype', 'ui prototype'], 'schedule.duplicate_milestone_title @ milestones.1.title'],
  ])('titles %p give %p', (titles, expected) => {
    expect(codeOf(() => assertDistinctTitles(titles.map((title) => ({ title }))))).toBe(expected);
  });
});

describe('schedule health warnings', () => {
  it.each([
    [[25, 35, 25, 15], false],
    [[40, 60], false],
    [[35, 65], true],
    [[10, 90], true],
    [[100], false],
  ])('a final milestone in %p is backloaded: %p', (percentages, warned) => {
    // given a schedule, when checked, then only a final share over 60 % is warned about
    const warnings = backloadedFinalMilestone(3_000_000, scheduleOf(percentages));
    expect(warnings.map((warning) => warning.code)).toEqual(warned ? ['backloaded_final_milestone'] : []);
    if (warned) expect(warnings[0].milestoneIndex).toBe(percentages.length);
  });

  it('judges fixed amounts by their exact share of the total', () => {
    // given fixed cents a single cent over 60 %
    const milestones = resolveSchedule(1_000_000, [
      aMilestone({ title: 'Start', amountBps: undefined, amountCents: 399_999 }),
      aMilestone({ title: 'End', amountBps: undefined, amountCents: 600_001 }),
    ]);
    // then the final milestone is backloaded
    expect(backloadedFinalMilestone(1_000_000, milestones).map((warning) => warning.code)).toEqual(['backloaded_final_milestone']);
  });

  it.each([
    [[25, 35, 25, 15], false],
    [[30, 35, 20, 15], false],
    [[20, 40, 25, 15], true],
    [[31, 34, 20, 15], true],
    [[50, 50], true],
  ])('a deposit in %p is outside 25–30 %%: %p', (percentages, warned) => {
    expect(depositOutsideRecommendedRange(3_000_000, scheduleOf(percentages)).map((warning) => warning.code)).toEqual(
      warned ? ['deposit_outside_recommended_range'] : [],
    );
  });

  it('does not look for a deposit in a schedule without an on_signing milestone', () => {
    const milestones = scheduleOf([10, 90]).map((milestone) => ({ ...milestone, billingTrigger: 'on_completion' as const }));
    expect(depositOutsideRecommendedRange(3_000_000, milestones)).toEqual([]);
  });

  it('takes the first on_signing milestone as the deposit, wherever it is', () => {
    const milestones = scheduleOf([10, 25, 65]).map((milestone) => ({
      ...milestone,
      billingTrigger: milestone.milestoneIndex === 2 ? ('on_signing' as const) : ('on_approval' as const),
    }));
    expect(depositOutsideRecommendedRange(3_000_000, milestones)).toEqual([]);
  });

  it.each([
    ['upon client satisfaction', true],
    ['Delivered to the client’s satisfaction', true],
    ["to the client's satisfaction", true],
    ['when the client is happy with the design', true],
    ['once the customer is satisfied', true],
    ['at the client’s sole discretion', true],
    ['the dashboard looks good', true],
    ['All 42 acceptance tests in the signed test plan pass on staging', false],
    ['Client signs the UAT report listing zero severity-1 defects', false],
    ['Customer satisfaction survey tool integrated and sending emails', false],
  ])('acceptance criteria %p are subjective: %p', (criteria, subjective) => {
    expect(isSubjective(criteria)).toBe(subjective);
  });

  it('warns of no approval window only on on_approval milestones', () => {
    // given an on_approval milestone without a window and an on_completion one without one
    const milestones = scheduleOf([25, 35, 40]).map((milestone) => ({
      ...milestone,
      approvalWindowDays: null,
      billingTrigger: milestone.milestoneIndex === 3 ? ('on_completion' as const) : milestone.billingTrigger,
    }));
    // then only milestone 2 is warned about
    expect(noApprovalWindow(3_000_000, milestones).map((warning) => [warning.code, warning.milestoneIndex])).toEqual([['no_approval_window', 2]]);
  });

  it('finds nothing to say about the reference schedule', () => {
    expect(scheduleWarnings(3_000_000, scheduleOf([25, 35, 25, 15]))).toEqual([]);
  });

  it('lists every warning of a risky schedule with the milestone it concerns', () => {
    // given a small deposit, subjective criteria and a heavy final milestone without a window
    const terms = aContract()
      .withScheduleInPercent([10, 25, 65])
      .withMilestone(1, { acceptanceCriteria: 'upon client satisfaction' })
      .withMilestone(2, { approvalWindowDays: null })
      .build();
    // when checked
    const warnings = scheduleWarnings(terms.totalValueCents, resolveSchedule(terms.totalValueCents, terms.milestones));
    // then each rule speaks once, naming its milestone
    expect(warnings.map((warning) => [warning.code, warning.milestoneIndex])).toEqual([
      ['backloaded_final_milestone', 3],
      ['deposit_outside_recommended_range', 1],
      ['subjective_acceptance_criteria', 2],
      ['no_approval_window', 3],
    ]);
  });
});
