import { Inject, Injectable } from '@nestjs/common';
import { type Clock, newId, UnitOfWork } from '@mb/kernel';
import { EventOutbox } from '@mb/messaging';
import { SERVICE_CLOCK } from '@mb/platform';
import { PaymentPlan, type PaymentPlanSnapshot } from '../../domain/payment-plan/payment-plan';
import { balanceAPlanMayCover, type PaymentPlanTermsCommand } from '../agree-payment-plan/agree-payment-plan.handler';
import { paymentPlanCatalogueEvents } from '../events/payment-plan.events';
import { CaseRepository } from '../ports/case.repository';
import { PaymentPlanRepository } from '../ports/payment-plan.repository';

export interface ProposePaymentPlanCommand extends PaymentPlanTermsCommand {
  /** Who proposed it (the caller's subject). */
  readonly proposedBy: string;
}

/**
 * Finance proposes a plan for the open case's balance in one currency, for the client to accept
 * (issue 15). Checked as an agreed plan is (the same schedule rules, no plan already agreed in the
 * currency), but it holds no dunning, sets no timers and sends no schedule: only
 * collections.payment_plan_proposed goes out. A case has one proposal at a time: an earlier one
 * still waiting is superseded, in the same unit of work.
 */
@Injectable()
export class ProposePaymentPlanHandler {
  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly cases: CaseRepository,
    private readonly plans: PaymentPlanRepository,
    private readonly outbox: EventOutbox,
    @Inject(SERVICE_CLOCK) private readonly clock: Clock,
  ) {}

  async execute(command: ProposePaymentPlanCommand): Promise<PaymentPlanSnapshot> {
    return this.unitOfWork.run(async () => {
      const now = this.clock.now();
      const { snapshot, invoices } = await balanceAPlanMayCover(this.cases, this.plans, command);

      const previous = await this.plans.findProposedOfCase(command.caseId);
      const plan = PaymentPlan.propose({ ...command, id: newId('plan'), clientId: snapshot.clientId, invoices, supersedesPlanId: previous?.id ?? null, now });
      if (previous) {
        previous.supersede(now);
        await this.plans.save(previous);
      }
      await this.plans.add(plan);
      const proposed = plan.snapshot();
      await this.outbox.recordAll(paymentPlanCatalogueEvents(plan.pullEvents(), proposed));
      return proposed;
    });
  }
}
