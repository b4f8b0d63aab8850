import { DomainRejection } from '@mb/kernel';
import { isKnownCurrency } from '@mb/money';
import type { MilestoneTerms, ScheduledMilestone } from './schedule';

/**
 * Schedule health, ARCHITECTURE.md "Contracts and schedules": checked on every create (and, later,
 * every amendment). Errors refuse the contract (422, nothing saved); warnings are saved and returned
 * with it, because a risky schedule can still be what both parties signed.
 */

export const SCHEDULE_WARNING_CODES = [
  'backloaded_final_milestone',
  'deposit_outside_recommended_range',
  'subjective_acceptance_criteria',
  'no_approval_window',
] as const;

export type ScheduleWarningCode = (typeof SCHEDULE_WARNING_CODES)[number];

export interface ScheduleWarning {
  readonly code: ScheduleWarningCode;
  readonly message: string;
  readonly milestoneIndex?: number;
}

// --- errors -----------------------------------------------------------------------------------

/** Amounts are kept in the currency's minor units, so only a currency we know the exponent of will do. */
export function assertKnownCurrency(currency: string): void {
  if (!isKnownCurrency(currency)) {
    throw new DomainRejection('invalid', 'contract.unknown_currency', `${currency} is not a currency the system bills in (lowercase ISO 4217, e.g. usd)`, 'currency');
  }
}

/** Two milestones with one title cannot be told apart on an invoice or in an approval. */
export function assertDistinctTitles(milestones: readonly Pick<MilestoneTerms, 'title'>[]): void {
  const seen = new Map<string, number>();
  milestones.forEach((milestone, position) => {
    const key = milestone.title.trim().replace(/\s+/g, ' ').toLowerCase();
    const first = seen.get(key);
    if (first !== undefined) {
      throw new DomainRejection(
        'invalid',
        'schedule.duplicate_milestone_title',
        `milestones ${first + 1} and ${position + 1} are both titled "${milestone.title.trim()}"; each milestone needs its own title`,
        `milestones.${position}.title`,
      );
    }
    seen.set(key, position);
  });
}

// --- warnings ---------------------------------------------------------------------------------

const FINAL_MILESTONE_LIMIT_BPS = 6000n;
const DEPOSIT_RANGE_BPS = { from: 2500n, to: 3000n } as const;

/** A milestone's share of the total as an exact fraction: the percentage entered, else cents / total. */
function shareOf(milestone: ScheduledMilestone, totalValueCents: number): { numerator: bigint; denominator: bigint } {
  if (milestone.amountBps !== null) return { numerator: BigInt(milestone.amountBps), denominator: 10_000n };
  return { numerator: BigInt(milestone.amountCents), denominator: BigInt(Math.max(totalValueCents, 1)) };
}

/** share compared with bps / 10000, exactly (no floats): negative below, 0 equal, positive above. */
function compareShare(milestone: ScheduledMilestone, totalValueCents: number, bps: bigint): number {
  const { numerator, denominator } = shareOf(milestone, totalValueCents);
  const left = numerator * 10_000n;
  const right = bps * denominator;
  return left === right ? 0 : left > right ? 1 : -1;
}

function percent(milestone: ScheduledMilestone, totalValueCents: number): string {
  const { numerator, denominator } = shareOf(milestone, totalValueCents);
  const tenthsOfPercent = (numerator * 1000n) / denominator;
  return `${tenthsOfPercent / 10n}.${tenthsOfPercent % 10n} %`;
}

/** Most of the money riding on the last milestone leaves the supplier carrying the project. */
export function backloadedFinalMilestone(totalValueCents: number, milestones: readonly ScheduledMilestone[]): ScheduleWarning[] {
  const final = milestones[milestones.length - 1];
  if (!final || milestones.length < 2 || compareShare(final, totalValueCents, FINAL_MILESTONE_LIMIT_BPS) <= 0) return [];
  return [
    {
      code: 'backloaded_final_milestone',
      message: `the final milestone carries ${percent(final, totalValueCents)} of the contract value; more than 60 % leaves most of the payment at risk until the end`,
      milestoneIndex: final.milestoneIndex,
    },
  ];
}

