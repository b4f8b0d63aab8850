import { DomainRejection } from '@mb/kernel';

export const ClientBalanceErrors = {
  nonPositiveRefund: () => new DomainRejection('invalid', 'refund.amount_not_positive', 'a refund must be at least one minor unit', 'amount_cents'),
  refundExceedsCredit: (amountCents: number, unappliedCents: number, currency: string) =>
    new DomainRejection(
      'invalid',
      'refund.exceeds_credit',
      `the refund of ${amountCents} exceeds the client's unapplied credit of ${unappliedCents} ${currency}`,
      'amount_cents',
    ),
  overCap: (clientId: string, currency: string) =>
    new DomainRejection('invalid', 'payment.credit_over_cap', `client ${clientId}'s credit in ${currency} would exceed 10^15 minor units`, 'amount_cents'),
};
