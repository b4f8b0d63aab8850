/**
 * How a milestone was accepted, as invoicing heard it from milestone.status_updated: the evidence
 * its work was submitted with, and when it was approved (by the client, or deemed accepted when
 * the approval window closed). The invoice PDF shows it as the milestone's acceptance evidence.
 */
export interface MilestoneAcceptance {
  readonly contractId: string;
  readonly milestoneIndex: number;
  readonly evidenceUrl: string | null;
  /** ISO instant of the approval; null when none was heard (an on_signing or on_completion milestone). */
  readonly acceptedAt: string | null;
  readonly deemedAccepted: boolean;
}

/** What one event tells of a milestone's acceptance; what it leaves out stays as known. */
export interface MilestoneAcceptanceUpdate {
  readonly contractId: string;
  readonly milestoneIndex: number;
  readonly evidenceUrl?: string | null;
  readonly acceptedAt?: string | null;
  readonly deemedAccepted?: boolean;
}

/** Milestones' acceptance evidence. Writes join the open unit of work; "not found" is null. */
export abstract class MilestoneAcceptanceRepository {
  /** Merges an update into what is known: a later event without evidence keeps the evidence known. */
  abstract record(update: MilestoneAcceptanceUpdate): Promise<void>;
  abstract find(contractId: string, milestoneIndex: number): Promise<MilestoneAcceptance | null>;
}
