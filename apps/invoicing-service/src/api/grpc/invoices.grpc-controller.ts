import { GrpcMethod } from '@nestjs/microservices';
import { GRPC_APIS } from '@mb/grpc';
import { GrpcController, validRequest } from '@mb/platform';
import { FinancialStatusQueries } from '../../application/queries/financial-status.queries';
import { InvoiceQueries } from '../../application/queries/invoice.queries';
import { financialStatusResponseOf } from '../http/financial-status.response';
import { ListInvoicesQueryDto } from '../http/list-invoices.dto';
import { ContractIdRequestDto, InvoiceIdRequestDto } from './invoice.dto';
import { invoiceMessage } from './invoice.response';

const { serviceName } = GRPC_APIS.invoicing;

/** Invoices and the contract financial status over gRPC: the queries of InvoicesController. */
@GrpcController()
export class InvoicesGrpcController {
  constructor(
    private readonly queries: InvoiceQueries,
    private readonly financialStatusQueries: FinancialStatusQueries,
  ) {}

  @GrpcMethod(serviceName, 'ListInvoices')
  async list(request: object) {
    const { contract_id } = await validRequest(ListInvoicesQueryDto, request);
    return { invoices: (await this.queries.invoicesOfContract(contract_id)).map(invoiceMessage) };
  }

  @GrpcMethod(serviceName, 'GetInvoice')
  async get(request: object) {
    const { invoice_id } = await validRequest(InvoiceIdRequestDto, request);
    return { invoice: invoiceMessage(await this.queries.invoice(invoice_id)) };
  }

  @GrpcMethod(serviceName, 'GetFinancialStatus')
  async financialStatus(request: object) {
    const { contract_id } = await validRequest(ContractIdRequestDto, request);
    return { financial_status: financialStatusResponseOf(await this.financialStatusQueries.financialStatus(contract_id)) };
  }
}
