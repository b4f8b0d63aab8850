import { DomainRejection } from '@mb/kernel';

export const RefundErrors = {
  refundedInTheFuture: (refundedOn: string, today: string) =>
    new DomainRejection('invalid', 'refund.refunded_on_in_future', `refunded_on ${refundedOn} is after today (${today}) in the client's time zone`, 'refunded_on'),
};
