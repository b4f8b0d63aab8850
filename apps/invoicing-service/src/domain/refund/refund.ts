import { AggregateRoot, calendarDateIn } from '@mb/kernel';
import type { ClientBalance } from '../client-balance/client-balance';
import type { PaymentMethod } from '../payment/payment';
import { RefundErrors } from './refund.errors';

export interface RefundSnapshot {
  readonly id: string;
  readonly clientId: string;
  readonly currency: string;
  readonly amountCents: number;
  /** When the money went back, a calendar date in the client's time zone, never after its today. */
  readonly refundedOn: string;
  readonly method: PaymentMethod;
  readonly externalReference: string | null;
  readonly reason: string | null;
  /** The client's unapplied credit in this currency left after the refund. */
  readonly unappliedCentsAfter: number;
  readonly recordedAt: string;
}

export type RefundEvent = { readonly type: 'recorded' };

/**
 * Money paid back to a client out of its unapplied credit in one currency (issue 10). The credit
 * refuses more than it holds; a refund, once recorded, is never changed.
 */
export class Refund extends AggregateRoot<RefundEvent> {
  private constructor(private readonly state: RefundSnapshot) {
    super();
  }

  static record(input: {
    id: string;
    credit: ClientBalance;
    clientTimeZone: string;
    amountCents: number;
    refundedOn: string | null;
    method: PaymentMethod;
    externalReference: string | null;
    reason: string | null;
    now: Date;
  }): Refund {
    const today = calendarDateIn(input.now, input.clientTimeZone);
    const refundedOn = input.refundedOn ?? today;
    if (refundedOn > today) throw RefundErrors.refundedInTheFuture(refundedOn, today);
    input.credit.refund(input.amountCents);
    const refund = new Refund({
      id: input.id,
      clientId: input.credit.clientId,
      currency: input.credit.currency,
      amountCents: input.amountCents,
      refundedOn,
      method: input.method,
      externalReference: input.externalReference,
      reason: input.reason,
      unappliedCentsAfter: input.credit.unappliedCents,
      recordedAt: input.now.toISOString(),
    });
    refund.record({ type: 'recorded' });
    return refund;
  }

  get id(): string {
    return this.state.id;
  }

  snapshot(): RefundSnapshot {
    return this.state;
  }
}
