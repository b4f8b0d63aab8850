import type { InvoiceSnapshot } from '../../domain/invoice/invoice';
import type { PaymentSnapshot } from '../../domain/payment/payment';

/** A recorded payment as the API shows it, with its invoice's new balance. */
export interface PaymentResponse {
  id: string;
  invoice_id: string;
  invoice_number: string;
  contract_id: string;
  client_id: string;
  currency: string;
  amount_cents: number;
  received_on: string;
  reference: string | null;
  recorded_at: string;
  invoice: { id: string; status: string; amount_paid_cents: number; amount_due_cents: number };
}

export function paymentResponseOf(payment: PaymentSnapshot, invoice: InvoiceSnapshot): PaymentResponse {
  return {
    id: payment.id,
    invoice_id: payment.invoiceId,
    invoice_number: payment.invoiceNumber,
    contract_id: payment.contractId,
    client_id: payment.clientId,
    currency: payment.currency,
    amount_cents: payment.amountCents,
    received_on: payment.receivedOn,
    reference: payment.reference,
    recorded_at: payment.recordedAt,
    invoice: { id: invoice.id, status: invoice.status, amount_paid_cents: invoice.amountPaidCents, amount_due_cents: invoice.payableCents - invoice.amountPaidCents },
  };
}
