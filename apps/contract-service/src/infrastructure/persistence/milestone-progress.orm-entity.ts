import { EntitySchema } from 'typeorm';
import type { MilestoneStatus } from '../../domain/contract/milestone-progress';

/** A row of contract.milestone_progress: one milestone's status as milestone.status_updated last told it. */
export interface MilestoneProgressRecord {
  contractId: string;
  milestoneIndex: number;
  milestoneId: string | null;
  status: MilestoneStatus;
  milestoneVersion: number | null;
  updatedAt: Date;
  lastEventId: string;
}

export const MilestoneProgressEntity = new EntitySchema<MilestoneProgressRecord>({
  name: 'MilestoneProgress',
  schema: 'contract',
  tableName: 'milestone_progress',
  columns: {
    contractId: { type: 'text', name: 'contract_id', primary: true },
    milestoneIndex: { type: 'integer', name: 'milestone_index', primary: true },
    milestoneId: { type: 'text', name: 'milestone_id', nullable: true },
    status: { type: 'text' },
    milestoneVersion: { type: 'integer', name: 'milestone_version', nullable: true },
    updatedAt: { type: 'timestamptz', name: 'updated_at' },
    lastEventId: { type: 'text', name: 'last_event_id' },
  },
});
