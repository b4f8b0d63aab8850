/**
 * The dunning ladder: the stages a collections case climbs, each reached a number of days after
 * the oldest invoice the case chases fell due (ARCHITECTURE.md "Collections": day 1 friendly
 * reminder, day 15 firm notice, day 30 final demand, day 60 agency hand-off, day 90 write-off
 * proposal). The ladder is data: an account default and per-client overrides are configured over
 * REST (/v1/dunning-ladder); a case keeps the ladder it opened with (a snapshot), so changing the
 * configuration never moves a case that is already running.
 */
export const DUNNING_TEMPLATES = ['friendly', 'firm', 'final', 'handoff'] as const;
/** The letter's tone, a template notification-service understands. */
export type DunningTemplate = (typeof DUNNING_TEMPLATES)[number];

export const DUNNING_CHANNELS = ['email', 'none'] as const;
/** How the stage's letter goes out; `none` moves the case without writing to the client. */
export type DunningChannel = (typeof DUNNING_CHANNELS)[number];

export interface DunningStep {
  /** A stable identifier carried in events (`friendly_reminder`). */
  readonly stage: string;
  /** Days past the due date of the oldest chased invoice at which the step is reached, from 1. */
  readonly dayOffset: number;
  readonly template: DunningTemplate;
  readonly channel: DunningChannel;
  /** Reaching the step holds the case (`awaiting_decision`) until a person decides what next. */
  readonly pausesForDecision: boolean;
}

export type DunningLadder = readonly DunningStep[];

export const DEFAULT_DUNNING_LADDER: DunningLadder = [
  { stage: 'friendly_reminder', dayOffset: 1, template: 'friendly', channel: 'email', pausesForDecision: false },
  { stage: 'firm_notice', dayOffset: 15, template: 'firm', channel: 'email', pausesForDecision: false },
  { stage: 'final_demand', dayOffset: 30, template: 'final', channel: 'email', pausesForDecision: false },
  { stage: 'agency_handoff', dayOffset: 60, template: 'handoff', channel: 'email', pausesForDecision: true },
  { stage: 'write_off_proposal', dayOffset: 90, template: 'final', channel: 'none', pausesForDecision: true },
];

export const STAGE_PATTERN = /^[a-z][a-z0-9_]{0,63}$/;

/** A ladder's fault, naming the step (by position, from 0) and the field it is about. */
export class InvalidDunningLadderError extends Error {
  constructor(
    message: string,
    readonly field = 'stages',
  ) {
    super(`invalid dunning ladder: ${message}`);
    this.name = 'InvalidDunningLadderError';
  }
}

/**
 * A configured ladder must be non-empty (at most 20 steps), with unique stage identifiers, strictly
 * rising day offsets from 1, known templates and channels.
 */
export function assertValidLadder(ladder: DunningLadder): void {
  if (ladder.length === 0) throw new InvalidDunningLadderError('it has no steps');
  if (ladder.length > 20) throw new InvalidDunningLadderError('it has more than 20 steps');
  const seen = new Set<string>();
  ladder.forEach((step, position) => {
    const at = `stages[${position}]`;
    if (!STAGE_PATTERN.test(step.stage)) throw new InvalidDunningLadderError(`"${step.stage}" is not a stage identifier`, `${at}.stage`);
    if (seen.has(step.stage)) throw new InvalidDunningLadderError(`"${step.stage}" appears twice`, `${at}.stage`);
    seen.add(step.stage);
    if (!Number.isInteger(step.dayOffset) || step.dayOffset < 1 || step.dayOffset > 3650) {
      throw new InvalidDunningLadderError(`"${step.stage}" must start on a whole day from 1 to 3650 (got ${step.dayOffset})`, `${at}.day_offset`);
    }
    const previous = ladder[position - 1];
    if (previous && step.dayOffset <= previous.dayOffset) {
      throw new InvalidDunningLadderError(`"${step.stage}" must come later than "${previous.stage}"`, `${at}.day_offset`);
    }
    if (!DUNNING_TEMPLATES.includes(step.template)) throw new InvalidDunningLadderError(`"${step.stage}" has an unknown template "${step.template}"`, `${at}.template`);
    if (!DUNNING_CHANNELS.includes(step.channel)) throw new InvalidDunningLadderError(`"${step.stage}" has an unknown channel "${step.channel}"`, `${at}.channel`);
  });
}

/** The step a case starts on. */
export function firstStep(ladder: DunningLadder): DunningStep {
  assertValidLadder(ladder);
  return ladder[0];
}

/** The step named `stage`; a case's stage is always one of its ladder's. */
export function stepNamed(ladder: DunningLadder, stage: string): DunningStep {
  const step = ladder.find((candidate) => candidate.stage === stage);
  if (!step) throw new RangeError(`stage "${stage}" is not on the ladder`);
  return step;
}

/** The step after `stage`, or null on the last one. */
export function stepAfter(ladder: DunningLadder, stage: string): DunningStep | null {
  const position = ladder.findIndex((candidate) => candidate.stage === stage);
  return ladder[position + 1] ?? null;
}
