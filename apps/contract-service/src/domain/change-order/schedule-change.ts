import { DomainRejection } from '@mb/kernel';
import { allocateByBasisPoints, BASIS_POINTS_IN_WHOLE } from '@mb/money';
import { assertBillingRules, type BillingTrigger, type MilestoneTerms, type ScheduledMilestone } from '../contract/schedule';
import { assertDistinctTitles } from '../contract/schedule-health';

/** A new milestone as a change order enters it: as at creation, its amount in fixed cents or basis points of the new total. */
export type AddedMilestoneTerms = MilestoneTerms;

/** What a change order changes on an existing milestone; a field left out stays as it is. */
export interface MilestoneAlteration {
  readonly title?: string;
  readonly acceptanceCriteria?: string;
  readonly amountCents?: number;
  readonly amountBps?: number;
  readonly billingTrigger?: BillingTrigger;
  readonly plannedDate?: string | null;
  readonly approvalWindowDays?: number | null;
  readonly deemedAcceptance?: boolean;
  readonly deliverables?: readonly string[];
}

/** One line of a change order, as requested. */
export type MilestoneChangeRequest =
  | { readonly kind: 'add'; readonly milestone: AddedMilestoneTerms }
  | { readonly kind: 'remove'; readonly milestoneIndex: number }
  | { readonly kind: 'change'; readonly milestoneIndex: number; readonly alteration: MilestoneAlteration };

export interface ScheduleChangeRequest {
  /** None when only the terms change. */
  readonly milestones?: readonly MilestoneChangeRequest[];
  /** The new total; needed when an amount is given in basis points, else the new schedule's sum. */
  readonly totalValueCents?: number;
  readonly netDays?: number;
}

/** A milestone the change order added, removed or changed, before and after (null when absent). */
export interface MilestoneChange {
  readonly milestoneIndex: number;
  readonly kind: 'added' | 'removed' | 'changed';
  readonly before: ScheduledMilestone | null;
  readonly after: ScheduledMilestone | null;
}

/** The schedule as it stands: the version a change order starts from. */
export interface CurrentSchedule {
  readonly totalValueCents: number;
  readonly netDays: number;
  readonly milestones: readonly ScheduledMilestone[];
  /** The highest milestone index any version of the schedule has used: an added milestone takes the next. */
  readonly highestMilestoneIndexEverUsed: number;
  /** Milestones billed, triggered for billing or cancelled, by index with their status: never touched. */
  readonly lockedMilestones: ReadonlyMap<number, string>;
}

export interface ProposedSchedule {
  readonly totalValueCents: number;
  readonly netDays: number;
  readonly milestones: readonly ScheduledMilestone[];
  readonly changes: readonly MilestoneChange[];
}

/**
 * Issue 14 "Change orders": the schedule a change order proposes, from the current one. Milestones
 * keep their index; an added one takes the next index never used, so that an index means one
 * milestone for the contract's whole life. A billed, triggered or cancelled milestone cannot be
 * touched (409 `change_order.milestone_billed`, naming it) and stays as it is. Amounts are given
 * as at creation: fixed cents, or basis points of the new total (`total_value_cents` then needed),
 * split with the largest-remainder method so they are exact. The schedule must still add up: the
 * new total is the sum of the new schedule, and a total given must equal it.
 *
 * Refusals: `change_order.no_changes`, `change_order.unknown_milestone`,
 * `change_order.milestone_changed_twice`, `change_order.total_required_for_basis_points`,
 * `change_order.invalid_net_days`, `change_order.invalid_amount`, `schedule.*` as at creation (422);
 * `change_order.milestone_billed` (409).
 */
