import { ApiProperty } from '@nestjs/swagger';
import { ApiIdProperty } from '@mb/platform';
import { balanceOf, type InvoiceSnapshot } from '../../domain/invoice/invoice';
import { INVOICE_STATUSES } from '../../domain/invoice/invoice-status';
import type { PaymentSnapshot } from '../../domain/payment/payment';

/** The invoice a payment was applied to, as the payment left it. */
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

/** A payment recorded against one open invoice. */
export class PaymentResponse {
  @ApiIdProperty('pay', 'The payment')
  id!: string;

  @ApiIdProperty('inv', 'The invoice paid')
  invoice_id!: string;

  @ApiProperty({ example: 'INV-2026-000042' })
  invoice_number!: string;

  @ApiIdProperty('con', 'The contract the invoice bills')
  contract_id!: string;

  @ApiIdProperty('cli', 'The client who paid')
  client_id!: string;

  @ApiProperty({ description: 'Lowercase ISO 4217, the invoice currency.', pattern: '^[a-z]{3}$', example: 'usd' })
  currency!: string;

  @ApiProperty({ type: 'integer', minimum: 1, example: 500_000 })
  amount_cents!: number;

  @ApiProperty({ format: 'date', description: 'The day the payment was recorded.', example: '2026-06-20' })
  received_on!: string;

  @ApiProperty({ type: String, nullable: true, description: "The payer's reference.", example: 'BACS 88213' })
  reference!: string | null;

  @ApiProperty({ format: 'date-time', example: '2026-06-20T10:15:00.000Z' })
  recorded_at!: string;

  @ApiProperty({ type: () => PaidInvoiceResponse })
  invoice!: PaidInvoiceResponse;
}

export function paymentResponseOf({ payment, invoice }: { payment: PaymentSnapshot; invoice: InvoiceSnapshot }): PaymentResponse {
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
    invoice: { id: invoice.id, status: invoice.status, amount_paid_cents: invoice.amountPaidCents, amount_due_cents: balanceOf(invoice) },
  };
}
