import { Injectable } from '@nestjs/common';
import { UnitOfWork } from '@mb/kernel';
import { isSettled } from '../../domain/contract/milestone-progress';
import { CompleteContractHandler } from '../complete-contract/complete-contract.handler';
import { MilestoneProgressRepository, type MilestoneProgressUpdate } from '../ports/milestone-progress.repository';

/**
 * Keeps what milestone-service announced of a milestone's status, so the contract knows which
 * milestones are billed or triggered (out of a change order's reach) and which are settled.
 * Runs in the consumer's unit of work, with the inbox record: a redelivered event changes nothing.
 */
@Injectable()
export class RecordMilestoneProgressHandler {
  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly progress: MilestoneProgressRepository,
    private readonly completeContract: CompleteContractHandler,
  ) {}

  async execute(update: MilestoneProgressUpdate): Promise<void> {
    await this.unitOfWork.run(async () => {
      const kept = await this.progress.record(update);
      // Issue 14 "contract completion", in the same unit of work: a milestone just settled (paid or
      // cancelled) may be the contract's last one.
      if (kept && isSettled(update.status)) await this.completeContract.execute(update.contractId, update.eventId);
    });
  }
}
