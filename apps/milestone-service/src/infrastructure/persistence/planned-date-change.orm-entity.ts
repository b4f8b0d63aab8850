import { EntitySchema } from 'typeorm';

/** A row of milestone.planned_date_changes: one move of a milestone's planned date. */
export interface PlannedDateChangeRecord {
  id: string;
  milestoneId: string;
  /** Calendar dates (YYYY-MM-DD); from is null when the milestone had none. */
  fromDate: string | null;
  toDate: string;
  reason: string;
  changedAt: Date;
}

export const PlannedDateChangeEntity = new EntitySchema<PlannedDateChangeRecord>({
  name: 'PlannedDateChange',
  schema: 'milestone',
  tableName: 'planned_date_changes',
  columns: {
    id: { type: 'text', primary: true },
    milestoneId: { type: 'text', name: 'milestone_id' },
    fromDate: { type: 'date', name: 'from_date', nullable: true },
    toDate: { type: 'date', name: 'to_date' },
    reason: { type: 'text' },
    changedAt: { type: 'timestamptz', name: 'changed_at' },
  },
});
