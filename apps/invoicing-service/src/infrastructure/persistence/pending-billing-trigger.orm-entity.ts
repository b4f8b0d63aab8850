import { EntitySchema } from 'typeorm';
import { minorUnitsColumn } from '@mb/platform';

/** A row of invoicing.pending_billing_triggers: a trigger parked until its contract arrives. */
export interface PendingBillingTriggerRecord {
  contractId: string;
  milestoneIndex: number;
  milestoneId: string | null;
  milestoneTitle: string;
  amountCents: number;
  currency: string;
  eventId: string;
  /** When the milestone became billable; null for a trigger parked before the column existed. */
  triggeredAt: Date | null;
  /** When it was parked; set by the database. */
  receivedAt: Date;
}

export const PendingBillingTriggerEntity = new EntitySchema<PendingBillingTriggerRecord>({
  name: 'PendingBillingTrigger',
  schema: 'invoicing',
  tableName: 'pending_billing_triggers',
  columns: {
    contractId: { type: 'text', name: 'contract_id', primary: true },
    milestoneIndex: { type: 'integer', name: 'milestone_index', primary: true },
    milestoneId: { type: 'text', name: 'milestone_id', nullable: true },
    milestoneTitle: { type: 'text', name: 'milestone_title' },
    amountCents: { type: 'bigint', name: 'amount_cents', transformer: minorUnitsColumn },
    currency: { type: 'text' },
    eventId: { type: 'text', name: 'event_id' },
    triggeredAt: { type: 'timestamptz', name: 'triggered_at', nullable: true },
    receivedAt: { type: 'timestamptz', name: 'received_at', createDate: true },
  },
});
