import { Inject } from '@nestjs/common';
import { GrpcMethod } from '@nestjs/microservices';
import { GRPC_APIS } from '@mb/grpc';
import type { Clock } from '@mb/kernel';
import { AccessPolicyFrom, GrpcController, SERVICE_CLOCK, validRequest } from '@mb/platform';
import { MarkInvoiceUncollectibleHandler } from '../../application/mark-invoice-uncollectible/mark-invoice-uncollectible.handler';
import { SELLER_IDENTITY } from '../../application/ports/invoice-document.port';
import { invoiceViewOf } from '../../application/queries/invoice.view';
import type { SellerIdentity } from '../../domain/documents/seller-identity';
import { VoidInvoiceHandler } from '../../application/void-invoice/void-invoice.handler';
import { CloseInvoiceRequestDto } from '../http/correction.dto';
import { InvoiceCorrectionsController } from '../http/invoice-corrections.controller';
import { invoiceMessage } from './invoice.response';

const { serviceName } = GRPC_APIS.invoicing;

/** Voids and write-offs over gRPC: the use cases of InvoiceCorrectionsController. */
@GrpcController()
@AccessPolicyFrom<InvoiceCorrectionsGrpcController>([InvoiceCorrectionsController], { void: 'voidInvoice', markUncollectible: 'markInvoiceUncollectible' })
export class InvoiceCorrectionsGrpcController {
  constructor(
    private readonly voidInvoice: VoidInvoiceHandler,
    private readonly markInvoiceUncollectible: MarkInvoiceUncollectibleHandler,
    @Inject(SERVICE_CLOCK) private readonly clock: Clock,
    @Inject(SELLER_IDENTITY) private readonly seller: SellerIdentity,
  ) {}

  @GrpcMethod(serviceName, 'VoidInvoice')
  async void(request: object) {
    const body = await validRequest(CloseInvoiceRequestDto, request);
    return { invoice: invoiceMessage(invoiceViewOf(await this.voidInvoice.execute({ invoiceId: body.invoice_id, reason: body.reason }), this.clock.now(), this.seller)) };
  }

  @GrpcMethod(serviceName, 'MarkInvoiceUncollectible')
  async markUncollectible(request: object) {
    const body = await validRequest(CloseInvoiceRequestDto, request);
    return { invoice: invoiceMessage(invoiceViewOf(await this.markInvoiceUncollectible.execute({ invoiceId: body.invoice_id, reason: body.reason }), this.clock.now(), this.seller)) };
  }
}
