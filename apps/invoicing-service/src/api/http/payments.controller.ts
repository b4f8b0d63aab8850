import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiOperation } from '@nestjs/swagger';
import { AccessPolicy, ApiIdempotencyKey, ApiProblems } from '@mb/platform';
import { RecordPaymentHandler } from '../../application/record-payment/record-payment.handler';
import { PaymentResponse, paymentResponseOf } from './payment.response';
import { RecordPaymentDto } from './record-payment.dto';

@Controller('v1/payments')
// Money received is finance's to record, or a bank-feed system's (service).
@AccessPolicy<PaymentsController>({ record: ['admin', 'finance', 'service'] })
export class PaymentsController {
  constructor(private readonly recordPayment: RecordPaymentHandler) {}

  /** Records a payment for one open invoice: 201 with the payment and the invoice's new balance. */
  @Post()
  @HttpCode(201)
  @ApiOperation({
    operationId: 'recordPayment',
    summary: 'Record a payment for an open invoice',
    description: 'Over-payments are refused for now. When the balance reaches zero the invoice is paid and `invoice.paid` is published.',
  })
  @ApiCreatedResponse({ type: PaymentResponse, description: "The payment, with the invoice's new balance." })
  @ApiProblems({
    400: ['request.invalid'],
    404: ['invoice.not_found'],
    409: ['invoice.not_open', 'invoice.concurrent_update'],
    422: ['payment.currency_mismatch', 'payment.amount_not_positive', 'payment.exceeds_balance'],
  })
  @ApiIdempotencyKey({ required: true })
  async record(@Body() body: RecordPaymentDto): Promise<PaymentResponse> {
    const { payment, invoice } = await this.recordPayment.execute({
      invoiceId: body.invoice_id,
      amountCents: body.amount_cents,
      currency: body.currency,
      reference: body.reference ?? null,
    });
    return paymentResponseOf({ payment, invoice });
  }
}
