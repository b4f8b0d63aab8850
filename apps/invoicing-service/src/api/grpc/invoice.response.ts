import { protoEnumValue, timestampOf } from '@mb/grpc';
import type { InvoiceView } from '../../application/queries/invoice.view';
import { invoiceResponseOf } from '../http/invoice.response';
import { balanceOf, type InvoiceSnapshot } from '../../domain/invoice/invoice';
import type { PaymentSnapshot } from '../../domain/payment/payment';

// The REST shapes (the same snake_case fields) with proto's types: enums by value name, instants
// as google.protobuf.Timestamp; a null leaves its field unset.

export function invoiceMessage(invoice: InvoiceView) {
  const response = invoiceResponseOf(invoice);
  return {
    ...response,
    status: protoEnumValue('INVOICE_STATUS', response.status),
    kind: protoEnumValue('INVOICE_KIND', response.kind),
    paid_at: timestampOf(response.paid_at),
  };
}

export function recordedPaymentMessage(payment: PaymentSnapshot, invoice: InvoiceSnapshot) {
  return {
    payment: {
      id: payment.id,
      invoice_id: payment.invoiceId,
      invoice_number: payment.invoiceNumber,
      contract_id: payment.contractId,
      client_id: payment.clientId,
      currency: payment.currency,
      amount_cents: payment.amountCents,
      received_on: payment.receivedOn,
      reference: payment.reference,
      recorded_at: timestampOf(payment.recordedAt),
    },
    invoice: {
      id: invoice.id,
      status: protoEnumValue('INVOICE_STATUS', invoice.status),
      amount_paid_cents: invoice.amountPaidCents,
      amount_due_cents: balanceOf(invoice),
    },
  };
}
