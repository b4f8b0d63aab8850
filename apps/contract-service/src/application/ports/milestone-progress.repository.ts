import type { MilestoneProgress, MilestoneStatus } from '../../domain/contract/milestone-progress';

/** One milestone.status_updated, as the contract's progress view keeps it. */
export interface MilestoneProgressUpdate {
  readonly contractId: string;
  readonly milestoneIndex: number;
  /** milestone-service's id of the milestone, when the event names it. */
  readonly milestoneId: string | null;
  readonly status: MilestoneStatus;
  /** The milestone's version after the transition, when the event carries it: orders transitions. */
  readonly milestoneVersion: number | null;
  /** When the transition happened. */
  readonly updatedAt: Date;
  /** The event that told it. */
  readonly eventId: string;
}

/** Milestones' statuses as heard, one per milestone of a contract. Writes join the open unit of work. */
export abstract class MilestoneProgressRepository {
  /**
   * Keeps the update as the milestone's status, unless an update of a later milestone version is
   * already kept (a transition that arrives late, e.g. replayed from a dead-letter topic, does not
   * roll the status back). Answers whether it was kept.
   */
  abstract record(update: MilestoneProgressUpdate): Promise<boolean>;
  abstract ofContract(contractId: string): Promise<MilestoneProgress>;
  /** Progress of several contracts at once, by contract id; a contract nothing was heard of is absent. */
  abstract ofContracts(contractIds: readonly string[]): Promise<ReadonlyMap<string, MilestoneProgress>>;
}
