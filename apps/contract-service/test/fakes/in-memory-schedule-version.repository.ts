import type { ScheduleVersion } from '../../src/domain/contract/schedule-version';
import { ScheduleVersionRepository } from '../../src/application/ports/schedule-version.repository';

/** Schedule versions in a list, for use-case unit tests; one per contract and number, as the table's key. */
export class InMemoryScheduleVersionRepository extends ScheduleVersionRepository {
  private readonly versions: ScheduleVersion[] = [];

  async add(version: ScheduleVersion): Promise<void> {
    if (this.versions.some((kept) => kept.contractId === version.contractId && kept.scheduleVersion === version.scheduleVersion)) {
      throw new Error(`contract ${version.contractId} already has schedule version ${version.scheduleVersion}`);
    }
    this.versions.push(version);
  }

  async listByContract(contractId: string): Promise<ScheduleVersion[]> {
    return this.versions.filter((version) => version.contractId === contractId).sort((a, b) => a.scheduleVersion - b.scheduleVersion);
  }

  async find(contractId: string, scheduleVersion: number): Promise<ScheduleVersion | null> {
    return this.versions.find((version) => version.contractId === contractId && version.scheduleVersion === scheduleVersion) ?? null;
  }
}
