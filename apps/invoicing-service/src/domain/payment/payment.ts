import { calendarDateOf } from '@mb/kernel';
import type { RecordedEvent } from '../recorded-event';
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

/**
 * A payment received for one invoice. Recording it applies it to the invoice (which refuses a
 * wrong currency, a non-positive amount, an invoice not open, or more than the balance) and
 * records payment.recorded; the invoice records invoice.paid itself when its balance reaches zero.
 */
export class Payment {
  private constructor(
    private readonly state: PaymentSnapshot,
    private readonly recorded: RecordedEvent[],
  ) {}

  static receive(input: { id: string; invoice: Invoice; amountCents: number; currency: string; reference: string | null; now: Date }): Payment {
    const { invoice } = input;
    invoice.applyPayment({ paymentId: input.id, amountCents: input.amountCents, currency: input.currency, receivedAt: input.now });
    const target = invoice.snapshot();
    const state: PaymentSnapshot = {
      id: input.id,
      invoiceId: target.id,
      invoiceNumber: target.number as string,
      contractId: target.contractId,
      clientId: target.clientId,
      currency: input.currency,
      amountCents: input.amountCents,
      receivedOn: calendarDateOf(input.now),
      reference: input.reference,
      recordedAt: input.now.toISOString(),
    };
    return new Payment(state, [
      {
        name: 'payment.recorded',
        data: {
          payment_id: state.id,
          contract_id: state.contractId,
          client_id: state.clientId,
          currency: state.currency,
          amount_cents: state.amountCents,
          received_on: state.receivedOn,
          allocations: [{ invoice_id: state.invoiceId, invoice_number: state.invoiceNumber, amount_cents: state.amountCents }],
          // Over-payments are refused for now, so nothing is ever left unapplied.
          unapplied_cents: 0,
          ...(state.reference ? { reference: state.reference } : {}),
        },
      },
    ]);
  }

  snapshot(): PaymentSnapshot {
    return this.state;
  }

  pullEvents(): RecordedEvent[] {
    return this.recorded.splice(0, this.recorded.length);
  }
}
