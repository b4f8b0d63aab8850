import { assertValidLadder, DEFAULT_DUNNING_LADDER, DunningLadder, firstStep } from './dunning-ladder';

describe('The dunning ladder', () => {
  it('starts a case on the friendly reminder', () => {
    // given the default ladder, when a case starts, then it is on the first step
    expect(firstStep(DEFAULT_DUNNING_LADDER).stage).toBe('friendly_reminder');
  });

  it('accepts a configured ladder of its own', () => {
    // given a two-step ladder, when a case starts on it, then its own first step applies
    const ladder: DunningLadder = [
      { stage: 'courtesy_call', dayOffset: 3 },
      { stage: 'final_demand', dayOffset: 10 },
    ];
    expect(firstStep(ladder)).toEqual({ stage: 'courtesy_call', dayOffset: 3 });
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
