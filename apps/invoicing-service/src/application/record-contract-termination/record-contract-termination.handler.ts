import { Injectable } from '@nestjs/common';
import { UnitOfWork } from '@mb/kernel';
import { ContractTermsRepository } from '../ports/contract-terms.repository';

export interface RecordContractTerminationCommand {
  readonly contractId: string;
  readonly terminatedAt: string;
  readonly reason: string;
}

/**
 * contract.terminated: invoicing records when the contract was terminated (the financial status
 * shows it). The drafts are not discarded here: termination cancels only the milestones not yet
 * billable (planned, in progress, rejected), submitted and approved ones stay billable, and only
 * milestone-service knows which is which; it announces each cancellation
 * (milestone.status_updated `cancelled`), and DiscardDraftHandler discards that milestone's draft.
 */
@Injectable()
export class RecordContractTerminationHandler {
  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly contracts: ContractTermsRepository,
  ) {}

  async execute(command: RecordContractTerminationCommand): Promise<void> {
    await this.unitOfWork.run(async () => {
      const known = await this.contracts.recordTermination(command.contractId, { terminatedAt: command.terminatedAt, reason: command.reason });
      // A contract is terminated only once active, so its activation is on its way (another topic):
      // retried, then dead-lettered and replayable.
      if (!known) throw new Error(`contract ${command.contractId} is not known yet: its termination cannot be recorded`);
    });
  }
}
