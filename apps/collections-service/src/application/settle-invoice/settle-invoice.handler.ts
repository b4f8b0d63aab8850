import { Inject, Injectable } from '@nestjs/common';
import { type Clock, UnitOfWork } from '@mb/kernel';
import { SERVICE_CLOCK } from '@mb/platform';
import { CaseChanges } from '../case-changes/case-changes.handler';
import { CaseRepository } from '../ports/case.repository';
import { ReceivableLedger } from '../ports/receivable-ledger.port';
import { SettledInvoiceRepository } from '../ports/settled-invoice.repository';

export interface SettleInvoice {
  readonly invoiceId: string;
  /** The event that caused it (invoice.paid), for the outbox's causation id. */
  readonly causationId: string;
}

/**
 * An invoice was paid in full (invoice.paid, a void, a credit taking all of it): it is remembered
 * as settled in the ledger, so that a late overdue notice opens nothing, and the open case holding
 * it clears its balance, closing when nothing is owed any more (collections.case_closed).
 */
@Injectable()
export class SettleInvoiceHandler {
  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly cases: CaseRepository,
    private readonly settledInvoices: SettledInvoiceRepository,
    private readonly ledger: ReceivableLedger,
    private readonly changes: CaseChanges,
    @Inject(SERVICE_CLOCK) private readonly clock: Clock,
  ) {}

  async execute(command: SettleInvoice): Promise<void> {
    await this.unitOfWork.run(async () => {
      const now = this.clock.now();
      await this.settledInvoices.add(command.invoiceId, now);
      await this.ledger.close(command.invoiceId, 'settled', now);
      const collectionsCase = await this.cases.findOpenCaseHolding(command.invoiceId);
      if (!collectionsCase) return;
      collectionsCase.settleInvoice(command.invoiceId, now);
      await this.changes.changed(collectionsCase, command.causationId);
    });
  }
}
