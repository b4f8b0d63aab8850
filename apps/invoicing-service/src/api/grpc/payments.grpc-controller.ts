import { GrpcMethod } from '@nestjs/microservices';
import { GRPC_APIS } from '@mb/grpc';
import { AccessPolicyFrom, GrpcController, validRequest } from '@mb/platform';
import { PaymentsController } from '../http/payments.controller';
import { RecordPaymentHandler } from '../../application/record-payment/record-payment.handler';
import { RecordPaymentDto } from '../http/record-payment.dto';
import { recordedPaymentMessage } from './invoice.response';

const { serviceName } = GRPC_APIS.invoicing;

/** Payments over gRPC: the use case of PaymentsController. */
@GrpcController()
@AccessPolicyFrom<PaymentsGrpcController>([PaymentsController], { record: 'recordPayment' })
export class PaymentsGrpcController {
  constructor(private readonly recordPayment: RecordPaymentHandler) {}

  @GrpcMethod(serviceName, 'RecordPayment')
  async record(request: object) {
    const body = await validRequest(RecordPaymentDto, request);
    const { payment, invoice } = await this.recordPayment.execute({
      invoiceId: body.invoice_id,
      amountCents: body.amount_cents,
      currency: body.currency,
      reference: body.reference ?? null,
    });
    return recordedPaymentMessage(payment, invoice);
  }
}
