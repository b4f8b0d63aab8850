import { Injectable } from '@nestjs/common';
import { UnitOfWork } from '@mb/kernel';
import { MilestoneAcceptanceRepository, type MilestoneAcceptanceUpdate } from '../ports/milestone-acceptance.repository';

/**
 * Keeps what a milestone event says of its acceptance (the evidence submitted, the approval and
 * whether it was deemed), for the invoice document to show. An event that says nothing of it
 * changes nothing.
 */
@Injectable()
export class RecordMilestoneAcceptanceHandler {
  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly acceptances: MilestoneAcceptanceRepository,
  ) {}

  async execute(update: MilestoneAcceptanceUpdate): Promise<void> {
    if (!update.evidenceUrl && !update.acceptedAt) return;
    await this.unitOfWork.run(() => this.acceptances.record(update));
  }
}
