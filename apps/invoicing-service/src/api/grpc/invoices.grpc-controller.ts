import { GrpcMethod } from '@nestjs/microservices';
import { GRPC_APIS, timestampOf } from '@mb/grpc';
import type { Metadata } from '@grpc/grpc-js';
import { AccessPolicyFrom, callerOfCall, GrpcController, onlyVisibleTo, validRequest, visibleTo } from '@mb/platform';
import { InvoicesController } from '../http/invoices.controller';
import { InvoiceErrors } from '../../domain/invoice/invoice.errors';
import { contractNotKnown } from '../../application/queries/financial-status.queries';
import { FinancialStatusQueries } from '../../application/queries/financial-status.queries';
import { InvoiceQueries } from '../../application/queries/invoice.queries';
import { financialStatusResponseOf } from '../http/financial-status.response';
import { ContractIdRequestDto, InvoiceIdRequestDto } from './invoice.dto';
import { invoiceMessage } from './invoice.response';

const { serviceName } = GRPC_APIS.invoicing;

/** Invoices and the contract financial status over gRPC: the queries of InvoicesController. */
@GrpcController()
@AccessPolicyFrom<InvoicesGrpcController>([InvoicesController], {
  list: 'listInvoices',
  get: 'getInvoice',
  financialStatus: 'getContractFinancialStatus',
})
export class InvoicesGrpcController {
  constructor(
    private readonly queries: InvoiceQueries,
    private readonly financialStatusQueries: FinancialStatusQueries,
  ) {}

  @GrpcMethod(serviceName, 'ListInvoices')
  async list(request: object, metadata: Metadata) {
    const { contract_id } = await validRequest(ContractIdRequestDto, request);
    return { invoices: onlyVisibleTo(callerOfCall(metadata), await this.queries.invoicesOfContract(contract_id)).map(invoiceMessage) };
  }

  @GrpcMethod(serviceName, 'GetInvoice')
  async get(request: object, metadata: Metadata) {
    const { invoice_id } = await validRequest(InvoiceIdRequestDto, request);
    return { invoice: invoiceMessage(visibleTo(callerOfCall(metadata), await this.queries.invoice(invoice_id), () => InvoiceErrors.notFound(invoice_id))) };
  }

  @GrpcMethod(serviceName, 'GetFinancialStatus')
  async financialStatus(request: object, metadata: Metadata) {
    const { contract_id } = await validRequest(ContractIdRequestDto, request);
    const status = visibleTo(callerOfCall(metadata), await this.financialStatusQueries.financialStatus(contract_id), () => contractNotKnown(contract_id));
    const response = financialStatusResponseOf(status);
    return { financial_status: { ...response, terminated_at: timestampOf(response.terminated_at) } };
  }
}
