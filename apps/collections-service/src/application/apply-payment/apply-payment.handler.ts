import { Inject, Injectable } from '@nestjs/common';
import { type Clock, UnitOfWork } from '@mb/kernel';
import { SERVICE_CLOCK } from '@mb/platform';
import { CaseChanges } from '../case-changes/case-changes.handler';
import { CaseRepository } from '../ports/case.repository';
import { ReceivableLedger } from '../ports/receivable-ledger.port';

export interface ApplyPayment {
  /** The parts of the payment applied to each invoice (payment.recorded's allocations). */
  readonly allocations: readonly { readonly invoiceId: string; readonly amountCents: number }[];
  /** The event that caused it (payment.recorded), for the outbox's causation id. */
  readonly causationId: string;
}

/**
 * A payment (or a credit) was applied to invoices: the receivable ledger takes it off each
 * invoice, whether or not it is overdue yet, and each open case holding one of them lowers that
 * invoice's balance, closing when nothing is owed any more (collections.case_closed).
 */
@Injectable()
export class ApplyPaymentHandler {
  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly cases: CaseRepository,
    private readonly ledger: ReceivableLedger,
    private readonly changes: CaseChanges,
    @Inject(SERVICE_CLOCK) private readonly clock: Clock,
  ) {}

  async execute(command: ApplyPayment): Promise<void> {
    await this.unitOfWork.run(async () => {
      const now = this.clock.now();
      for (const allocation of command.allocations) {
        await this.ledger.reduce(allocation.invoiceId, allocation.amountCents, now);
        const collectionsCase = await this.cases.findOpenCaseHolding(allocation.invoiceId);
        if (!collectionsCase) continue;
        collectionsCase.applyPayment(allocation.invoiceId, allocation.amountCents, now);
        await this.changes.changed(collectionsCase, command.causationId);
      }
    });
  }
}
