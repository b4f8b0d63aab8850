/**
 * Issue 14 "Change orders": how a contract's milestones follow a new schedule version, as a pure
 * function of the milestone indexes the contract has, the new schedule (the whole schedule after the
 * change: removed milestones are not in it) and the indexes the change order removed. A milestone
 * is identified by its index; an added one has an index never used before.
 */
export interface ScheduleAmendmentPlan {
  /** On the new schedule, with no milestone yet: scheduled as the activation would have. */
  readonly add: readonly number[];
  /** On the new schedule and known: given the new version's terms (those already billed stay as they are, see Milestone.amend). */
  readonly amend: readonly number[];
  /** Removed by the change order and still known: cancelled. */
  readonly cancel: readonly number[];
}

export function planScheduleAmendment(known: readonly number[], schedule: readonly number[], removed: readonly number[]): ScheduleAmendmentPlan {
  const knownIndexes = new Set(known);
  const scheduled = new Set(schedule);
  const ascending = (indexes: Iterable<number>) => [...new Set(indexes)].sort((a, b) => a - b);
  return {
    add: ascending(schedule.filter((index) => !knownIndexes.has(index))),
    amend: ascending(schedule.filter((index) => knownIndexes.has(index))),
    // A milestone both removed and on the schedule is an inconsistent event; the schedule wins, as it is the whole truth.
    cancel: ascending(removed.filter((index) => knownIndexes.has(index) && !scheduled.has(index))),
  };
}
