import { Injectable } from '@nestjs/common';
import { UnitOfWork } from '@mb/kernel';
import { ReleaseRetainageHandler, type ReleaseRetainageOutcome } from '../release-retainage/release-retainage.handler';

export interface CompleteContractCommand {
  readonly contractId: string;
  readonly completedAt: Date;
  readonly causationId: string;
}

/**
 * contract.completed (issue 14 item 3): every milestone is paid or cancelled, so the retainage
 * still held is due. The last billing trigger or cancellation normally released it already (final
 * acceptance); this releases whatever is left, dated by the completion, and releases nothing twice.
 */
@Injectable()
export class CompleteContractHandler {
  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly releaseRetainage: ReleaseRetainageHandler,
  ) {}

  async execute(command: CompleteContractCommand): Promise<ReleaseRetainageOutcome> {
    return this.unitOfWork.run(() =>
      this.releaseRetainage.execute({ contractId: command.contractId, occasion: 'final_acceptance', occurredAt: command.completedAt, causationId: command.causationId }),
    );
  }
}
