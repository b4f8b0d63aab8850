import { Inject, Injectable } from '@nestjs/common';
import { type Clock, UnitOfWork } from '@mb/kernel';
import { EventOutbox } from '@mb/messaging';
import { SERVICE_CLOCK } from '@mb/platform';
import { paymentPlanCatalogueEvents } from '../events/payment-plan.events';
import { CaseDunning } from '../ports/case-dunning.port';
import { PaymentPlanRepository } from '../ports/payment-plan.repository';

export interface ApplyPaymentToPlans {
  /** The parts of the payment applied to each invoice (payment.recorded's allocations). */
  readonly allocations: readonly { readonly invoiceId: string; readonly amountCents: number }[];
  /** The event that caused it (payment.recorded), for the outbox's causation id. */
  readonly causationId: string;
}

/**
 * A payment was applied to invoices (payment.recorded): each part that went to an invoice an active
 * plan covers pays that plan's instalments in due-date order (collections.instalment_paid for each
 * covered), and a plan whose last instalment is paid completes (collections.payment_plan_completed),
 * lifting its hold on the case's dunning.
 */
@Injectable()
export class ApplyPaymentToPlansHandler {
  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly plans: PaymentPlanRepository,
    private readonly dunning: CaseDunning,
    private readonly outbox: EventOutbox,
    @Inject(SERVICE_CLOCK) private readonly clock: Clock,
  ) {}

  async execute(command: ApplyPaymentToPlans): Promise<void> {
    await this.unitOfWork.run(async () => {
      const now = this.clock.now();
      for (const allocation of command.allocations) {
        for (const plan of await this.plans.findActiveCovering(allocation.invoiceId)) {
          if (plan.applyPayment(allocation.invoiceId, allocation.amountCents, now) === 0) continue;
          await this.plans.save(plan);
          const snapshot = plan.snapshot();
          await this.outbox.recordAll(paymentPlanCatalogueEvents(plan.pullEvents(), snapshot), { causationId: command.causationId });
          if (snapshot.status === 'completed') await this.dunning.paymentPlanCompleted(snapshot.caseId, snapshot.id, now);
        }
      }
    });
  }
}
