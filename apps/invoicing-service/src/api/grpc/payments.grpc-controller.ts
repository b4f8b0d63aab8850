import { GrpcMethod } from '@nestjs/microservices';
import { domainEnumValue, GRPC_APIS } from '@mb/grpc';
import { AccessPolicy, GrpcController, validRequest } from '@mb/platform';
import { RecordPaymentHandler } from '../../application/record-payment/record-payment.handler';
import { recordPaymentCommandOf, RecordPaymentDto } from '../http/record-payment.dto';
import { recordedPaymentMessage } from './invoice.response';

const { serviceName } = GRPC_APIS.invoicing;

/** Payments over gRPC: the use case of PaymentsController. */
@GrpcController()
@AccessPolicy<PaymentsGrpcController>({ record: ['admin', 'finance', 'service'] })
export class PaymentsGrpcController {
  constructor(private readonly recordPayment: RecordPaymentHandler) {}

  @GrpcMethod(serviceName, 'RecordPayment')
  async record(request: object) {
    const { method, allocations, ...rest } = request as { method?: unknown; allocations?: unknown[] };
    // proto3 reads an unset enum as UNSPECIFIED and an unset repeated field as []: both mean "not given".
    const body = await validRequest(RecordPaymentDto, {
      ...rest,
      ...(domainEnumValue('PAYMENT_METHOD', method) !== undefined ? { method: domainEnumValue('PAYMENT_METHOD', method) } : {}),
      ...(Array.isArray(allocations) && allocations.length > 0 ? { allocations } : {}),
    });
    return recordedPaymentMessage(await this.recordPayment.execute(recordPaymentCommandOf(body)));
  }
}
