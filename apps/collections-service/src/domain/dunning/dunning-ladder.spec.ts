import fc from 'fast-check';
import { assertValidLadder, DEFAULT_DUNNING_LADDER, DunningLadder, firstStep, stepAfter, stepForDaysOverdue } from './dunning-ladder';

describe('The dunning ladder', () => {
  it('starts a case on the friendly reminder', () => {
    // given the default ladder, when a case starts, then it is on the first step
    expect(firstStep(DEFAULT_DUNNING_LADDER).stage).toBe('friendly_reminder');
  });

  it.each([
    [0, undefined],
    [1, 'friendly_reminder'],
    [14, 'friendly_reminder'],
    [15, 'firm_notice'],
    [29, 'firm_notice'],
    [30, 'final_demand'],
    [60, 'agency_handoff'],
    [89, 'agency_handoff'],
    [90, 'write_off_proposal'],
    [400, 'write_off_proposal'],
  ])('puts an invoice %p days overdue on %p', (daysOverdue, stage) => {
    // given the default ladder, when asked for the step at that lateness, then it is the last one reached
    expect(stepForDaysOverdue(DEFAULT_DUNNING_LADDER, daysOverdue)?.stage).toBe(stage);
  });

  it('names the step after each one and none after the last', () => {
    // given the default ladder, when walking it, then each step leads to the next in order
    expect(stepAfter(DEFAULT_DUNNING_LADDER, 'friendly_reminder')?.stage).toBe('firm_notice');
    expect(stepAfter(DEFAULT_DUNNING_LADDER, 'agency_handoff')?.stage).toBe('write_off_proposal');
    expect(stepAfter(DEFAULT_DUNNING_LADDER, 'write_off_proposal')).toBeUndefined();
  });

  it('never moves a case back down as an invoice gets later', () => {
    // given any two lateness values, when the later one is looked up, then its step is no lower
    const position = (stage: string | undefined) => DEFAULT_DUNNING_LADDER.findIndex((step) => step.stage === stage);
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1000 }), fc.integer({ min: 0, max: 1000 }), (a, b) => {
        const [earlier, later] = a <= b ? [a, b] : [b, a];
        return position(stepForDaysOverdue(DEFAULT_DUNNING_LADDER, later)?.stage) >= position(stepForDaysOverdue(DEFAULT_DUNNING_LADDER, earlier)?.stage);
      }),
    );
  });

  it('accepts a configured ladder of its own', () => {
    // given a two-step ladder, when used, then its own steps apply
    const ladder: DunningLadder = [
      { stage: 'courtesy_call', dayOffset: 3 },
      { stage: 'final_demand', dayOffset: 10 },
    ];
    expect(stepForDaysOverdue(ladder, 2)).toBeUndefined();
    expect(stepForDaysOverdue(ladder, 10)?.stage).toBe('final_demand');
  });

  it.each<[string, DunningLadder]>([
    ['an empty ladder', []],
    ['a repeated stage', [{ stage: 'reminder', dayOffset: 1 }, { stage: 'reminder', dayOffset: 5 }]],
    ['offsets out of order', [{ stage: 'a', dayOffset: 5 }, { stage: 'b', dayOffset: 5 }]],
    ['a step before day one', [{ stage: 'early', dayOffset: 0 }]],
    ['a stage that is not an identifier', [{ stage: 'Final Demand', dayOffset: 1 }]],
  ])('refuses %s', (_, ladder) => {
    // given a malformed ladder, when validated, then it is refused
    expect(() => assertValidLadder(ladder)).toThrow(/invalid dunning ladder/);
  });
});
