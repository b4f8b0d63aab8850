import { assertValidLadder, DEFAULT_DUNNING_LADDER, DunningLadder, DunningStep, firstStep, stepAfter } from './dunning-ladder';

function step(stage: string, dayOffset: number): DunningStep {
  return { stage, dayOffset, template: 'friendly', channel: 'email', pausesForDecision: false };
}

describe('The dunning ladder', () => {
  it('starts a case on the friendly reminder', () => {
    // given the default ladder, when a case starts, then it is on the first step
    expect(firstStep(DEFAULT_DUNNING_LADDER).stage).toBe('friendly_reminder');
  });

  it('accepts a configured ladder of its own', () => {
    // given a two-step ladder, when a case starts on it, then its own first step applies
    const ladder: DunningLadder = [step('courtesy_call', 3), step('final_demand', 10)];
    expect(firstStep(ladder)).toEqual(step('courtesy_call', 3));
  });

  it.each<[string, DunningLadder]>([
    ['an empty ladder', []],
    ['a repeated stage', [step('reminder', 1), step('reminder', 5)]],
    ['offsets out of order', [step('a', 5), step('b', 5)]],
    ['a step before day one', [step('early', 0)]],
    ['a stage that is not an identifier', [step('Final Demand', 1)]],
    ['an unknown template', [{ ...step('a', 1), template: 'rude' as never }]],
    ['an unknown channel', [{ ...step('a', 1), channel: 'sms' as never }]],
  ])('refuses %s', (_, ladder) => {
    // given a malformed ladder, when validated, then it is refused
    expect(() => assertValidLadder(ladder)).toThrow(/invalid dunning ladder/);
  });

  it('names the field at fault', () => {
    // given a ladder whose second step comes too early, then the fault names its day_offset
    expect(() => assertValidLadder([step('a', 5), step('b', 3)])).toThrow(expect.objectContaining({ field: 'stages[1].day_offset' }));
  });

  it('has a next step until the last one; the default pauses for a decision at the hand-off', () => {
    expect(stepAfter(DEFAULT_DUNNING_LADDER, 'friendly_reminder')?.stage).toBe('firm_notice');
    expect(stepAfter(DEFAULT_DUNNING_LADDER, 'write_off_proposal')).toBeNull();
    expect(DEFAULT_DUNNING_LADDER.find((candidate) => candidate.stage === 'agency_handoff')).toMatchObject({ template: 'handoff', pausesForDecision: true });
  });
});
