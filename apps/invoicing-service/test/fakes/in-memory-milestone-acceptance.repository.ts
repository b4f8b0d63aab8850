import { type MilestoneAcceptance, MilestoneAcceptanceRepository, type MilestoneAcceptanceUpdate } from '../../src/application/ports/milestone-acceptance.repository';

/** Milestone acceptances kept in a map, merged as the table merges them. */
export class InMemoryMilestoneAcceptanceRepository extends MilestoneAcceptanceRepository {
  private readonly acceptances = new Map<string, MilestoneAcceptance>();

  async record(update: MilestoneAcceptanceUpdate): Promise<void> {
    const key = `${update.contractId}|${update.milestoneIndex}`;
    const known = this.acceptances.get(key);
    this.acceptances.set(key, {
      contractId: update.contractId,
      milestoneIndex: update.milestoneIndex,
      evidenceUrl: update.evidenceUrl ?? known?.evidenceUrl ?? null,
      acceptedAt: update.acceptedAt ?? known?.acceptedAt ?? null,
      deemedAccepted: (known?.deemedAccepted ?? false) || (update.deemedAccepted ?? false),
    });
  }

  async find(contractId: string, milestoneIndex: number): Promise<MilestoneAcceptance | null> {
    return this.acceptances.get(`${contractId}|${milestoneIndex}`) ?? null;
  }
}
