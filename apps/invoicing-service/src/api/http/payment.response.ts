import { ApiProperty } from '@nestjs/swagger';
import { ApiIdProperty } from '@mb/platform';
import { balanceOf, type InvoiceSnapshot } from '../../domain/invoice/invoice';
import { INVOICE_STATUSES } from '../../domain/invoice/invoice-status';
import { PAYMENT_METHODS } from '../../domain/payment/payment';
import type { RefundSnapshot } from '../../domain/refund/refund';
import type { ClientBalanceView, PaymentView } from '../../application/queries/payment.view';
import type { RecordedPayment } from '../../application/record-payment/record-payment.handler';

/** An invoice a payment was applied to, as the payment left it. */
export class PaidInvoiceResponse {
  @ApiIdProperty('inv', 'The invoice')
  id!: string;

  @ApiProperty({ enum: INVOICE_STATUSES, description: 'paid once nothing is owed, else still open.', example: 'open' })
  status!: string;

  @ApiProperty({ type: 'integer', minimum: 0, example: 500_000 })
  amount_paid_cents!: number;

  @ApiProperty({ type: 'integer', minimum: 0, description: 'The open balance left.', example: 707_500 })
  amount_due_cents!: number;
}

/** Part of a payment applied to one invoice. */
export class PaymentAllocationResponse {
  @ApiIdProperty('inv', 'The invoice')
  invoice_id!: string;

  @ApiProperty({ example: 'INV-2026-000042' })
  invoice_number!: string;

  @ApiIdProperty('con', 'The contract the invoice bills')
  contract_id!: string;

  @ApiProperty({ type: 'integer', minimum: 1, example: 500_000 })
  amount_cents!: number;
}

/** A payment as recorded, with its allocations. */
export class PaymentResponse {
  @ApiIdProperty('pay', 'The payment')
  id!: string;

  @ApiIdProperty('cli', 'The client who paid')
  client_id!: string;

  @ApiProperty({ description: 'Lowercase ISO 4217.', pattern: '^[a-z]{3}$', example: 'usd' })
  currency!: string;

  @ApiProperty({ type: 'integer', minimum: 1, example: 800_000 })
  amount_cents!: number;

  @ApiProperty({ format: 'date', description: "The value date, in the client's time zone.", example: '2026-06-20' })
  received_on!: string;

  @ApiProperty({ enum: PAYMENT_METHODS, example: 'bank_transfer' })
  method!: string;

  @ApiProperty({ type: String, nullable: true, description: "The payer's or bank's reference, unique per client.", example: 'BACS 88213' })
  external_reference!: string | null;

  @ApiProperty({ type: () => [PaymentAllocationResponse], description: 'The invoices it paid, in allocation order.' })
  allocations!: PaymentAllocationResponse[];

  @ApiProperty({ type: 'integer', minimum: 0, description: "What the allocations left: added to the client's unapplied credit in this currency.", example: 27_500 })
  unapplied_cents!: number;

  @ApiProperty({ format: 'date-time', example: '2026-06-20T10:15:00.000Z' })
  recorded_at!: string;
}

/** A payment just recorded: the payment, the invoices it paid as it left them, and the client's credit after it. */
export class RecordedPaymentResponse extends PaymentResponse {
  @ApiProperty({ type: () => [PaidInvoiceResponse], description: 'The invoices allocated to, in allocation order.' })
  invoices!: PaidInvoiceResponse[];

  @ApiProperty({ type: 'integer', minimum: 0, description: "The client's unapplied credit in the payment's currency after it.", example: 27_500 })
  client_credit_cents!: number;
}

export class PaymentListResponse {
  @ApiProperty({ type: () => [PaymentResponse], description: 'Newest first.' })
  data!: PaymentResponse[];

  @ApiProperty({ type: String, nullable: true, description: 'Pass as cursor for the next page; null on the last page.' })
  next_cursor!: string | null;
}

