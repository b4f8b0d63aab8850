import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { OffsetClock } from '@mb/kernel';
import { SERVICE_CLOCK } from '@mb/platform';
import { CaseRepository } from '../ports/case.repository';
import { CaseEventsPublisher } from '../case-events.publisher';

/**
 * Money arrived for invoices: an invoice paid in full (invoice.paid) or part of a payment applied
 * to it (payment.recorded). The open case holding it lowers its balance and closes when nothing
 * is owed any more (announced by collections.case_closed). Runs in the caller's transaction.
 */
@Injectable()
export class ApplySettlementHandler {
  constructor(
    private readonly cases: CaseRepository,
    private readonly publisher: CaseEventsPublisher,
    @Inject(SERVICE_CLOCK) private readonly clock: OffsetClock,
  ) {}

  async invoicePaid(manager: EntityManager, invoiceId: string, causationId: string): Promise<void> {
    const now = this.clock.now();
    await this.cases.recordSettled(manager, invoiceId, now);
    const collectionsCase = await this.cases.openCaseHolding(manager, invoiceId);
    if (!collectionsCase) return;
    collectionsCase.settleInvoice(invoiceId, now);
    await this.cases.save(manager, collectionsCase);
    await this.publisher.publish(manager, collectionsCase.pullEvents(), causationId);
  }

  async paymentApplied(manager: EntityManager, allocations: readonly { invoiceId: string; amountCents: number }[], causationId: string): Promise<void> {
    const now = this.clock.now();
    for (const allocation of allocations) {
      const collectionsCase = await this.cases.openCaseHolding(manager, allocation.invoiceId);
      if (!collectionsCase) continue;
      collectionsCase.applyPayment(allocation.invoiceId, allocation.amountCents, now);
      await this.cases.save(manager, collectionsCase);
      await this.publisher.publish(manager, collectionsCase.pullEvents(), causationId);
    }
  }
}
