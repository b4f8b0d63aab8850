import type { PlannedDateChange } from '../../domain/milestone/milestone';

/** One move of a milestone's planned date, as the history keeps it. */
export interface PlannedDateChangeEntry extends PlannedDateChange {
  readonly id: string;
}

/** The history of planned-date moves: appended to, never changed. Writes join the open unit of work. */
export abstract class PlannedDateChangeRepository {
  abstract add(change: PlannedDateChangeEntry): Promise<void>;
  /** The milestone's moves, oldest first; none for a milestone never moved. */
  abstract listByMilestone(milestoneId: string): Promise<PlannedDateChangeEntry[]>;
}
