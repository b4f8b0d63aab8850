import { Injectable } from '@nestjs/common';
import type { PaymentPlanSnapshot } from '../../domain/payment-plan/payment-plan';
import { PaymentPlanErrors } from '../../domain/payment-plan/payment-plan.errors';
import { PaymentPlanRepository } from '../ports/payment-plan.repository';
import { PaymentPlanDocuments } from '../ports/payment-plan-documents.port';

/** What the APIs read of payment plans; an unknown plan is `payment_plan.not_found`. */
@Injectable()
export class PaymentPlanQueries {
  constructor(
    private readonly plans: PaymentPlanRepository,
    private readonly documents: PaymentPlanDocuments,
  ) {}

  async byId(planId: string): Promise<PaymentPlanSnapshot> {
    const found = await this.plans.findById(planId);
    if (!found) throw PaymentPlanErrors.notFound(planId);
    return found.snapshot();
  }

  /** The case's plans, oldest first. */
  async ofCase(caseId: string): Promise<PaymentPlanSnapshot[]> {
    return (await this.plans.findByCase(caseId)).map((plan) => plan.snapshot());
  }

  /** The plan's schedule as a PDF. */
  async schedulePdf(plan: PaymentPlanSnapshot): Promise<Buffer> {
    return this.documents.schedulePdf(plan);
  }
}
