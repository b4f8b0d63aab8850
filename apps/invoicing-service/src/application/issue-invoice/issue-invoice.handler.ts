import { Injectable } from '@nestjs/common';
import { newId, startOfDayIn, Timers, UnitOfWork } from '@mb/kernel';
import { issueDateOf } from '../../domain/invoice/due-date';
import { EventOutbox } from '@mb/messaging';
import { Invoice } from '../../domain/invoice/invoice';
import { invoiceNumberAt, invoiceSeriesOf } from '../../domain/invoice/numbering';
import { INVOICE_OVERDUE_TIMER } from '../announce-invoice-overdue/announce-invoice-overdue.handler';
import { PaymentReminderScheduler } from '../ports/payment-reminder-scheduler.port';
import { invoiceCatalogueEvents } from '../events/invoice.events';
import { ClientBalanceRepository } from '../ports/client-balance.repository';
import { ContractTermsRepository } from '../ports/contract-terms.repository';
import { InvoiceNumberSeriesRepository } from '../ports/invoice-number-series.repository';
import { InvoiceRepository } from '../ports/invoice.repository';
import { PaymentRepository } from '../ports/payment.repository';
import { PendingBillingTriggerRepository } from '../ports/pending-billing-trigger.repository';
import { ReleaseRetainageHandler } from '../release-retainage/release-retainage.handler';

export interface IssueInvoiceCommand {
  readonly contractId: string;
  readonly milestoneIndex: number;
  readonly milestoneId: string | null;
  /** The event that made the milestone billable. */
  readonly causationId: string;
  /**
   * When the milestone became billable (the event's `occurred_at`): the invoice is dated by it, not
   * by when this consumer happened to run, so a trigger on 31 December handled after midnight is
   * still dated 31 December (in the client's time zone) and numbered in that year's series.
   */
  readonly triggeredAt: Date;
  /** What the billing trigger says about the milestone, to prepare a draft the schedule did not have. */
  readonly milestone?: { readonly title: string; readonly amountCents: number; readonly currency: string };
  /** A termination bills the milestone for this agreed share of its amount only (issue 14); absent otherwise. */
  readonly billedShareCents?: number;
}

export type IssueInvoiceOutcome = 'issued' | 'already_issued' | 'discarded' | 'parked_until_contract_known';

/**
 * Issues a milestone's draft when the milestone becomes billable: numbered in the yearly series
 * (the counter held locked in this unit of work), dated by when its trigger occurred (the client's
 * calendar date then, in its time zone), due after the contract's net days. In the same unit of
 * work invoice.issued goes out through the outbox and the invoice's overdue timer is set, for the
 * start of the day after its due date in the client's zone. The client's unapplied credit in the
 * invoice's currency, if any, is applied to it at issue (issue 10), and the invoice is paid at once
 * if the credit covers it. If it was the last milestone left to bill, the contract's retainage is
 * released right after it (ReleaseRetainageHandler, final acceptance), in the same unit of work.
 */
