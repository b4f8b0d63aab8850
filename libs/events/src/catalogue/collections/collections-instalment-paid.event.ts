import { Type } from '@sinclair/typebox';
import { defineEvent } from '../event-definition';
import { CalendarDate, CaseId, Cents, ClientId, Currency, PaymentPlanId, Timestamp } from '../event-fields';

export const CollectionsInstalmentPaidDataV1 = Type.Object(
  {
    payment_plan_id: PaymentPlanId,
    case_id: CaseId,
    client_id: ClientId,
    instalment_index: Type.Integer({ minimum: 0, description: 'Position in the plan: 0 for the down payment, then the instalments from 1.' }),
    due_date: CalendarDate("Date the instalment was due, in the client's time zone."),
    currency: Currency,
    amount_cents: Cents('Amount of the instalment, now covered in full.', { minimum: 1 }),
    paid_at: Timestamp('When the payment that covered it was applied.'),
  },
  { description: 'Payments matched to a plan covered one of its instalments in full.' },
);

export const collectionsInstalmentPaid = defineEvent({
  name: 'collections.instalment_paid',
  producer: 'collections-service',
  description: 'A payment plan instalment is paid in full.',
  partitionKey: 'client_id',
  currentVersion: 1,
  versions: { 1: CollectionsInstalmentPaidDataV1 },
});
