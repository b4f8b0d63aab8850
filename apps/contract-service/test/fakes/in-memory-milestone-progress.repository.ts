import type { MilestoneProgress, MilestoneStatus } from '../../src/domain/contract/milestone-progress';
import { MilestoneProgressRepository, type MilestoneProgressUpdate } from '../../src/application/ports/milestone-progress.repository';

/** Milestone statuses kept in a map, for use-case unit tests; the same ordering rule as the table. */
export class InMemoryMilestoneProgressRepository extends MilestoneProgressRepository {
  private readonly kept = new Map<string, MilestoneProgressUpdate>();

  async record(update: MilestoneProgressUpdate): Promise<boolean> {
    const key = `${update.contractId}#${update.milestoneIndex}`;
    const known = this.kept.get(key);
    if (known?.milestoneVersion != null && update.milestoneVersion != null && update.milestoneVersion < known.milestoneVersion) return false;
    this.kept.set(key, update);
    return true;
  }

  async ofContract(contractId: string): Promise<MilestoneProgress> {
    const progress = new Map<number, MilestoneStatus>();
    for (const update of this.kept.values()) {
      if (update.contractId === contractId) progress.set(update.milestoneIndex, update.status);
    }
    return progress;
  }

  async ofContracts(contractIds: readonly string[]): Promise<ReadonlyMap<string, MilestoneProgress>> {
    const byContract = new Map<string, MilestoneProgress>();
    for (const contractId of contractIds) {
      const progress = await this.ofContract(contractId);
      if (progress.size > 0) byContract.set(contractId, progress);
    }
    return byContract;
  }
}
