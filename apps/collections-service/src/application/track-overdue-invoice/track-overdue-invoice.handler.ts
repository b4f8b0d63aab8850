import { Inject, Injectable } from '@nestjs/common';
import { type Clock, newId, UnitOfWork } from '@mb/kernel';
import { EventOutbox } from '@mb/messaging';
import { SERVICE_CLOCK } from '@mb/platform';
import { CollectionsCase, type OverdueInvoice } from '../../domain/case/case';
import type { DunningLadder } from '../../domain/dunning/dunning-ladder';
import { caseCatalogueEvents } from '../events/case.events';
import { CaseRepository } from '../ports/case.repository';
import { DUNNING_LADDER } from '../ports/dunning-ladder.port';
import { SettledInvoiceRepository } from '../ports/settled-invoice.repository';

export interface TrackOverdueInvoice {
  readonly clientId: string;
  readonly invoice: OverdueInvoice;
  /** The event that caused it, for the outbox's causation id. */
  readonly causationId: string;
}

export type TrackOverdueInvoiceOutcome = 'opened' | 'joined' | 'already_tracked' | 'already_paid';

/**
 * An invoice went overdue: the client's open case takes it in, or a new case opens on the first
 * step of the ladder (announced by collections.case_opened). An invoice already known to be paid
 * opens nothing.
 */
@Injectable()
export class TrackOverdueInvoiceHandler {
  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly cases: CaseRepository,
    private readonly settledInvoices: SettledInvoiceRepository,
    private readonly outbox: EventOutbox,
    @Inject(DUNNING_LADDER) private readonly ladder: DunningLadder,
    @Inject(SERVICE_CLOCK) private readonly clock: Clock,
  ) {}

  async execute(command: TrackOverdueInvoice): Promise<TrackOverdueInvoiceOutcome> {
    return this.unitOfWork.run(async () => {
      if (await this.settledInvoices.isSettled(command.invoice.invoiceId)) return 'already_paid';
      const existing = await this.cases.findOpenCaseOfClient(command.clientId);
      if (existing) {
        if (existing.addOverdueInvoice(command.invoice) === 'already_in_case') return 'already_tracked';
        await this.cases.save(existing);
        await this.outbox.recordAll(caseCatalogueEvents(existing.pullEvents(), existing.snapshot()), { causationId: command.causationId });
        return 'joined';
      }
      const opened = CollectionsCase.open({ id: newId('case'), clientId: command.clientId, invoice: command.invoice, ladder: this.ladder, now: this.clock.now() });
      // Two invoices of one client handled at once cannot both open a case: the one-open-case-per-
      // client index refuses the second, whose retry then finds the first's case and joins it.
      await this.cases.add(opened);
      await this.outbox.recordAll(caseCatalogueEvents(opened.pullEvents(), opened.snapshot()), { causationId: command.causationId });
      return 'opened';
    });
  }
}
