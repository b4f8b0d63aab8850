import type { ScheduleVersion } from '../../domain/contract/schedule-version';

/** Where every agreed version of a contract's schedule is kept. Writes join the open unit of work. */
export abstract class ScheduleVersionRepository {
  abstract add(version: ScheduleVersion): Promise<void>;
  /** The contract's versions, oldest first; none for an unknown contract. */
  abstract listByContract(contractId: string): Promise<ScheduleVersion[]>;
  abstract find(contractId: string, scheduleVersion: number): Promise<ScheduleVersion | null>;
}
