import type { PaymentPlanSnapshot } from '../../domain/payment-plan/payment-plan';

/** Renders a plan's documents: the schedule sent to the client. */
export abstract class PaymentPlanDocuments {
  abstract schedulePdf(plan: PaymentPlanSnapshot): Promise<Buffer>;
}
