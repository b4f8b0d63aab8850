import { Inject, Injectable } from '@nestjs/common';
import { type Clock, UnitOfWork } from '@mb/kernel';
import { SERVICE_CLOCK } from '@mb/platform';
import { CaseChanges } from '../case-changes/case-changes.handler';
import { CaseRepository } from '../ports/case.repository';
import { ReceivableLedger } from '../ports/receivable-ledger.port';
import { SettledInvoiceRepository } from '../ports/settled-invoice.repository';

export interface WriteOffInvoice {
  readonly invoiceId: string;
  /** The event that caused it (invoice.uncollectible), for the outbox's causation id. */
  readonly causationId: string;
}

/**
 * Invoicing wrote an invoice off (invoice.uncollectible): nothing more is chased on it. It is
 * remembered as closed in the ledger, so a late overdue notice opens nothing, and the open case
 * holding it gives its balance up, closing (written off, or partly) when nothing else is owed.
 */
@Injectable()
export class WriteOffInvoiceHandler {
  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly cases: CaseRepository,
    private readonly settledInvoices: SettledInvoiceRepository,
    private readonly ledger: ReceivableLedger,
    private readonly changes: CaseChanges,
    @Inject(SERVICE_CLOCK) private readonly clock: Clock,
  ) {}

  async execute(command: WriteOffInvoice): Promise<void> {
    await this.unitOfWork.run(async () => {
      const now = this.clock.now();
      await this.settledInvoices.add(command.invoiceId, now);
      await this.ledger.close(command.invoiceId, 'written_off', now);
      const collectionsCase = await this.cases.findOpenCaseHolding(command.invoiceId);
      if (!collectionsCase) return;
      collectionsCase.writeOffInvoice(command.invoiceId, now);
      await this.changes.changed(collectionsCase, command.causationId);
    });
  }
}
