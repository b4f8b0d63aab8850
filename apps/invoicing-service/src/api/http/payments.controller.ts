import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { RecordPayment } from '../../application/record-payment/record-payment.handler';
import { RecordPaymentDto } from './record-payment.dto';

@Controller('v1/payments')
export class PaymentsController {
  constructor(private readonly recordPayment: RecordPayment) {}

  /**
   * Records a payment for one open invoice: 201 with the payment and the invoice's new balance.
   * 422 payment.currency_mismatch / payment.exceeds_balance (over-payments are refused for now),
   * 409 invoice.not_open, 404 invoice.not_found.
   */
  @Post()
  @HttpCode(201)
  async record(@Body() body: RecordPaymentDto) {
    const { payment, invoice } = await this.recordPayment.execute({
      invoiceId: body.invoice_id,
      amountCents: body.amount_cents,
      currency: body.currency,
      reference: body.reference ?? null,
    });
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
}
