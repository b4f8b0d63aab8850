import { Controller, Get, Param, Query, StreamableFile } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProduces } from '@nestjs/swagger';
import { AccessPolicy, ApiIdParam, ApiProblems, type Caller, CurrentCaller, onlyVisibleTo, READERS_AND_CLIENT, visibleTo } from '@mb/platform';
import { InvoiceErrors } from '../../domain/invoice/invoice.errors';
import { contractNotKnown } from '../../application/queries/financial-status.queries';
import { FinancialStatusQueries } from '../../application/queries/financial-status.queries';
import { InvoiceQueries } from '../../application/queries/invoice.queries';
import { FinancialStatusResponse, financialStatusResponseOf } from './financial-status.response';
import { InvoiceListResponse, InvoiceResponse, invoiceResponseOf } from './invoice.response';
import { ListInvoicesQueryDto } from './list-invoices.dto';

@Controller('v1')
@AccessPolicy<InvoicesController>({
  list: READERS_AND_CLIENT,
  get: READERS_AND_CLIENT,
  pdf: READERS_AND_CLIENT,
  ubl: READERS_AND_CLIENT,
  financialStatus: READERS_AND_CLIENT,
})
export class InvoicesController {
  constructor(
    private readonly queries: InvoiceQueries,
    private readonly financialStatusQueries: FinancialStatusQueries,
  ) {}

  @Get('invoices')
  @ApiOperation({ operationId: 'listInvoices', summary: "List a contract's invoices" })
  @ApiOkResponse({ type: InvoiceListResponse, description: "The contract's invoices, drafts included; none for a contract invoicing does not know." })
  @ApiProblems({ 400: ['request.invalid'] })
  async list(@Query() query: ListInvoicesQueryDto, @CurrentCaller() caller: Caller): Promise<InvoiceListResponse> {
    return { data: onlyVisibleTo(caller, await this.queries.invoicesOfContract(query.contract_id)).map(invoiceResponseOf) };
  }

  @Get('invoices/:id')
  @ApiOperation({ operationId: 'getInvoice', summary: 'Get an invoice' })
  @ApiIdParam('id', 'inv', 'The invoice')
  @ApiOkResponse({ type: InvoiceResponse, description: 'The invoice with its lines.' })
  @ApiProblems({ 404: ['invoice.not_found'] })
  async get(@Param('id') id: string, @CurrentCaller() caller: Caller): Promise<InvoiceResponse> {
    return invoiceResponseOf(visibleTo(caller, await this.queries.invoice(id), () => InvoiceErrors.notFound(id)));
  }

  /** The issued invoice as a PDF; a draft has none (409 invoice.not_issued). */
  @Get('invoices/:id/pdf')
  @ApiOperation({ operationId: 'getInvoicePdf', summary: 'Get an issued invoice as a PDF' })
  @ApiIdParam('id', 'inv', 'The invoice')
  @ApiProduces('application/pdf')
  @ApiOkResponse({ schema: { type: 'string', format: 'binary' }, description: 'The invoice document, inline, named after its number.' })
  @ApiProblems({ 404: ['invoice.not_found'], 409: ['invoice.not_issued'] })
  async pdf(@Param('id') id: string, @CurrentCaller() caller: Caller): Promise<StreamableFile> {
    visibleTo(caller, await this.queries.invoice(id), () => InvoiceErrors.notFound(id));
    const { number, document } = await this.queries.pdf(id);
    return new StreamableFile(document, { type: 'application/pdf', disposition: `inline; filename="${number}.pdf"`, length: document.length });
  }

  /** The issued invoice as a UBL 2.1 e-invoice (Peppol BIS Billing 3.0 / EN 16931); a draft has none. */
  @Get('invoices/:id/ubl')
  @ApiOperation({
    operationId: 'getInvoiceUbl',
    summary: 'Get an issued invoice as a UBL e-invoice',
    description:
      'UBL 2.1 following Peppol BIS Billing 3.0 (EN 16931): seller and payment instructions from configuration, the PO number as the order reference, retainage as the paid amount (BT-113) so that the amount due (BT-115) is what the client pays now.',
  })
  @ApiIdParam('id', 'inv', 'The invoice')
  @ApiProduces('application/xml')
  @ApiOkResponse({ schema: { type: 'string' }, description: 'The UBL Invoice document, named after its number.' })
  @ApiProblems({ 404: ['invoice.not_found'], 409: ['invoice.not_issued'] })
  async ubl(@Param('id') id: string, @CurrentCaller() caller: Caller): Promise<StreamableFile> {
    visibleTo(caller, await this.queries.invoice(id), () => InvoiceErrors.notFound(id));
    const { number, document, contentType } = await this.queries.eInvoice(id);
    const body = Buffer.from(document, 'utf8');
    return new StreamableFile(body, { type: contentType, disposition: `inline; filename="${number}.xml"`, length: body.length });
  }

  @Get('contracts/:id/financial-status')
  @ApiOperation({ operationId: 'getContractFinancialStatus', summary: "Get a contract's financial status", description: 'Value, billed, paid, outstanding and unbilled amounts.' })
  @ApiIdParam('id', 'con', 'The contract')
  @ApiOkResponse({ type: FinancialStatusResponse, description: 'The figures, from the invoices issued and the payments recorded.' })
  @ApiProblems({ 404: ['contract.not_found'] })
  async financialStatus(@Param('id') contractId: string, @CurrentCaller() caller: Caller): Promise<FinancialStatusResponse> {
    return financialStatusResponseOf(visibleTo(caller, await this.financialStatusQueries.financialStatus(contractId), () => contractNotKnown(contractId)));
  }
}
