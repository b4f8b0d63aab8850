import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { calendarDateOf, newId, type OffsetClock } from '@mb/kernel';
import { OutboxWriter } from '@mb/messaging';
import { SERVICE_CLOCK } from '@mb/platform';
import { Invoice } from '../../domain/invoice/invoice';
import { invoiceSeriesOf, nextInvoiceNumber } from '../../domain/invoice/numbering';
import { ContractTermsRepository, InvoiceNumberSeries, InvoiceRepository, PendingBillingTriggers } from '../ports/invoicing.ports';
import { publishRecordedEvents } from '../publish-recorded-events';

export interface IssueInvoiceCommand {
  readonly contractId: string;
  readonly milestoneIndex: number;
  readonly milestoneId: string | null;
  /** The event that made the milestone billable. */
  readonly causationId: string;
  /** What the billing trigger says about the milestone, to prepare a draft the schedule did not have. */
  readonly milestone?: { readonly title: string; readonly amountCents: number; readonly currency: string };
}

export type IssueInvoiceOutcome = 'issued' | 'already_issued' | 'parked_until_contract_known';

/**
 * Issues a milestone's draft when the milestone becomes billable: numbered in the yearly series
 * (the counter row locked in this transaction), dated today by the service clock, due after the
 * contract's net days; invoice.issued goes out through the outbox in the same transaction.
 */
@Injectable()
export class IssueInvoice {
  constructor(
    private readonly invoices: InvoiceRepository,
    private readonly contracts: ContractTermsRepository,
    private readonly series: InvoiceNumberSeries,
    private readonly pending: PendingBillingTriggers,
    private readonly outbox: OutboxWriter,
    @Inject(SERVICE_CLOCK) private readonly clock: OffsetClock,
  ) {}

  async execute(manager: EntityManager, command: IssueInvoiceCommand): Promise<IssueInvoiceOutcome> {
    let invoice = await this.invoices.findByMilestone(manager, command.contractId, command.milestoneIndex, { forUpdate: true });
    if (!invoice) {
      const terms = await this.contracts.find(manager, command.contractId);
      if (!terms) {
        // contract.activated and milestone.status_updated travel on different topics, so the
        // trigger can overtake the contract. It is parked, and issued when the contract arrives
        // (PrepareDraftInvoices takes the parked triggers), rather than retried into a dead letter.
        if (!command.milestone) throw new Error(`contract ${command.contractId} is not known yet`);
        await this.pending.park(manager, {
          contractId: command.contractId,
          milestoneIndex: command.milestoneIndex,
          milestoneId: command.milestoneId,
          milestone: command.milestone,
          eventId: command.causationId,
        });
        return 'parked_until_contract_known';
      }
      if (!command.milestone) throw new Error(`contract ${command.contractId} has no draft invoice for milestone ${command.milestoneIndex}`);
      // A milestone the activated schedule did not have (added by an amendment): draft it now.
      invoice = Invoice.prepareDraft({
        id: newId('inv'),
        contractId: terms.contractId,
        clientId: terms.clientId,
        clientName: terms.clientName,
        contractTitle: terms.title,
        purchaseOrderRef: terms.purchaseOrderRef,
        milestoneIndex: command.milestoneIndex,
        milestoneTitle: command.milestone.title,
        amountCents: command.milestone.amountCents,
        currency: command.milestone.currency,
        netDays: terms.netDays,
        taxRateBps: terms.taxRateBps,
        retainageBps: terms.retainageBps,
      });
      await this.invoices.insert(manager, invoice);
      invoice = (await this.invoices.findById(manager, invoice.id, { forUpdate: true })) as Invoice;
    }
    // A milestone triggered again (redelivered by another path, or re-approved) bills only once.
    if (invoice.status !== 'draft') return 'already_issued';

    const issueDate = calendarDateOf(this.clock.now());
    const series = invoiceSeriesOf(issueDate);
    const next = nextInvoiceNumber(series, await this.series.lockLastSequence(manager, series));
    await this.series.advanceTo(manager, series, next.sequence);
    invoice.issue({ number: next.number, issueDate, milestoneId: command.milestoneId });
    await this.invoices.save(manager, invoice);
    await publishRecordedEvents(this.outbox, manager, invoice.pullEvents(), command.causationId);
    return 'issued';
  }
}
