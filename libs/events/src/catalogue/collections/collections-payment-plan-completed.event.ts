import { Type } from '@sinclair/typebox';
import { defineEvent } from '../event-definition';
import { CaseId, Cents, ClientId, Currency, PaymentPlanId, Timestamp } from '../event-fields';

export const CollectionsPaymentPlanCompletedDataV1 = Type.Object(
  {
    payment_plan_id: PaymentPlanId,
    case_id: CaseId,
    client_id: ClientId,
    completed_at: Timestamp('When the payment covering the last instalment was applied.'),
    currency: Currency,
    total_cents: Cents('What the plan split, now paid in full.', { minimum: 1 }),
  },
  { description: 'Every instalment of the plan is paid: its hold on the case lifts.' },
);

export const collectionsPaymentPlanCompleted = defineEvent({
  name: 'collections.payment_plan_completed',
  producer: 'collections-service',
  description: 'A payment plan is completed: all its instalments are paid.',
  partitionKey: 'client_id',
  currentVersion: 1,
  versions: { 1: CollectionsPaymentPlanCompletedDataV1 },
});
