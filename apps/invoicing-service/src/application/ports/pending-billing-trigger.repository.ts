/** A billing trigger that arrived before its contract's terms (the events travel on different topics). */
export interface PendingBillingTrigger {
  readonly contractId: string;
  readonly milestoneIndex: number;
  readonly milestoneId: string | null;
  readonly milestone: { readonly title: string; readonly amountCents: number; readonly currency: string };
  /** The event that made the milestone billable: the issued invoice's causation. */
  readonly eventId: string;
  /** When the milestone became billable: the invoice's date when it is issued later. */
  readonly triggeredAt: Date;
}

/** Triggers parked until their contract arrives. Writes join the open unit of work. */
export abstract class PendingBillingTriggerRepository {
  /** Parks a trigger; one already parked for the milestone is kept. */
  abstract park(trigger: PendingBillingTrigger): Promise<void>;
  /** Removes and returns the contract's parked triggers, in milestone order. */
  abstract takeAll(contractId: string): Promise<PendingBillingTrigger[]>;
}
