/**
 * The dunning ladder: the steps a collections case climbs, each reached a number of days after
 * the oldest invoice of the case fell due (ARCHITECTURE.md "Collections": day 1 friendly reminder,
 * day 15 firm notice, day 30 final demand, day 60 agency handoff, day 90 write-off proposal).
 * The ladder is data, so a business can configure its own. A case opens on the first step; moving
 * along the ladder is not built yet.
 */
export interface DunningStep {
  /** A stable identifier carried in events (`friendly_reminder`). */
  readonly stage: string;
  /** Days past the due date at which the step is reached, from 1. */
  readonly dayOffset: number;
}

export type DunningLadder = readonly DunningStep[];

export const DEFAULT_DUNNING_LADDER: DunningLadder = [
  { stage: 'friendly_reminder', dayOffset: 1 },
  { stage: 'firm_notice', dayOffset: 15 },
  { stage: 'final_demand', dayOffset: 30 },
  { stage: 'agency_handoff', dayOffset: 60 },
  { stage: 'write_off_proposal', dayOffset: 90 },
];

const STAGE_PATTERN = /^[a-z][a-z0-9_]{0,63}$/;

export class InvalidDunningLadderError extends Error {
  constructor(message: string) {
    super(`invalid dunning ladder: ${message}`);
    this.name = 'InvalidDunningLadderError';
  }
}

/** A configured ladder must be non-empty, with unique stage names and strictly rising day offsets from 1. */
export function assertValidLadder(ladder: DunningLadder): void {
  if (ladder.length === 0) throw new InvalidDunningLadderError('it has no steps');
  const seen = new Set<string>();
  ladder.forEach((step, position) => {
    if (!STAGE_PATTERN.test(step.stage)) throw new InvalidDunningLadderError(`"${step.stage}" is not a stage identifier`);
    if (seen.has(step.stage)) throw new InvalidDunningLadderError(`"${step.stage}" appears twice`);
    seen.add(step.stage);
    if (!Number.isInteger(step.dayOffset) || step.dayOffset < 1) {
      throw new InvalidDunningLadderError(`"${step.stage}" must start on a whole day from 1 (got ${step.dayOffset})`);
    }
    const previous = ladder[position - 1];
    if (previous && step.dayOffset <= previous.dayOffset) {
      throw new InvalidDunningLadderError(`"${step.stage}" must come later than "${previous.stage}"`);
    }
  });
}

/** The step a case starts on. */
export function firstStep(ladder: DunningLadder): DunningStep {
  assertValidLadder(ladder);
  return ladder[0];
}
