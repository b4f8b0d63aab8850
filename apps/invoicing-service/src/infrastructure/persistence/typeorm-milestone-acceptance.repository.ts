import { Injectable } from '@nestjs/common';
import { TypeOrmUnitOfWork } from '@mb/messaging';
import { type MilestoneAcceptance, MilestoneAcceptanceRepository, type MilestoneAcceptanceUpdate } from '../../application/ports/milestone-acceptance.repository';
import { MilestoneAcceptanceEntity } from './milestone-acceptance.orm-entity';

@Injectable()
export class TypeOrmMilestoneAcceptanceRepository extends MilestoneAcceptanceRepository {
  constructor(private readonly unitOfWork: TypeOrmUnitOfWork) {
    super();
  }

  async record(update: MilestoneAcceptanceUpdate): Promise<void> {
    // One statement, so that two events of one milestone handled at once merge rather than race.
    await this.unitOfWork.currentManager().query(
      `INSERT INTO invoicing.milestone_acceptances AS known (contract_id, milestone_index, evidence_url, accepted_at, deemed_accepted)
       VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (contract_id, milestone_index) DO UPDATE SET
         evidence_url = COALESCE(EXCLUDED.evidence_url, known.evidence_url),
         accepted_at = COALESCE(EXCLUDED.accepted_at, known.accepted_at),
         deemed_accepted = known.deemed_accepted OR EXCLUDED.deemed_accepted`,
      [update.contractId, update.milestoneIndex, update.evidenceUrl ?? null, update.acceptedAt ?? null, update.deemedAccepted ?? false],
    );
  }

  async find(contractId: string, milestoneIndex: number): Promise<MilestoneAcceptance | null> {
    const record = await this.unitOfWork.readManager().findOneBy(MilestoneAcceptanceEntity, { contractId, milestoneIndex });
    if (!record) return null;
    return { ...record, acceptedAt: record.acceptedAt?.toISOString() ?? null };
  }
}
