import { EntitySchema } from 'typeorm';

/** A row of invoicing.milestone_acceptances: how a milestone was accepted, as its events told it. */
export interface MilestoneAcceptanceRecord {
  contractId: string;
  milestoneIndex: number;
  evidenceUrl: string | null;
  acceptedAt: Date | null;
  deemedAccepted: boolean;
}

export const MilestoneAcceptanceEntity = new EntitySchema<MilestoneAcceptanceRecord>({
  name: 'MilestoneAcceptance',
  schema: 'invoicing',
  tableName: 'milestone_acceptances',
  columns: {
    contractId: { type: 'text', name: 'contract_id', primary: true },
    milestoneIndex: { type: 'integer', name: 'milestone_index', primary: true },
    evidenceUrl: { type: 'text', name: 'evidence_url', nullable: true },
    acceptedAt: { type: 'timestamptz', name: 'accepted_at', nullable: true },
    deemedAccepted: { type: 'boolean', name: 'deemed_accepted' },
  },
});
