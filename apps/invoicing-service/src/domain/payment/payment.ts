import { AggregateRoot, calendarDateIn } from '@mb/kernel';
import type { Invoice } from '../invoice/invoice';

export interface PaymentSnapshot {
  readonly id: string;
  readonly invoiceId: string;
  readonly invoiceNumber: string;
  readonly contractId: string;
  readonly clientId: string;
  readonly currency: string;
  readonly amountCents: number;
  readonly receivedOn: string;
  readonly reference: string | null;
  readonly recordedAt: string;
}

/** What happened to a payment: it was received and applied, in full, to its invoice. */
export type PaymentEvent = { readonly type: 'received' };

/**
 * A payment received for one invoice. Recording it applies it to the invoice (which refuses a
 * wrong currency, a non-positive amount, an invoice not open, or more than the balance) and
 * records that it was received; the invoice records being paid itself when its balance reaches zero.
 */
export class Payment extends AggregateRoot<PaymentEvent> {
  private constructor(private readonly state: PaymentSnapshot) {
    super();
  }

  static receive(input: { id: string; invoice: Invoice; amountCents: number; currency: string; reference: string | null; now: Date }): Payment {
    const { invoice } = input;
    invoice.applyPayment({ paymentId: input.id, amountCents: input.amountCents, currency: input.currency, receivedAt: input.now });
    const target = invoice.snapshot();
    // applyPayment accepts open invoices only, and every issued invoice has its number.
    if (target.number === null) throw new Error(`invoice ${target.id} took a payment without a number`);
    const payment = new Payment({
      id: input.id,
      invoiceId: target.id,
      invoiceNumber: target.number,
      contractId: target.contractId,
      clientId: target.clientId,
      currency: input.currency,
      amountCents: input.amountCents,
      // The client's calendar date, as every date of its invoices (issue 9).
      receivedOn: calendarDateIn(input.now, target.clientTimeZone),
      reference: input.reference,
      recordedAt: input.now.toISOString(),
    });
    payment.record({ type: 'received' });
    return payment;
  }

  static restore(snapshot: PaymentSnapshot): Payment {
    return new Payment(snapshot);
  }

  get id(): string {
    return this.state.id;
  }

  snapshot(): PaymentSnapshot {
    return this.state;
  }
}
