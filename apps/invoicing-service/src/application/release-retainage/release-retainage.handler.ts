import { Injectable } from '@nestjs/common';
import { newId, startOfDayIn, Timers, UnitOfWork } from '@mb/kernel';
import { EventOutbox } from '@mb/messaging';
import { issueDateOf } from '../../domain/invoice/due-date';
import { Invoice, type InvoiceSnapshot } from '../../domain/invoice/invoice';
import { invoiceNumberAt, invoiceSeriesOf } from '../../domain/invoice/numbering';
import { retainageToRelease, type RetainageReleaseOccasion } from '../../domain/invoice/retainage-release';
import { INVOICE_OVERDUE_TIMER } from '../announce-invoice-overdue/announce-invoice-overdue.handler';
import { PaymentReminderScheduler } from '../ports/payment-reminder-scheduler.port';
import { invoiceCatalogueEvents } from '../events/invoice.events';
import { ClientBalanceRepository } from '../ports/client-balance.repository';
import { ContractTermsRepository } from '../ports/contract-terms.repository';
import { CreditNoteRepository } from '../ports/credit-note.repository';
import { InvoiceNumberSeriesRepository } from '../ports/invoice-number-series.repository';
import { InvoiceRepository } from '../ports/invoice.repository';
import { PaymentRepository } from '../ports/payment.repository';

/**
 * The timer a contract with retainage and a retainage release date has, keyed by the contract id:
 * set at activation for the start of that date in the client's time zone.
 */
export const RETAINAGE_RELEASE_DATE_TIMER = 'invoicing.retainage_release_date';

export interface ReleaseRetainageCommand {
  readonly contractId: string;
  readonly occasion: RetainageReleaseOccasion;
  /** When the occasion occurred (the last billing trigger, or the start of the release date): the release is dated by it in the client's zone. */
  readonly occurredAt: Date;
  /** The event or timer that led here. */
  readonly causationId?: string;
}

export type ReleaseRetainageOutcome = 'released' | 'nothing_to_release';

/**
 * Issues a retainage release when the rule (domain/invoice/retainage-release.ts) finds retainage
 * to bill: a retainage_release invoice with a line per invoice released, numbered in the same
 * yearly INV series as any invoice (the counter locked in this unit of work), dated by the
 * occasion in the client's zone and due after the contract's net days; the client's unapplied
 * credit is applied at issue, invoice.issued goes out through the outbox and the overdue timer is
 * set, as for any invoice (IssueInvoiceHandler). What an invoice's credit notes gave back of its
 * retainage is not released.
 *
 * Exactly once: the contract is locked first, so two occasions at once (the release date's timer
 * and a final acceptance) run one after the other and the second finds the retainage released;
 * and the retainage_releases primary key refuses a second release of any invoice's retainage
 * (its unit of work, number included, rolls back). A redelivered event never gets here twice
 * (inbox).
 */
@Injectable()
export class ReleaseRetainageHandler {
  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly invoices: InvoiceRepository,
    private readonly contracts: ContractTermsRepository,
    private readonly series: InvoiceNumberSeriesRepository,
    private readonly creditNotes: CreditNoteRepository,
    private readonly balances: ClientBalanceRepository,
    private readonly payments: PaymentRepository,
    private readonly outbox: EventOutbox,
    private readonly timers: Timers,
    private readonly reminders: PaymentReminderScheduler,
  ) {}

  async execute(command: ReleaseRetainageCommand): Promise<ReleaseRetainageOutcome> {
    return this.unitOfWork.run(async () => {
      const contract = await this.contracts.findById(command.contractId, { forUpdate: true });
      // Invoices belong to a known contract (a foreign key) and the timer is set at activation:
      // a contract not known has withheld nothing.
      if (!contract) return 'nothing_to_release';
      const contractInvoices = (await this.invoices.findByContract(command.contractId)).map((invoice) => invoice.snapshot());
      const released = retainageToRelease(contractInvoices, command.occasion, await this.retainageCreditedOn(contractInvoices));
      if (released.length === 0) return 'nothing_to_release';

      const id = newId('inv');
      const draft = Invoice.prepareRetainageRelease({
        id,
        contractId: contract.contractId,
        clientId: contract.clientId,
        clientName: contract.clientName,
        clientTimeZone: contract.clientTimeZone,
        contractTitle: contract.title,
        purchaseOrderRef: contract.purchaseOrderRef,
        currency: contract.currency,
        netDays: contract.netDays,
        scheduleVersion: contract.scheduleVersion,
        released,
      });
      if (!(await this.invoices.add(draft))) throw new Error(`the retainage release ${id} of contract ${command.contractId} was not kept`);
      // Loaded back at its stored version, to be issued in this same unit of work.
      const release = await this.invoices.findById(id, { forUpdate: true });
      if (!release) throw new Error(`the retainage release ${id} of contract ${command.contractId} was not kept`);

      const issueDate = issueDateOf(command.occurredAt, contract.clientTimeZone);
      const series = invoiceSeriesOf(issueDate);
      const { clientId, currency, contractId, clientTimeZone } = release.snapshot();
      // The client's unapplied credit in the invoice's currency goes to its next invoice (issue 10), a release too.
      // Locked before the number, as IssueInvoiceHandler does (the same order: no deadlock between them).
      const credit = await this.balances.lockIfAny(clientId, currency);
      const next = invoiceNumberAt(series, await this.series.takeNextSequence(series));
      const creditAppliedCents = release.issue({ number: next.number, issueDate, creditAvailableCents: credit?.unappliedCents ?? 0 });
      await this.invoices.save(release);
      if (credit && creditAppliedCents > 0) {
        credit.take(creditAppliedCents);
        await this.balances.save(credit);
        await this.payments.addCreditAllocation({
          id: newId('pal'),
          invoiceId: release.id,
          contractId,
          clientId,
          currency,
          amountCents: creditAppliedCents,
          allocatedAt: startOfDayIn(issueDate, clientTimeZone),
        });
      }
      await this.outbox.recordAll(invoiceCatalogueEvents(release.pullEvents(), release.snapshot()), { causationId: command.causationId });
      const fallsOverdueAt = release.fallsOverdueAt;
      if (fallsOverdueAt) await this.timers.schedule(INVOICE_OVERDUE_TIMER, release.id, fallsOverdueAt, { due_date: release.snapshot().dueDate });
      await this.reminders.planFor(release);
      return 'released';
    });
  }

  /** Per invoice that may have retainage to release, what its credit notes gave back of it. */
  private async retainageCreditedOn(invoices: readonly InvoiceSnapshot[]): Promise<Map<string, number>> {
    const credited = new Map<string, number>();
    for (const invoice of invoices) {
      if (invoice.kind !== 'milestone' || invoice.retainageCents === 0 || !['open', 'paid', 'credited'].includes(invoice.status)) continue;
      const notes = await this.creditNotes.findByInvoice(invoice.id);
      const cents = notes.reduce((sum, note) => sum + note.snapshot().retainageCents, 0);
      if (cents > 0) credited.set(invoice.id, cents);
    }
    return credited;
  }
}
