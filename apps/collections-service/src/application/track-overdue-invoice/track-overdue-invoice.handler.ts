import { Inject, Injectable } from '@nestjs/common';
import { type Clock, newId, UnitOfWork } from '@mb/kernel';
import { SERVICE_CLOCK } from '@mb/platform';
import { CollectionsCase, type OverdueInvoice } from '../../domain/case/case';
import { CaseChanges } from '../case-changes/case-changes.handler';
import { DisputeRepository } from '../ports/dispute.repository';
import { ClientCalendarRepository } from '../ports/dunning-ladder.port';
import { CaseRepository } from '../ports/case.repository';
import { ReceivableLedger } from '../ports/receivable-ledger.port';
import { SettledInvoiceRepository } from '../ports/settled-invoice.repository';
import { LadderConfiguration } from '../configure-ladder/configure-ladder.handler';

export interface TrackOverdueInvoice {
  readonly clientId: string;
  readonly invoice: OverdueInvoice;
  /** The event that caused it, for the outbox's causation id. */
  readonly causationId: string;
}

export type TrackOverdueInvoiceOutcome = 'opened' | 'joined' | 'already_tracked' | 'already_paid';

/**
 * An invoice went overdue: the client's open case takes it in (with a letter), or a new case opens
 * on the first step of the client's ladder (announced by collections.case_opened). The invoice is
 * chased for its CURRENT balance by the receivable ledger, which has seen every payment and credit
 * consumed so far, before or after the overdue announcement: an invoice with nothing left to pay
 * (or known to be paid, voided or written off) opens nothing and sends no letter. An invoice the
 * client disputes joins the case marked disputed.
 */
@Injectable()
export class TrackOverdueInvoiceHandler {
  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly cases: CaseRepository,
    private readonly settledInvoices: SettledInvoiceRepository,
    private readonly ledger: ReceivableLedger,
    private readonly calendars: ClientCalendarRepository,
    private readonly ladders: LadderConfiguration,
    private readonly changes: CaseChanges,
    private readonly disputes: DisputeRepository,
    @Inject(SERVICE_CLOCK) private readonly clock: Clock,
  ) {}

  async execute(command: TrackOverdueInvoice): Promise<TrackOverdueInvoiceOutcome> {
    return this.unitOfWork.run(async () => {
      if (await this.settledInvoices.isSettled(command.invoice.invoiceId)) return 'already_paid';
      const receivable = await this.ledger.balanceOf(command.invoice.invoiceId);
      // Invoices issued before the ledger existed are chased for what invoicing announced.
      const balanceCents = receivable.closed ? 0 : (receivable.balanceCents ?? command.invoice.amountDueCents);
      if (balanceCents <= 0) return 'already_paid';
      const invoice: OverdueInvoice = { ...command.invoice, amountDueCents: balanceCents };
      const now = this.clock.now();
      // Disputed before it went overdue: it joins the case already left out of dunning.
      const disputed = (await this.disputes.findOpenOnInvoice(invoice.invoiceId)) !== null;
      const existing = await this.cases.findOpenCaseOfClient(command.clientId);
      if (existing) {
        if (existing.addOverdueInvoice(invoice, now) === 'already_in_case') return 'already_tracked';
        if (disputed) existing.markInvoiceDisputed(invoice.invoiceId);
        await this.changes.changed(existing, command.causationId);
        return 'joined';
      }
      const opened = CollectionsCase.open({
        id: newId('case'),
        clientId: command.clientId,
        invoice,
        ladder: await this.ladders.effectiveFor(command.clientId),
        clientTimeZone: await this.calendars.timeZoneOf(command.clientId),
        now,
      });
      if (disputed) opened.markInvoiceDisputed(invoice.invoiceId);
      // Two invoices of one client handled at once cannot both open a case: the one-open-case-per-
      // client index refuses the second, whose retry then finds the first's case and joins it.
      await this.changes.opened(opened, command.causationId);
      return 'opened';
    });
  }
}
