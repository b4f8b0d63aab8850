import { Type } from '@sinclair/typebox';
import { defineEvent } from '../event-definition';
import { CalendarDate, Cents, ClientId, Currency, RefundId, StringEnum, Text, TEXT_LIMITS } from '../event-fields';
import { PAYMENT_METHODS } from '../payment/payment-recorded.event';

export const RefundRecordedDataV1 = Type.Object(
  {
    refund_id: RefundId,
    client_id: ClientId,
    currency: Currency,
    amount_cents: Cents("Amount paid back to the client out of its unapplied credit.", { minimum: 1 }),
    refunded_on: CalendarDate("Date the money was paid back, in the client's time zone."),
    method: StringEnum(PAYMENT_METHODS, { description: 'How the money was paid back.' }),
    external_reference: Type.Optional(Text("The bank's or the cheque's reference of the refund.", TEXT_LIMITS.paymentReference)),
    reason: Type.Optional(Text('Why the credit was refunded.', TEXT_LIMITS.refundReason)),
    unapplied_cents: Cents("The client's unapplied credit left in this currency after the refund."),
  },
  { description: "Part or all of a client's unapplied credit in one currency was paid back to the client." },
);

export const refundRecorded = defineEvent({
  name: 'refund.recorded',
  producer: 'invoicing-service',
  description: "Unapplied credit was refunded to a client.",
  partitionKey: 'client_id',
  currentVersion: 1,
  versions: { 1: RefundRecordedDataV1 },
});
