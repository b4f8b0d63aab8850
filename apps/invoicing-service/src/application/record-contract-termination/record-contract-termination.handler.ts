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
 * shows it). The settlement is carried out by milestone-service, which announces each milestone it
 * bills (milestone.status_updated `triggered_for_disbursement`, with what is billed of it:
 * IssueInvoiceHandler issues the draft, for a share when that is less than the milestone) and each
 * it cancels (`cancelled`: DiscardDraftHandler discards its draft). The last of them leaves no
 * draft, and the retainage withheld so far is released then, as at any final acceptance.
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
