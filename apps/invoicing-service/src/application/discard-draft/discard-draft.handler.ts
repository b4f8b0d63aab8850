import { Injectable } from '@nestjs/common';
import { UnitOfWork } from '@mb/kernel';
import { ContractTermsRepository } from '../ports/contract-terms.repository';
import { InvoiceRepository } from '../ports/invoice.repository';
import { ReleaseRetainageHandler } from '../release-retainage/release-retainage.handler';

export interface DiscardDraftCommand {
  readonly contractId: string;
  readonly milestoneIndex: number;
  /** When the milestone was cancelled: a retainage release this completes is dated by it. */
  readonly cancelledAt: Date;
  readonly causationId: string;
}

export type DiscardDraftOutcome = 'discarded' | 'already_discarded' | 'not_a_draft' | 'no_draft';

/**
 * A milestone was cancelled (on its own, or by its contract's termination, which milestone-service
 * announces as one cancellation per milestone it cancels): its draft invoice is discarded, so it
 * is never issued and no longer counts as unbilled. If that was the last milestone left to bill,
 * the contract's retainage is released now (ReleaseRetainageHandler, final acceptance), in the
 * same unit of work.
 */
@Injectable()
export class DiscardDraftHandler {
  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly invoices: InvoiceRepository,
    private readonly contracts: ContractTermsRepository,
    private readonly releaseRetainage: ReleaseRetainageHandler,
  ) {}

  async execute(command: DiscardDraftCommand): Promise<DiscardDraftOutcome> {
    return this.unitOfWork.run(async () => {
      const invoice = await this.invoices.findByMilestone(command.contractId, command.milestoneIndex, { forUpdate: true });
      if (!invoice) {
        // A milestone an amendment added has no draft until it is billed: nothing to discard. A
        // contract not known yet (the cancellation overtook contract.activated, on another topic)
        // is retried, then dead-lettered and replayable, rather than its draft left standing.
        if (await this.contracts.findById(command.contractId)) return 'no_draft';
        throw new Error(`contract ${command.contractId} is not known yet: milestone ${command.milestoneIndex}'s draft cannot be discarded`);
      }
      const outcome = invoice.discard();
      if (outcome !== 'discarded') return outcome;
      await this.invoices.save(invoice);
      await this.releaseRetainage.execute({ contractId: command.contractId, occasion: 'final_acceptance', occurredAt: command.cancelledAt, causationId: command.causationId });
      return 'discarded';
    });
  }
}
