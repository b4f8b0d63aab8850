import { Type } from '@sinclair/typebox';
import { defineEvent } from '../event-definition';
import { CalendarDate, CaseId, Cents, ClientId, Count, Currency, PaymentPlanId, Timestamp } from '../event-fields';

export const CollectionsInstalmentDueSoonDataV1 = Type.Object(
  {
    payment_plan_id: PaymentPlanId,
    case_id: CaseId,
    client_id: ClientId,
    instalment_index: Type.Integer({ minimum: 0, description: 'Position in the plan: 0 for the down payment, then the instalments from 1.' }),
    due_date: CalendarDate("Date the instalment is due, in the client's time zone."),
    days_until_due: Count('Calendar days from the reminder to the due date.', { minimum: 0 }),
    currency: Currency,
    amount_cents: Cents('Amount of the instalment.', { minimum: 1 }),
    amount_outstanding_cents: Cents('What is still unpaid on it (less than the amount when part was paid early).', { minimum: 1 }),
    reminded_at: Timestamp('When the reminder went out.'),
  },
  { description: 'A payment plan instalment falls due soon and is not paid yet.' },
);

export const collectionsInstalmentDueSoon = defineEvent({
  name: 'collections.instalment_due_soon',
  producer: 'collections-service',
  description: 'A payment plan instalment falls due in a few days and is not yet paid.',
  partitionKey: 'client_id',
  currentVersion: 1,
  versions: { 1: CollectionsInstalmentDueSoonDataV1 },
});
