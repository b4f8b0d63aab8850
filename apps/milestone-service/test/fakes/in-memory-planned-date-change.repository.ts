import { type PlannedDateChangeEntry, PlannedDateChangeRepository } from '../../src/application/ports/planned-date-change.repository';

/** The planned-date history in memory, for unit tests. */
export class InMemoryPlannedDateChangeRepository extends PlannedDateChangeRepository {
  readonly entries: PlannedDateChangeEntry[] = [];

  async add(change: PlannedDateChangeEntry): Promise<void> {
    if (this.entries.some((entry) => entry.id === change.id)) throw new Error(`planned date change ${change.id} already exists`);
    this.entries.push({ ...change });
  }

  async listByMilestone(milestoneId: string): Promise<PlannedDateChangeEntry[]> {
    return this.entries.filter((entry) => entry.milestoneId === milestoneId).sort((a, b) => a.changedAt.getTime() - b.changedAt.getTime());
  }
}
