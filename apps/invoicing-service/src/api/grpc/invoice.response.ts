import { protoEnumValue, timestampOf } from '@mb/grpc';
import type { CreditNoteView } from '../../application/queries/credit-note.view';
import type { InvoiceView } from '../../application/queries/invoice.view';
import { creditNoteResponseOf } from '../http/credit-note.response';
import { invoiceResponseOf } from '../http/invoice.response';
import { balanceOf, type InvoiceSnapshot } from '../../domain/invoice/invoice';
import type { RecordedPayment } from '../../application/record-payment/record-payment.handler';

// The REST shapes (the same snake_case fields) with proto's types: enums by value name, instants
// as google.protobuf.Timestamp; a null leaves its field unset.

export function invoiceMessage(invoice: InvoiceView) {
  const response = invoiceResponseOf(invoice);
  return {
    ...response,
    status: protoEnumValue('INVOICE_STATUS', response.status),
    kind: protoEnumValue('INVOICE_KIND', response.kind),
    paid_at: timestampOf(response.paid_at),
    closed_at: timestampOf(response.closed_at),
  };
}

export function creditNoteMessage(creditNote: CreditNoteView) {
  const response = creditNoteResponseOf(creditNote);
  return { ...response, issued_at: timestampOf(response.issued_at) };
}

export function issuedCreditNoteMessage(creditNote: CreditNoteView, invoice: InvoiceSnapshot) {
  return {
    credit_note: creditNoteMessage(creditNote),
    invoice: {
      id: invoice.id,
      status: protoEnumValue('INVOICE_STATUS', invoice.status),
      amount_credited_cents: invoice.amountCreditedCents,
      amount_due_cents: balanceOf(invoice),
    },
  };
}

export function recordedPaymentMessage({ payment, invoices, creditCents }: RecordedPayment) {
  const [single] = payment.allocations.length === 1 ? payment.allocations : [];
  const balances = invoices.map((invoice) => ({
    id: invoice.id,
    status: protoEnumValue('INVOICE_STATUS', invoice.status),
    amount_paid_cents: invoice.amountPaidCents,
    amount_due_cents: balanceOf(invoice),
  }));
  return {
    payment: {
      id: payment.id,
      // Deprecated fields of a payment that paid one invoice, kept for the callers of before issue 10.
      invoice_id: single?.invoiceId,
      invoice_number: single?.invoiceNumber,
      contract_id: single?.contractId,
      client_id: payment.clientId,
      currency: payment.currency,
      amount_cents: payment.amountCents,
      received_on: payment.receivedOn,
      reference: payment.externalReference ?? undefined,
      recorded_at: timestampOf(payment.recordedAt),
      method: protoEnumValue('PAYMENT_METHOD', payment.method),
      external_reference: payment.externalReference ?? undefined,
      allocations: payment.allocations.map((allocation) => ({
        invoice_id: allocation.invoiceId,
        invoice_number: allocation.invoiceNumber,
        contract_id: allocation.contractId,
        amount_cents: allocation.amountCents,
      })),
      unapplied_cents: payment.unappliedCents,
    },
    invoice: balances[0],
    invoices: balances,
    client_credit_cents: creditCents,
  };
}
