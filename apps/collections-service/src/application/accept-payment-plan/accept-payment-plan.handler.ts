import { Inject, Injectable } from '@nestjs/common';
import { type Clock, UnitOfWork } from '@mb/kernel';
import { SERVICE_CLOCK } from '@mb/platform';
import type { PaymentPlanSnapshot } from '../../domain/payment-plan/payment-plan';
import { PaymentPlanErrors } from '../../domain/payment-plan/payment-plan.errors';
import { owedInvoicesOf } from '../../domain/payment-plan/plan-coverage.policy';
import { AgreePaymentPlanHandler } from '../agree-payment-plan/agree-payment-plan.handler';
import { CaseRepository } from '../ports/case.repository';
import { PaymentPlanRepository } from '../ports/payment-plan.repository';

export interface AcceptPaymentPlanCommand {
  readonly planId: string;
  /** Who accepts it (the caller's subject): the client's AP clerk, or staff on its behalf. */
  readonly acceptedBy: string;
  /** Set for a client caller: it accepts its own plans only (another's is as good as unknown). */
  readonly onlyOfClient: string | null;
}

/**
 * The client accepts a proposed plan (issue 15): it becomes agreed with the dates as proposed, and
 * from then on is exactly a plan finance agreed: dunning held, collections.payment_plan_agreed
 * (the schedule PDF emailed), reminders and deadlines set. Refused for a plan that is not a
 * proposal, a case that closed meanwhile, a first payment already past due, a balance that changed
 * since the proposal, or a plan already agreed for the case in the currency.
 */
@Injectable()
export class AcceptPaymentPlanHandler {
  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly cases: CaseRepository,
    private readonly plans: PaymentPlanRepository,
    private readonly agreement: AgreePaymentPlanHandler,
    @Inject(SERVICE_CLOCK) private readonly clock: Clock,
  ) {}

  async execute(command: AcceptPaymentPlanCommand): Promise<PaymentPlanSnapshot> {
    return this.unitOfWork.run(async () => {
      const now = this.clock.now();
      const plan = await this.plans.findById(command.planId, { forUpdate: true });
      if (!plan || (command.onlyOfClient !== null && plan.snapshot().clientId !== command.onlyOfClient)) throw PaymentPlanErrors.notFound(command.planId);
      const proposal = plan.snapshot();
      if (!plan.isProposed) throw PaymentPlanErrors.notProposed(proposal.id, proposal.status);
      const collectionsCase = await this.cases.findById(proposal.caseId);
      if (!collectionsCase || collectionsCase.snapshot().status !== 'open') throw PaymentPlanErrors.caseNotOpen(proposal.caseId);
      const active = await this.plans.findActiveOfCase(proposal.caseId, proposal.currency);
      if (active) throw PaymentPlanErrors.alreadyActive(proposal.currency, active.id);

      plan.accept({ by: command.acceptedBy, owed: owedInvoicesOf(collectionsCase.snapshot(), proposal.currency), now });
      await this.plans.save(plan);
      await this.agreement.putInEffect(plan, now);
      return plan.snapshot();
    });
  }
}
