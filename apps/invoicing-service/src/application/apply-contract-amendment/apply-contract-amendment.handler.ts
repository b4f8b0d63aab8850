import { Injectable } from '@nestjs/common';
import { newId, UnitOfWork } from '@mb/kernel';
import { Invoice } from '../../domain/invoice/invoice';
import { DiscardDraftHandler } from '../discard-draft/discard-draft.handler';
import { type AmendedContractTerms, ContractTermsRepository } from '../ports/contract-terms.repository';
import { InvoiceRepository } from '../ports/invoice.repository';

/** A change order approved, as contract.amended (version 3) tells it. */
export interface ApplyContractAmendmentCommand {
  readonly contractId: string;
  /** The contract's terms under the new schedule version. */
  readonly terms: AmendedContractTerms;
  /** The whole schedule after the change: removed milestones are not in it. */
  readonly milestones: readonly {
    readonly milestoneIndex: number;
    readonly title: string;
    readonly amountCents: number;
    readonly plannedDate: string | null;
  }[];
  /** The milestones the change order removed. */
  readonly removedMilestoneIndexes: readonly number[];
  /** When the change order took effect: a retainage release the removals complete is dated by it. */
  readonly amendedAt: Date;
  readonly causationId: string;
}

export type ContractAmendmentOutcome =
  | { readonly applied: false }
  | { readonly applied: true; readonly drafted: number; readonly revised: number; readonly discarded: number };

/**
 * Issue 14: a change order was approved (contract.amended). In the consumer's unit of work (with
 * the inbox record), invoicing's copy of the contract takes the new version's terms (total, net
 * days, tax, retainage, schedule version: the financial status's value follows the new total), and
 * the drafts follow the new schedule:
 * - added milestone: a draft prepared as at activation, under the new version;
 * - removed milestone: its draft discarded, as a cancellation discards it (DiscardDraftHandler);
 * - every milestone still to bill: its draft revised to the new amount, title, planned date, net
 *   days, tax and retainage (a changed milestone is later issued at the new amount, under the new
 *   version; one the change order did not touch just takes the new version and terms).
 * Issued invoices never change. An amendment of a version the contract already holds (told again)
 * changes nothing; one that overtakes the contract's activation (another topic) is retried, then
 * dead-lettered and replayable.
 */
@Injectable()
export class ApplyContractAmendmentHandler {
  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly contracts: ContractTermsRepository,
    private readonly invoices: InvoiceRepository,
    private readonly discardDraft: DiscardDraftHandler,
  ) {}

  async execute(command: ApplyContractAmendmentCommand): Promise<ContractAmendmentOutcome> {
    return this.unitOfWork.run(async () => {
      const { terms } = command;
      // Locked: the contract's other writers (a retainage release) wait for the amendment.
      const contract = await this.contracts.findById(command.contractId, { forUpdate: true });
      if (!contract) throw new Error(`contract ${command.contractId} is not known yet: its amendment to version ${terms.scheduleVersion} cannot be applied`);
      if (contract.scheduleVersion >= terms.scheduleVersion) return { applied: false };
      await this.contracts.amend(command.contractId, terms);

      let discarded = 0;
      for (const milestoneIndex of command.removedMilestoneIndexes) {
        const outcome = await this.discardDraft.execute({ contractId: command.contractId, milestoneIndex, cancelledAt: command.amendedAt, causationId: command.causationId });
        if (outcome === 'discarded') discarded += 1;
      }
      let drafted = 0;
      let revised = 0;
      for (const milestone of command.milestones) {
        const revision = {
          milestoneTitle: milestone.title,
          amountCents: milestone.amountCents,
          netDays: terms.netDays,
          taxRateBps: terms.taxRateBps,
          retainageBps: terms.retainageBps,
          plannedDate: milestone.plannedDate,
          scheduleVersion: terms.scheduleVersion,
        };
        const invoice = await this.invoices.findByMilestone(command.contractId, milestone.milestoneIndex, { forUpdate: true });
        if (!invoice) {
          await this.invoices.add(
            Invoice.prepareDraft({
              id: newId('inv'),
              contractId: command.contractId,
              clientId: contract.clientId,
              clientName: terms.clientName,
              clientTimeZone: terms.clientTimeZone,
              contractTitle: terms.title,
              purchaseOrderRef: terms.purchaseOrderRef,
              milestoneIndex: milestone.milestoneIndex,
              currency: terms.currency,
              ...revision,
            }),
          );
          drafted += 1;
          continue;
        }
        if (invoice.reviseDraft(revision) !== 'revised') continue;
        await this.invoices.save(invoice);
        revised += 1;
      }
      return { applied: true, drafted, revised, discarded };
    });
  }
}