@Injectable()
export class IssueInvoiceHandler {
  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly invoices: InvoiceRepository,
    private readonly contracts: ContractTermsRepository,
    private readonly series: InvoiceNumberSeriesRepository,
    private readonly pending: PendingBillingTriggerRepository,
    private readonly balances: ClientBalanceRepository,
    private readonly payments: PaymentRepository,
    private readonly outbox: EventOutbox,
    private readonly timers: Timers,
    private readonly releaseRetainage: ReleaseRetainageHandler,
    private readonly reminders: PaymentReminderScheduler,
  ) {}

  async execute(command: IssueInvoiceCommand): Promise<IssueInvoiceOutcome> {
    return this.unitOfWork.run(async () => {
      const invoice = await this.draftOf(command);
      if (!invoice) return 'parked_until_contract_known';
      // The milestone was cancelled before this trigger was handled: its draft stays discarded.
      if (invoice.status === 'discarded') return 'discarded';
      // A milestone triggered again (redelivered by another path, or re-approved) bills only once.
      if (invoice.status !== 'draft') return 'already_issued';
      // A termination billed unfinished work for an agreed share (issue 14): the draft bills that share.
      if (command.billedShareCents !== undefined && command.billedShareCents < invoice.snapshot().subtotalCents) invoice.billShareOnly(command.billedShareCents);

      const issueDate = issueDateOf(command.triggeredAt, invoice.snapshot().clientTimeZone);
      const series = invoiceSeriesOf(issueDate);
      const { clientId, currency, contractId, clientTimeZone } = invoice.snapshot();
      // The client's unapplied credit in the invoice's currency goes to its next invoice (issue 10).
      // Locked before the number, in the order ReleaseRetainageHandler takes them too (no deadlock).
      const credit = await this.balances.lockIfAny(clientId, currency);
      // The number as late as the invoice allows, in one statement: the series' counter stays locked
      // until commit and every issue of the year waits on it; what follows needs the issued invoice.
      const next = invoiceNumberAt(series, await this.series.takeNextSequence(series));
      const creditAppliedCents = invoice.issue({ number: next.number, issueDate, milestoneId: command.milestoneId, creditAvailableCents: credit?.unappliedCents ?? 0 });
      await this.invoices.save(invoice);
      if (credit && creditAppliedCents > 0) {
        credit.take(creditAppliedCents);
        await this.balances.save(credit);
        await this.payments.addCreditAllocation({
          id: newId('pal'),
          invoiceId: invoice.id,
          contractId,
          clientId,
          currency,
          amountCents: creditAppliedCents,
          allocatedAt: startOfDayIn(issueDate, clientTimeZone),
        });
      }
      await this.outbox.recordAll(invoiceCatalogueEvents(invoice.pullEvents(), invoice.snapshot()), { causationId: command.causationId });
      // An invoice with nothing to pay is settled at issue and never falls overdue.
      const fallsOverdueAt = invoice.fallsOverdueAt;
      if (fallsOverdueAt) await this.timers.schedule(INVOICE_OVERDUE_TIMER, invoice.id, fallsOverdueAt, { due_date: invoice.snapshot().dueDate });
      // Its payment reminders (issue 11): before, on and after the due date, per its policy.
      await this.reminders.planFor(invoice);
      await this.releaseRetainage.execute({ contractId: command.contractId, occasion: 'final_acceptance', occurredAt: command.triggeredAt, causationId: command.causationId });
      return 'issued';
    });
  }

  /**
   * The milestone's invoice, locked: the draft prepared at activation, or one drafted now from the
   * trigger for a milestone the activated schedule did not have (added by an amendment). Null when
   * the contract is not known yet and the trigger was parked.
   */
  private async draftOf(command: IssueInvoiceCommand): Promise<Invoice | null> {
    const existing = await this.invoices.findByMilestone(command.contractId, command.milestoneIndex, { forUpdate: true });
    if (existing) return existing;
    const terms = await this.contracts.findById(command.contractId);
    if (!terms) {
      // contract.activated and milestone.status_updated travel on different topics, so the
      // trigger can overtake the contract. It is parked, and issued when the contract arrives
      // (PrepareDraftInvoicesHandler takes the parked triggers), rather than retried into a dead letter.
      if (!command.milestone) throw new Error(`contract ${command.contractId} is not known yet`);
      await this.pending.park({
        contractId: command.contractId,
        milestoneIndex: command.milestoneIndex,
        milestoneId: command.milestoneId,
        milestone: command.milestone,
        eventId: command.causationId,
        triggeredAt: command.triggeredAt,
      });
      return null;
    }
    if (!command.milestone) throw new Error(`contract ${command.contractId} has no draft invoice for milestone ${command.milestoneIndex}`);
    await this.invoices.add(
      Invoice.prepareDraft({
        id: newId('inv'),
        contractId: terms.contractId,
        clientId: terms.clientId,
        clientName: terms.clientName,
        clientTimeZone: terms.clientTimeZone,
        contractTitle: terms.title,
        purchaseOrderRef: terms.purchaseOrderRef,
        milestoneIndex: command.milestoneIndex,
        milestoneTitle: command.milestone.title,
        amountCents: command.milestone.amountCents,
        currency: command.milestone.currency,
        netDays: terms.netDays,
        taxRateBps: terms.taxRateBps,
        retainageBps: terms.retainageBps,
        scheduleVersion: terms.scheduleVersion,
      }),
    );
    // Loaded back (locked, at its stored version), whether this draft or a concurrent one was kept.
    const drafted = await this.invoices.findByMilestone(command.contractId, command.milestoneIndex, { forUpdate: true });
    if (!drafted) throw new Error(`the draft for milestone ${command.milestoneIndex} of contract ${command.contractId} was not kept`);
    return drafted;
  }
}
