import { Injectable } from '@nestjs/common';
import { In } from 'typeorm';
import { TypeOrmUnitOfWork } from '@mb/messaging';
import type { MilestoneProgress, MilestoneStatus } from '../../domain/contract/milestone-progress';
import { MilestoneProgressRepository, type MilestoneProgressUpdate } from '../../application/ports/milestone-progress.repository';
import { MilestoneProgressEntity } from './milestone-progress.orm-entity';

@Injectable()
export class TypeOrmMilestoneProgressRepository extends MilestoneProgressRepository {
  constructor(private readonly unitOfWork: TypeOrmUnitOfWork) {
    super();
  }

  async record(update: MilestoneProgressUpdate): Promise<boolean> {
    // One statement, so two events of one milestone handled at once do not race. An update
    // without a version (older producers) is kept as the latest, as the topic's order delivered it.
    const kept: unknown[] = await this.unitOfWork.currentManager().query(
      `INSERT INTO contract.milestone_progress AS known (contract_id, milestone_index, milestone_id, status, milestone_version, updated_at, last_event_id)
       VALUES ($1, $2, $3, $4, $5, $6, $7)
       ON CONFLICT (contract_id, milestone_index) DO UPDATE SET
         milestone_id = COALESCE(EXCLUDED.milestone_id, known.milestone_id),
         status = EXCLUDED.status,
         milestone_version = COALESCE(EXCLUDED.milestone_version, known.milestone_version),
         updated_at = EXCLUDED.updated_at,
         last_event_id = EXCLUDED.last_event_id
       WHERE known.milestone_version IS NULL OR EXCLUDED.milestone_version IS NULL OR EXCLUDED.milestone_version >= known.milestone_version
       RETURNING 1`,
      [update.contractId, update.milestoneIndex, update.milestoneId, update.status, update.milestoneVersion, update.updatedAt, update.eventId],
    );
    return kept.length > 0;
  }

  async ofContract(contractId: string): Promise<MilestoneProgress> {
    return (await this.ofContracts([contractId])).get(contractId) ?? new Map();
  }

  async ofContracts(contractIds: readonly string[]): Promise<ReadonlyMap<string, MilestoneProgress>> {
    if (contractIds.length === 0) return new Map();
    const rows = await this.unitOfWork.readManager().findBy(MilestoneProgressEntity, { contractId: In([...contractIds]) });
    const byContract = new Map<string, Map<number, MilestoneStatus>>();
    for (const row of rows) {
      const progress = byContract.get(row.contractId) ?? new Map<number, MilestoneStatus>();
      progress.set(row.milestoneIndex, row.status);
      byContract.set(row.contractId, progress);
    }
    return byContract;
  }
}