export function proposeSchedule(current: CurrentSchedule, requested: ScheduleChangeRequest): ProposedSchedule {
  const request = { ...requested, milestones: requested.milestones ?? [] };
  if (request.milestones.length === 0 && request.netDays === undefined && request.totalValueCents === undefined) {
    throw new DomainRejection('invalid', 'change_order.no_changes', 'a change order needs at least one change: a milestone, the total or net_days', 'changes');
  }
  if (request.netDays !== undefined && (!Number.isSafeInteger(request.netDays) || request.netDays < 0)) {
    throw new DomainRejection('invalid', 'change_order.invalid_net_days', 'net_days must be a whole number of days, 0 or more', 'changes.net_days');
  }
  if (request.totalValueCents !== undefined && (!Number.isSafeInteger(request.totalValueCents) || request.totalValueCents <= 0)) {
    throw new DomainRejection('invalid', 'change_order.invalid_total_value', 'total_value_cents must be a positive whole number of minor units', 'changes.total_value_cents');
  }

  const byIndex = new Map(current.milestones.map((milestone) => [milestone.milestoneIndex, milestone]));
  const touched = new Set<number>();
  request.milestones.forEach((line, position) => {
    if (line.kind === 'add') return;
    const field = `changes.milestones.${position}.milestone_index`;
    if (!byIndex.has(line.milestoneIndex)) {
      throw new DomainRejection('invalid', 'change_order.unknown_milestone', `the schedule has no milestone ${line.milestoneIndex}`, field);
    }
    if (touched.has(line.milestoneIndex)) {
      throw new DomainRejection('invalid', 'change_order.milestone_changed_twice', `milestone ${line.milestoneIndex} is named twice; one line per milestone`, field);
    }
    touched.add(line.milestoneIndex);
    assertNotLocked(current.lockedMilestones, line.milestoneIndex, field);
  });

  // Amounts: the untouched milestones keep their cents; each added or changed one gives cents or basis points.
  const usesBasisPoints = request.milestones.some((line) => amountBpsOf(line) !== undefined);
  if (usesBasisPoints && request.totalValueCents === undefined) {
    throw new DomainRejection(
      'invalid',
      'change_order.total_required_for_basis_points',
      'an amount in basis points is a share of the new total: give total_value_cents with it',
      'changes.total_value_cents',
    );
  }
  request.milestones.forEach((line, position) => {
    const cents = amountCentsOf(line);
    const bps = amountBpsOf(line);
    const field = `changes.milestones.${position}`;
    if (line.kind === 'add' && (cents === undefined) === (bps === undefined)) {
      throw new DomainRejection('invalid', 'schedule.amount_missing', 'an added milestone needs exactly one of amount_bps or amount_cents', `${field}.amount_bps`);
    }
    if (line.kind === 'change' && cents !== undefined && bps !== undefined) {
      throw new DomainRejection('invalid', 'schedule.amount_missing', 'a re-priced milestone takes one of amount_bps or amount_cents, not both', `${field}.amount_bps`);
    }
    if (cents !== undefined && (!Number.isSafeInteger(cents) || cents < 0)) {
      throw new DomainRejection('invalid', 'change_order.invalid_amount', 'amount_cents must be a whole number of minor units, 0 or more', `${field}.amount_cents`);
    }
    if (bps !== undefined && (!Number.isSafeInteger(bps) || bps < 0 || bps > BASIS_POINTS_IN_WHOLE)) {
      throw new DomainRejection('invalid', 'change_order.invalid_amount', 'amount_bps must be whole basis points from 0 to 10000', `${field}.amount_bps`);
    }
  });
  const centsOfBasisPoints = basisPointAmounts(request);

  let nextIndex = current.highestMilestoneIndexEverUsed;
  const after = new Map<number, ScheduledMilestone>(current.milestones.map((milestone) => [milestone.milestoneIndex, milestone]));
  const addedIndices: number[] = [];
  request.milestones.forEach((line, position) => {
    if (line.kind === 'remove') {
      after.delete(line.milestoneIndex);
    } else if (line.kind === 'change') {
      const before = byIndex.get(line.milestoneIndex) as ScheduledMilestone;
      after.set(line.milestoneIndex, altered(before, line.alteration, centsOfBasisPoints.get(position)));
    } else {
      nextIndex += 1;
      addedIndices.push(nextIndex);
      after.set(nextIndex, added(nextIndex, line.milestone, centsOfBasisPoints.get(position)));
    }
  });
  const proposed = [...after.values()].sort((a, b) => a.milestoneIndex - b.milestoneIndex);

  if (proposed.length === 0) {
    throw new DomainRejection('invalid', 'schedule.empty', 'a contract needs at least one milestone in its payment schedule', 'changes.milestones');
  }
  assertBillingRules(proposed, (position) => `milestones.${position}`);
  assertDistinctTitles(proposed);

  // In bigint: the sum of many large amounts could pass the safe integers, where an inexact sum might pass for the total.
  const sum = proposed.reduce((total, milestone) => total + BigInt(milestone.amountCents), 0n);
  if (request.totalValueCents !== undefined && sum !== BigInt(request.totalValueCents)) {
    throw new DomainRejection(
      'invalid',
      'schedule.amounts_do_not_add_up',
      `the new schedule adds up to ${sum} cents; it must add up to the new total of ${request.totalValueCents} cents`,
      'changes.total_value_cents',
    );
  }
  if (sum <= 0n || sum > BigInt(Number.MAX_SAFE_INTEGER)) {
    throw new DomainRejection('invalid', 'schedule.amounts_do_not_add_up', `the new schedule adds up to ${sum} cents; a contract needs a positive total`, 'changes.milestones');
  }

  // A share entered earlier was a share of the old total; once the total moves it no longer describes an untouched amount.
  const totalMoved = sum !== BigInt(current.totalValueCents);
  const milestones = proposed.map((milestone) =>
    totalMoved && !touched.has(milestone.milestoneIndex) && !addedIndices.includes(milestone.milestoneIndex) ? { ...milestone, amountBps: null } : milestone,
  );
  const changes = diff(current.milestones, milestones);
  const netDays = request.netDays ?? current.netDays;
  if (changes.length === 0 && netDays === current.netDays) {
    throw new DomainRejection('invalid', 'change_order.no_changes', 'the change order leaves the schedule and the terms as they are', 'changes');
  }
  return { totalValueCents: Number(sum), netDays, milestones, changes };
}

