import { Injectable } from '@nestjs/common';
import { UnitOfWork } from '@mb/kernel';
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
  ) {}

  async execute(update: MilestoneProgressUpdate): Promise<void> {
    await this.unitOfWork.run(async () => {
      await this.progress.record(update);
      // Issue 14 "contract completion" hooks in here, in the same unit of work: once every
      // milestone of the contract is settled (isSettled), the contract completes.
    });
  }
}
