import { Injectable } from '@nestjs/common';
import { isTimeZone, newId, startOfDayIn, Timers, UnitOfWork } from '@mb/kernel';
import { Invoice } from '../../domain/invoice/invoice';
import { IssueInvoiceHandler } from '../issue-invoice/issue-invoice.handler';
import { ContractTermsRepository, type ContractTerms } from '../ports/contract-terms.repository';
import { InvoiceRepository } from '../ports/invoice.repository';
import { PendingBillingTriggerRepository } from '../ports/pending-billing-trigger.repository';
import { RETAINAGE_RELEASE_DATE_TIMER } from '../release-retainage/release-retainage.handler';

/** A contract signed, as contract.activated tells it: its terms and the milestones of its schedule. */
export interface PrepareDraftInvoicesCommand {
  readonly contract: ContractTerms;
  readonly milestones: readonly {
    readonly milestoneIndex: number;
    readonly title: string;
    readonly amountCents: number;
    /** Its planned date at activation (YYYY-MM-DD), null when not planned: kept on the draft for the cash-flow forecast. */
    readonly plannedDate?: string | null;
  }[];
}

/**
 * At activation, one draft invoice (a template) per milestone, carrying the contract, PO and
 * milestone details, the milestone's planned date (for the cash-flow forecast) and the terms it
 * will be issued on; the contract's terms are kept for the
 * financial status. Billing triggers that arrived before the contract are issued right after, in
 * the same unit of work. A contract that withholds retainage and sets a retainage release date
 * gets its release timer, due at the start of that date in the client's zone.
 */
@Injectable()
export class PrepareDraftInvoicesHandler {
  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly invoices: InvoiceRepository,
    private readonly contracts: ContractTermsRepository,
    private readonly pending: PendingBillingTriggerRepository,
    private readonly issueInvoice: IssueInvoiceHandler,
    private readonly timers: Timers,
  ) {}

  async execute(command: PrepareDraftInvoicesCommand): Promise<{ drafts: number; issued: number }> {
    const { contract } = command;
    // A zone this runtime cannot date by would fail every invoice of the contract at issue; better
    // to refuse the activation now (a dead letter, replayable once the runtime knows the zone).
    if (!isTimeZone(contract.clientTimeZone)) throw new Error(`contract ${contract.contractId}: unknown client time zone "${contract.clientTimeZone}"`);
    return this.unitOfWork.run(async () => {
      await this.contracts.remember(contract);
      let drafts = 0;
      for (const milestone of command.milestones) {
        const draft = Invoice.prepareDraft({
          id: newId('inv'),
          contractId: contract.contractId,
          clientId: contract.clientId,
          clientName: contract.clientName,
          clientTimeZone: contract.clientTimeZone,
          contractTitle: contract.title,
          purchaseOrderRef: contract.purchaseOrderRef,
          milestoneIndex: milestone.milestoneIndex,
          milestoneTitle: milestone.title,
          amountCents: milestone.amountCents,
          currency: contract.currency,
          netDays: contract.netDays,
          taxRateBps: contract.taxRateBps,
          retainageBps: contract.retainageBps,
          plannedDate: milestone.plannedDate ?? null,
          scheduleVersion: contract.scheduleVersion,
        });
        // A redelivered activation finds its drafts already there and adds none.
        if (await this.invoices.add(draft)) drafts += 1;
      }
      if (contract.retainageReleaseDate !== null && contract.retainageBps > 0) {
        await this.timers.schedule(RETAINAGE_RELEASE_DATE_TIMER, contract.contractId, startOfDayIn(contract.retainageReleaseDate, contract.clientTimeZone), {
          retainage_release_date: contract.retainageReleaseDate,
        });
      }
      let issued = 0;
      for (const trigger of await this.pending.takeAll(contract.contractId)) {
        // Joins this unit of work: the drafts, the parked triggers' removal and their invoices commit together.
        const outcome = await this.issueInvoice.execute({
          contractId: trigger.contractId,
          milestoneIndex: trigger.milestoneIndex,
          milestoneId: trigger.milestoneId,
          milestone: trigger.milestone,
          causationId: trigger.eventId,
          triggeredAt: trigger.triggeredAt,
        });
        if (outcome === 'issued') issued += 1;
      }
      return { drafts, issued };
    });
  }
}
