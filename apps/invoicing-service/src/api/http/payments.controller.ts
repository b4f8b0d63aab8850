import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { RecordPaymentHandler } from '../../application/record-payment/record-payment.handler';
import { paymentResponseOf, type PaymentResponse } from './payment.response';
import { RecordPaymentDto } from './record-payment.dto';

@Controller('v1/payments')
export class PaymentsController {
  constructor(private readonly recordPayment: RecordPaymentHandler) {}

  /**
   * Records a payment for one open invoice: 201 with the payment and the invoice's new balance.
   * 422 payment.currency_mismatch / payment.exceeds_balance (over-payments are refused for now),
   * 409 invoice.not_open, 404 invoice.not_found.
   */
  @Post()
  @HttpCode(201)
  async record(@Body() body: RecordPaymentDto): Promise<PaymentResponse> {
    const { payment, invoice } = await this.recordPayment.execute({
      invoiceId: body.invoice_id,
      amountCents: body.amount_cents,
      currency: body.currency,
      reference: body.reference ?? null,
    });
    return paymentResponseOf(payment, invoice);
  }
}