/** A client's unapplied credit in one currency. */
export class ClientBalanceResponse {
  @ApiProperty({ description: 'Lowercase ISO 4217.', pattern: '^[a-z]{3}$', example: 'usd' })
  currency!: string;

  @ApiProperty({ type: 'integer', minimum: 0, description: 'Money received and not yet applied to an invoice nor refunded.', example: 27_500 })
  unapplied_credit_cents!: number;
}

export class ClientBalancesResponse {
  @ApiIdProperty('cli', 'The client')
  client_id!: string;

  @ApiProperty({ type: () => [ClientBalanceResponse], description: 'One per currency the client ever had credit in; money is never mixed across them.' })
  balances!: ClientBalanceResponse[];
}

/** A refund of unapplied credit. */
export class RefundResponse {
  @ApiIdProperty('rfd', 'The refund')
  id!: string;

  @ApiIdProperty('cli', 'The client refunded')
  client_id!: string;

  @ApiProperty({ description: 'Lowercase ISO 4217.', pattern: '^[a-z]{3}$', example: 'usd' })
  currency!: string;

  @ApiProperty({ type: 'integer', minimum: 1, example: 27_500 })
  amount_cents!: number;

  @ApiProperty({ format: 'date', example: '2026-08-03' })
  refunded_on!: string;

  @ApiProperty({ enum: PAYMENT_METHODS, example: 'bank_transfer' })
  method!: string;

  @ApiProperty({ type: String, nullable: true, example: 'REFUND 2026-08-03 ACME' })
  external_reference!: string | null;

  @ApiProperty({ type: String, nullable: true, example: 'Over-payment returned at the client’s request.' })
  reason!: string | null;

  @ApiProperty({ type: 'integer', minimum: 0, description: "The client's unapplied credit left in this currency.", example: 0 })
  unapplied_credit_cents!: number;

  @ApiProperty({ format: 'date-time', example: '2026-08-03T10:00:00.000Z' })
  recorded_at!: string;
}

export function paymentResponseOf(payment: PaymentView): PaymentResponse {
  return {
    id: payment.id,
    client_id: payment.clientId,
    currency: payment.currency,
    amount_cents: payment.amountCents,
    received_on: payment.receivedOn,
    method: payment.method,
    external_reference: payment.externalReference,
    allocations: payment.allocations.map((allocation) => ({
      invoice_id: allocation.invoiceId,
      invoice_number: allocation.invoiceNumber,
      contract_id: allocation.contractId,
      amount_cents: allocation.amountCents,
    })),
    unapplied_cents: payment.unappliedCents,
    recorded_at: payment.recordedAt,
  };
}

export function recordedPaymentResponseOf({ payment, invoices, creditCents }: RecordedPayment): RecordedPaymentResponse {
  return {
    ...paymentResponseOf(payment),
    invoices: invoices.map(paidInvoiceOf),
    client_credit_cents: creditCents,
  };
}

export function paidInvoiceOf(invoice: InvoiceSnapshot): PaidInvoiceResponse {
  return { id: invoice.id, status: invoice.status, amount_paid_cents: invoice.amountPaidCents, amount_due_cents: balanceOf(invoice) };
}

export function clientBalancesResponseOf(clientId: string, balances: readonly ClientBalanceView[]): ClientBalancesResponse {
  return { client_id: clientId, balances: balances.map((balance) => ({ currency: balance.currency, unapplied_credit_cents: balance.unappliedCents })) };
}

export function refundResponseOf(refund: RefundSnapshot): RefundResponse {
  return {
    id: refund.id,
    client_id: refund.clientId,
    currency: refund.currency,
    amount_cents: refund.amountCents,
    refunded_on: refund.refundedOn,
    method: refund.method,
    external_reference: refund.externalReference,
    reason: refund.reason,
    unapplied_credit_cents: refund.unappliedCentsAfter,
    recorded_at: refund.recordedAt,
  };
}
