import { ClientBalance } from '../client-balance/client-balance';
import type { Invoice } from '../invoice/invoice';
import { Payment, type PaymentMethod } from './payment';

/**
 * A payment of `amountCents` allocated whole to one invoice (explicitly), as finance records one
 * bank transfer for one invoice: the invoice's refusals (not open, wrong currency, more than its
 * balance) stay visible. The client's credit is a fresh one unless given.
 */
export function aPaymentFor(
  invoice: Invoice,
  input: {
    id: string;
    amountCents: number;
    currency: string;
    externalReference?: string | null;
    now: Date;
    receivedOn?: string | null;
    method?: PaymentMethod;
    credit?: ClientBalance;
  },
): Payment {
  const { clientId, clientTimeZone } = invoice.snapshot();
  return Payment.receive({
    id: input.id,
    clientId,
    clientTimeZone,
    currency: input.currency,
    amountCents: input.amountCents,
    receivedOn: input.receivedOn ?? null,
    method: input.method ?? 'bank_transfer',
    externalReference: input.externalReference ?? null,
    allocation: { mode: 'explicit', parts: [{ invoiceId: invoice.id, amountCents: input.amountCents }] },
    openInvoices: [invoice],
    credit: input.credit ?? ClientBalance.empty(clientId, input.currency),
    now: input.now,
  });
}
