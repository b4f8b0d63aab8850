import { Inject, Injectable } from '@nestjs/common';
import { type Clock, UnitOfWork } from '@mb/kernel';
import { EventOutbox } from '@mb/messaging';
import { SERVICE_CLOCK } from '@mb/platform';
import { caseCatalogueEvents } from '../events/case.events';
import { CaseRepository } from '../ports/case.repository';

export interface ApplyPayment {
  /** The parts of the payment applied to each invoice (payment.recorded's allocations). */
  readonly allocations: readonly { readonly invoiceId: string; readonly amountCents: number }[];
  /** The event that caused it (payment.recorded), for the outbox's causation id. */
  readonly causationId: string;
}

/**
 * A payment was applied to invoices (payment.recorded): each open case holding one of them lowers
 * that invoice's balance, closing when nothing is owed any more (announced by
 * collections.case_closed). Invoices no open case holds are ignored.
 */
@Injectable()
export class ApplyPaymentHandler {
  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly cases: CaseRepository,
    private readonly outbox: EventOutbox,
    @Inject(SERVICE_CLOCK) private readonly clock: Clock,
  ) {}

  async execute(command: ApplyPayment): Promise<void> {
    await this.unitOfWork.run(async () => {
      const now = this.clock.now();
      for (const allocation of command.allocations) {
        const collectionsCase = await this.cases.findOpenCaseHolding(allocation.invoiceId);
        if (!collectionsCase) continue;
        collectionsCase.applyPayment(allocation.invoiceId, allocation.amountCents, now);
        await this.cases.save(collectionsCase);
        await this.outbox.recordAll(caseCatalogueEvents(collectionsCase.pullEvents(), collectionsCase.snapshot()), { causationId: command.causationId });
      }
    });
  }
}
