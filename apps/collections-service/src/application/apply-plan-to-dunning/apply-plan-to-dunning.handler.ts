import { Inject, Injectable } from '@nestjs/common';
import type { Logger } from '@mb/observability';
import { SERVICE_LOGGER } from '@mb/platform';
import { CaseDunning } from '../ports/case-dunning.port';

/**
 * What a payment plan does to its case's dunning (the CaseDunning port), as a use case joining the
 * plan's unit of work. The ladder that moves on timers and its holds are
 * built beside plans (issue 11 item 2); until they are joined, this handler only logs what a plan
 * told the case. Joined, each method loads the case locked, calls
 * `placeHold({ kind: 'payment_plan', planId }, now)`, `liftHold('payment_plan', now, { escalate: 'broken_payment_plan' })`
 * or `liftHold('payment_plan', now)`, saves it and publishes what it recorded, in the same unit of work.
 */
@Injectable()
export class ApplyPlanToDunningHandler extends CaseDunning {
  constructor(@Inject(SERVICE_LOGGER) private readonly logger: Logger) {
    super();
  }

  async paymentPlanAgreed(caseId: string, planId: string): Promise<void> {
    this.logger.info({ caseId, planId }, 'payment plan agreed: dunning holds');
  }

  async paymentPlanBroken(caseId: string, planId: string): Promise<void> {
    this.logger.info({ caseId, planId }, 'payment plan broken: dunning resumes one stage up');
  }

  async paymentPlanCompleted(caseId: string, planId: string): Promise<void> {
    this.logger.info({ caseId, planId }, 'payment plan completed: its hold lifts');
  }
}
