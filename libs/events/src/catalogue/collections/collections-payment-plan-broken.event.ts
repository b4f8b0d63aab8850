import { Type } from '@sinclair/typebox';
import { defineEvent } from '../event-definition';
import { CalendarDate, CaseId, Cents, ClientId, Count, Currency, PaymentPlanId, Timestamp } from '../event-fields';

export const MissedInstalment = Type.Object(
  {
    instalment_index: Type.Integer({ minimum: 0, description: 'Position in the plan: 0 for the down payment, then the instalments from 1.' }),
    due_date: CalendarDate("Date it was due, in the client's time zone."),
    amount_cents: Cents('Amount of the instalment.', { minimum: 1 }),
    unpaid_cents: Cents('What was still unpaid on it when the grace period ended.', { minimum: 1 }),
  },
  { description: 'The instalment whose grace period ended unpaid.' },
);

export const CollectionsPaymentPlanBrokenDataV1 = Type.Object(
  {
    payment_plan_id: PaymentPlanId,
    case_id: CaseId,
    client_id: ClientId,
    broken_at: Timestamp('When the grace period of the missed instalment ended.'),
    currency: Currency,
    total_cents: Cents('What the plan split.', { minimum: 1 }),
    paid_cents: Cents('What was paid under the plan before it broke.'),
    outstanding_cents: Cents('What the plan left unpaid: total_cents − paid_cents. Dunning resumes on it.', { minimum: 1 }),
    grace_days: Count('Grace period the plan allowed after each due date.', { minimum: 0 }),
    missed_instalment: MissedInstalment,
  },
  { description: 'An instalment was still unpaid at the end of its grace period: the plan is broken and dunning resumes one stage up.' },
);

export const collectionsPaymentPlanBroken = defineEvent({
  name: 'collections.payment_plan_broken',
  producer: 'collections-service',
  description: 'A payment plan broke: an instalment was unpaid after its grace period.',
  partitionKey: 'client_id',
  currentVersion: 1,
  versions: { 1: CollectionsPaymentPlanBrokenDataV1 },
});
