import { BillingMoment, becomesBillableAt } from './billing-trigger.policy';
import { BillingTrigger } from './milestone-status';

describe('becomesBillableAt', () => {
  const cases: [BillingMoment, BillingTrigger, boolean][] = [
    ['activation', 'on_signing', true],
    ['activation', 'on_approval', false],
    ['activation', 'on_completion', false],
    ['submission', 'on_signing', false],
    ['submission', 'on_approval', false],
    ['submission', 'on_completion', true],
    ['approval', 'on_signing', false],
    ['approval', 'on_approval', true],
    ['approval', 'on_completion', false],
  ];

  it.each(cases)('at %s, a milestone billed %s becomes billable: %s', (moment, trigger, expected) => {
    // given a moment and a billing trigger / when asked / then the table answers
    expect(becomesBillableAt(moment, trigger)).toBe(expected);
  });
});