/** What changed between two schedules, by milestone index in ascending order. */
export function diff(before: readonly ScheduledMilestone[], after: readonly ScheduledMilestone[]): MilestoneChange[] {
  const old = new Map(before.map((milestone) => [milestone.milestoneIndex, milestone]));
  const next = new Map(after.map((milestone) => [milestone.milestoneIndex, milestone]));
  const indices = [...new Set([...old.keys(), ...next.keys()])].sort((a, b) => a - b);
  return indices.flatMap((milestoneIndex): MilestoneChange[] => {
    const was = old.get(milestoneIndex) ?? null;
    const is = next.get(milestoneIndex) ?? null;
    if (was === null) return [{ milestoneIndex, kind: 'added', before: null, after: is }];
    if (is === null) return [{ milestoneIndex, kind: 'removed', before: was, after: null }];
    return sameMilestone(was, is) ? [] : [{ milestoneIndex, kind: 'changed', before: was, after: is }];
  });
}

/** The 409 for a billed, triggered or cancelled milestone, naming it: the money on it is no longer the schedule's to move. */
export function assertNotLocked(locked: ReadonlyMap<number, string>, milestoneIndex: number, field: string): void {
  const status = locked.get(milestoneIndex);
  if (status === undefined) return;
  throw new DomainRejection(
    'conflict',
    'change_order.milestone_billed',
    `milestone ${milestoneIndex} is ${status}; a milestone billed, triggered for billing or cancelled cannot be changed or removed`,
    field,
  );
}

function amountCentsOf(line: MilestoneChangeRequest): number | undefined {
  if (line.kind === 'add') return line.milestone.amountCents ?? undefined;
  if (line.kind === 'change') return line.alteration.amountCents ?? undefined;
  return undefined;
}

function amountBpsOf(line: MilestoneChangeRequest): number | undefined {
  if (line.kind === 'add') return line.milestone.amountBps ?? undefined;
  if (line.kind === 'change') return line.alteration.amountBps ?? undefined;
  return undefined;
}

