import { Injectable } from '@nestjs/common';
import { Timers, UnitOfWork } from '@mb/kernel';
import { APPROVAL_TIMERS } from '../../domain/milestone/approval-window.policy';
import { MILESTONE_TIMERS } from '../../domain/milestone/planned-date.policy';
import { MilestoneRepository } from '../ports/milestone.repository';

/**
 * A contract completed (issue 14 item 3): every milestone is paid or cancelled, so no planned date,
 * billing date or approval window of it is awaited any more; any timer still set is closed.
 */
@Injectable()
export class CloseCompletedContractHandler {
  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly milestones: MilestoneRepository,
    private readonly timers: Timers,
  ) {}

  async execute(contractId: string): Promise<void> {
    await this.unitOfWork.run(async () => {
      for (const milestone of await this.milestones.listByContract(contractId)) {
        for (const timer of [...Object.values(MILESTONE_TIMERS), ...Object.values(APPROVAL_TIMERS)]) await this.timers.cancel(timer, milestone.id);
      }
    });
  }
}
