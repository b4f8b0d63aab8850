import { Inject, Injectable } from '@nestjs/common';
import { type Clock, UnitOfWork } from '@mb/kernel';
import { EventOutbox } from '@mb/messaging';
import { SERVICE_CLOCK } from '@mb/platform';
import { PaymentPlanErrors } from '../../domain/payment-plan/payment-plan.errors';
import { paymentPlanCatalogueEvents } from '../events/payment-plan.events';
import { CaseDunning } from '../ports/case-dunning.port';
import { PaymentPlanRepository } from '../ports/payment-plan.repository';

/** Fires at the start of the reminder day of an instalment (its due date less the plan's reminder lead), keyed `<plan id>:<number>`. */
export const INSTALMENT_REMINDER_TIMER = 'collections.instalment_reminder';
/** Fires when an instalment's grace period ends (the start of the day after due date + grace days), keyed `<plan id>:<number>`. */
export const INSTALMENT_DEADLINE_TIMER = 'collections.instalment_deadline';

export function instalmentTimerKey(planId: string, number: number): string {
  return `${planId}:${number}`;
}

export function instalmentOfTimerKey(key: string): { planId: string; number: number } {
  const separator = key.lastIndexOf(':');
  const number = Number(key.slice(separator + 1));
  if (separator < 1 || !Number.isSafeInteger(number)) throw new Error(`not an instalment timer key: ${key}`);
  return { planId: key.slice(0, separator), number };
}

/**
 * The instalment timers, as they fire (in the firing's unit of work, with its inbox record, so a
 * timer firing twice has one effect):
 * - reminder: an unpaid instalment of an active plan is announced due soon
 *   (collections.instalment_due_soon, which notification emails);
 * - deadline: an instalment still unpaid when its grace period ends breaks the plan
 *   (collections.payment_plan_broken) and the case's dunning resumes one stage up. A deadline that
 *   fires before its instant by the service clock fails, so it fires again after its retry delay.
 */
@Injectable()
export class InstalmentTimersHandler {
  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly plans: PaymentPlanRepository,
    private readonly dunning: CaseDunning,
    private readonly outbox: EventOutbox,
    @Inject(SERVICE_CLOCK) private readonly clock: Clock,
  ) {}

  async remind(planId: string, number: number): Promise<'reminded' | 'not_needed'> {
    return this.unitOfWork.run(async () => {
      const plan = await this.plans.findById(planId, { forUpdate: true });
      if (!plan) throw PaymentPlanErrors.notFound(planId);
      const outcome = plan.remind(number, this.clock.now());
      await this.outbox.recordAll(paymentPlanCatalogueEvents(plan.pullEvents(), plan.snapshot()));
      return outcome;
    });
  }

  async checkDeadline(planId: string, number: number): Promise<'broken' | 'kept'> {
    return this.unitOfWork.run(async () => {
      const plan = await this.plans.findById(planId, { forUpdate: true });
      if (!plan) throw PaymentPlanErrors.notFound(planId);
      const now = this.clock.now();
      const outcome = plan.checkDeadline(number, now);
      if (outcome === 'not_yet') throw new Error(`instalment ${number} of plan ${planId} is not past its grace period at ${now.toISOString()}; fired early`);
      if (outcome === 'broken') {
        await this.plans.save(plan);
        const snapshot = plan.snapshot();
        await this.outbox.recordAll(paymentPlanCatalogueEvents(plan.pullEvents(), snapshot));
        await this.dunning.paymentPlanBroken(snapshot.caseId, snapshot.id, now);
      }
      return outcome;
    });
  }
}