/**
 * The cents of each line given in basis points (by its position in the request): the shares of
 * the new total, split together with the rest of the total by the largest-remainder method, so
 * each is the exact share rounded the one way the money library rounds.
 */
function basisPointAmounts(request: Required<Pick<ScheduleChangeRequest, 'milestones'>> & ScheduleChangeRequest): Map<number, number> {
  const positions = request.milestones.flatMap((line, position) => (amountBpsOf(line) === undefined ? [] : [position]));
  if (positions.length === 0) return new Map();
  const shares = positions.map((position) => amountBpsOf(request.milestones[position]) as number);
  const given = shares.reduce((total, bps) => total + bps, 0);
  if (given > BASIS_POINTS_IN_WHOLE) {
    throw new DomainRejection('invalid', 'schedule.amounts_do_not_add_up', `the shares given add up to ${given} basis points, more than 10000 (100 %)`, 'changes.milestones');
  }
  const parts = allocateByBasisPoints(request.totalValueCents as number, [...shares, BASIS_POINTS_IN_WHOLE - given]);
  return new Map(positions.map((position, at) => [position, parts[at]]));
}

function altered(before: ScheduledMilestone, alteration: MilestoneAlteration, centsOfShare: number | undefined): ScheduledMilestone {
  const repriced = alteration.amountBps !== undefined ? { amountCents: centsOfShare as number, amountBps: alteration.amountBps } : alteration.amountCents !== undefined ? { amountCents: alteration.amountCents, amountBps: null } : {};
  return {
    ...before,
    ...(alteration.title !== undefined ? { title: alteration.title.trim() } : {}),
    ...(alteration.acceptanceCriteria !== undefined ? { acceptanceCriteria: alteration.acceptanceCriteria.trim() } : {}),
    ...(alteration.deliverables !== undefined ? { deliverables: [...alteration.deliverables] } : {}),
    ...(alteration.billingTrigger !== undefined ? { billingTrigger: alteration.billingTrigger } : {}),
    ...(alteration.plannedDate !== undefined ? { plannedDate: alteration.plannedDate } : {}),
    ...(alteration.approvalWindowDays !== undefined ? { approvalWindowDays: alteration.approvalWindowDays } : {}),
    ...(alteration.deemedAcceptance !== undefined ? { deemedAcceptance: alteration.deemedAcceptance } : {}),
    ...repriced,
  };
}

function added(milestoneIndex: number, terms: AddedMilestoneTerms, centsOfShare: number | undefined): ScheduledMilestone {
  return {
    milestoneIndex,
    title: terms.title.trim(),
    acceptanceCriteria: terms.acceptanceCriteria.trim(),
    amountCents: terms.amountBps !== undefined ? (centsOfShare as number) : (terms.amountCents as number),
    amountBps: terms.amountBps ?? null,
    billingTrigger: terms.billingTrigger,
    plannedDate: terms.plannedDate ?? null,
    approvalWindowDays: terms.approvalWindowDays ?? null,
    deemedAcceptance: terms.deemedAcceptance ?? false,
    deliverables: [...(terms.deliverables ?? [])],
    payoutDestination: terms.payoutDestination ?? null,
  };
}

/** Equal as the schedule shows them: the share entered is bookkeeping, not a change. */
function sameMilestone(a: ScheduledMilestone, b: ScheduledMilestone): boolean {
  return (
    a.title === b.title &&
    a.acceptanceCriteria === b.acceptanceCriteria &&
    a.amountCents === b.amountCents &&
    a.billingTrigger === b.billingTrigger &&
    a.plannedDate === b.plannedDate &&
    a.approvalWindowDays === b.approvalWindowDays &&
    a.deemedAcceptance === b.deemedAcceptance &&
    JSON.stringify(a.deliverables) === JSON.stringify(b.deliverables) &&
    JSON.stringify(a.payoutDestination) === JSON.stringify(b.payoutDestination)
  );
}
