import { Type } from '@sinclair/typebox';
import { prefixedIdPattern, prefixedIdRule } from '../../ids/prefixed-id';
import { defineEvent } from '../event-definition';
import { CalendarDate, CaseId, Cents, ClientId, Count, Currency, PaymentPlanId, Text, Timestamp, TEXT_LIMITS } from '../event-fields';
import { PaymentPlanInstalmentV2, PaymentPlanInvoice } from './collections-payment-plan-agreed.event';

/**
 * Issue 15 "Client portal": finance proposes a plan and the client accepts it (then
 * collections.payment_plan_agreed follows, with the same schedule). The schedule is the agreed
 * event's, so a consumer reads both alike; nothing is held or scheduled while it is only proposed.
 */
export const CollectionsPaymentPlanProposedDataV1 = Type.Object(
  {
    payment_plan_id: PaymentPlanId,
    case_id: CaseId,
    client_id: ClientId,
    proposed_at: Timestamp('When the plan was proposed.'),
    proposed_by: Text('Who proposed it on the business side (the caller), by subject.', TEXT_LIMITS.subject),
    currency: Currency,
    total_cents: Cents('Overdue balance the plan would split; the down payment and instalments add up to it exactly.', { minimum: 1 }),
    down_payment_cents: Cents('The down payment, 0 when the plan has none.'),
    instalments: Type.Array(PaymentPlanInstalmentV2, { minItems: 2, description: 'Ordered by instalment_index (due date order): the down payment if any, then the instalments.' }),
    invoices: Type.Array(PaymentPlanInvoice, { minItems: 1, description: 'The overdue invoices the plan would cover.' }),
    grace_days: Count('Days after a due date an unpaid instalment may still be paid before the plan breaks.', { minimum: 0 }),
    reminder_days_before: Count('Days before each due date the client is reminded.', { minimum: 0 }),
    time_zone: Type.String({ minLength: 1, maxLength: TEXT_LIMITS.timeZone, description: "The client's IANA time zone the dates are in." }),
    accept_by: CalendarDate('The last day the client may accept it, in its time zone: the due date of its first payment. Later, the proposal is expired.'),
    supersedes_payment_plan_id: Type.Optional(
      Type.String({ pattern: prefixedIdPattern('plan'), description: `The earlier proposal of the case this one replaces (now \`superseded\`), when there was one: ${prefixedIdRule('plan')}.` }),
    ),
  },
  { description: "A payment plan proposed to the client: it holds nothing until the client accepts it." },
);

export const collectionsPaymentPlanProposed = defineEvent({
  name: 'collections.payment_plan_proposed',
  producer: 'collections-service',
  description: 'A payment plan was proposed to the client, who may accept it until its first payment falls due.',
  partitionKey: 'client_id',
  currentVersion: 1,
  versions: { 1: CollectionsPaymentPlanProposedDataV1 },
});