/** The deposit (the first on_signing milestone) is recommended at 25–30 % of the total. */
export function depositOutsideRecommendedRange(totalValueCents: number, milestones: readonly ScheduledMilestone[]): ScheduleWarning[] {
  const deposit = milestones.find((milestone) => milestone.billingTrigger === 'on_signing');
  if (!deposit) return [];
  const below = compareShare(deposit, totalValueCents, DEPOSIT_RANGE_BPS.from) < 0;
  const above = compareShare(deposit, totalValueCents, DEPOSIT_RANGE_BPS.to) > 0;
  if (!below && !above) return [];
  return [
    {
      code: 'deposit_outside_recommended_range',
      message: `the deposit is ${percent(deposit, totalValueCents)} of the contract value; 25–30 % is recommended`,
      milestoneIndex: deposit.milestoneIndex,
    },
  ];
}

/**
 * Phrases that make approval a matter of mood rather than of checkable facts. Apostrophes are
 * matched straight or curly.
 */
export const SUBJECTIVE_PHRASES: readonly RegExp[] = [
  /\b(?:upon|on|to|at|until|subject to)\s+(?:the\s+)?(?:client|customer)(?:['’]s|s['’]?)?\s+(?:full\s+|complete\s+|entire\s+)?satisfaction\b/i,
  /\bsatisf(?:action|actory)\s+(?:of|to)\s+(?:the\s+)?(?:client|customer)\b/i,
  /\b(?:client|customer)\s+(?:is|are|feels?|being)\s+(?:happy|satisfied|pleased|content|comfortable)\b/i,
  /\b(?:client|customer)(?:['’]s|s['’]?)\s+(?:liking|approval\s+at\s+(?:its|their)\s+discretion|sole\s+discretion|discretion)\b/i,
  /\bsole\s+discretion\b/i,
  /\b(?:looks?|feels?)\s+(?:good|right)\b/i,
  /\bas\s+the\s+(?:client|customer)\s+(?:sees\s+fit|wishes|likes)\b/i,
];

export function isSubjective(acceptanceCriteria: string): boolean {
  return SUBJECTIVE_PHRASES.some((phrase) => phrase.test(acceptanceCriteria));
}

/** Acceptance criteria must be objective: something both parties can check, not a feeling. */
export function subjectiveAcceptanceCriteria(_totalValueCents: number, milestones: readonly ScheduledMilestone[]): ScheduleWarning[] {
  return milestones
    .filter((milestone) => isSubjective(milestone.acceptanceCriteria))
    .map((milestone) => ({
      code: 'subjective_acceptance_criteria' as const,
      message: `milestone ${milestone.milestoneIndex} ("${milestone.title}") is accepted on a subjective criterion; state objective, checkable criteria`,
      milestoneIndex: milestone.milestoneIndex,
    }));
}

/** Without an approval window an on_approval milestone can wait for the client's answer forever. */
export function noApprovalWindow(_totalValueCents: number, milestones: readonly ScheduledMilestone[]): ScheduleWarning[] {
  return milestones
    .filter((milestone) => milestone.billingTrigger === 'on_approval' && milestone.approvalWindowDays === null)
    .map((milestone) => ({
      code: 'no_approval_window' as const,
      message: `milestone ${milestone.milestoneIndex} ("${milestone.title}") is billed on approval but has no approval window; the client could leave it unanswered`,
      milestoneIndex: milestone.milestoneIndex,
    }));
}

const WARNING_RULES = [backloadedFinalMilestone, depositOutsideRecommendedRange, subjectiveAcceptanceCriteria, noApprovalWindow];

/** Every warning the schedule deserves, in rule order then milestone order. */
export function scheduleWarnings(totalValueCents: number, milestones: readonly ScheduledMilestone[]): ScheduleWarning[] {
  return WARNING_RULES.flatMap((rule) => rule(totalValueCents, milestones));
}
