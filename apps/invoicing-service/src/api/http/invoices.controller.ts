import { Controller, Get, Param, Query, StreamableFile } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProduces } from '@nestjs/swagger';
import { AccessPolicy, ApiIdParam, ApiProblems, type Caller, CurrentCaller, READERS_AND_CLIENT, visibleTo } from '@mb/platform';
import type { InvoiceStatus } from '../../domain/invoice/invoice-status';
import { InvoiceErrors } from '../../domain/invoice/invoice.errors';
import { contractNotKnown } from '../../application/queries/financial-status.queries';
import { FinancialStatusQueries } from '../../application/queries/financial-status.queries';
import { InvoiceQueries } from '../../application/queries/invoice.queries';
import { INVOICE_PAGE_LIMIT, InvoiceListQueries } from '../../application/queries/invoice-list.queries';
import { cursorOf, invoiceListPositionOf } from './page-cursor.dto';
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
    private readonly invoiceList: InvoiceListQueries,
  ) {}

  @Get('invoices')
  @ApiOperation({
    operationId: 'listInvoices',
    summary: 'List invoices',
    description:
      "Every invoice the caller may see (a client: its own), drafts included, filtered by contract, client, status, currency, due date range and overdue (by the client's calendar); by contract, then milestone index, a page at a time.",
  })
  @ApiOkResponse({ type: InvoiceListResponse, description: 'A page of the invoices that match, and the cursor of the next one.' })
  @ApiProblems({ 400: ['request.invalid'] })
  async list(@Query() query: ListInvoicesQueryDto, @CurrentCaller() caller: Caller): Promise<InvoiceListResponse> {
    // A client-role caller is confined to its own client: asking for another's finds nothing.
    if (caller.clientId !== null && query.client_id !== undefined && query.client_id !== caller.clientId) return { data: [], next_cursor: null };
    const page = await this.invoiceList.list(
      {
        contractId: query.contract_id,
        clientId: caller.clientId ?? query.client_id,
        status: query.status as InvoiceStatus | undefined,
        currency: query.currency,
        dueFrom: query.due_from,
        dueTo: query.due_to,
        overdue: query.overdue === undefined ? undefined : query.overdue === 'true',
      },
      { after: invoiceListPositionOf(query.cursor), limit: query.limit ?? INVOICE_PAGE_LIMIT.default },
    );
    return { data: page.invoices.map(invoiceResponseOf), next_cursor: cursorOf(page.lastWhenMore) };
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
  @ApiOperation({ operationId: 'getContractFinancialStatus', summary: "Get a contract's financial status", description: 'Value, billed, retained, released, paid, credited, outstanding, unbilled and cancelled amounts; billed = retained + paid + credited + outstanding.' })
  @ApiIdParam('id', 'con', 'The contract')
  @ApiOkResponse({ type: FinancialStatusResponse, description: 'The figures, from the invoices issued and the payments recorded.' })
  @ApiProblems({ 404: ['contract.not_found'] })
  async financialStatus(@Param('id') contractId: string, @CurrentCaller() caller: Caller): Promise<FinancialStatusResponse> {
    return financialStatusResponseOf(visibleTo(caller, await this.financialStatusQueries.financialStatus(contractId), () => contractNotKnown(contractId)));
  }
}
