import { Controller, Get, Param, Query, StreamableFile } from '@nestjs/common';
import { FinancialStatusQueries } from '../../application/queries/financial-status.queries';
import { InvoiceQueries } from '../../application/queries/invoice.queries';
import { financialStatusResponseOf, type FinancialStatusResponse } from './financial-status.response';
import { invoiceResponseOf, type InvoiceResponse } from './invoice.response';
import { ListInvoicesQueryDto } from './list-invoices.dto';

@Controller('v1')
export class InvoicesController {
  constructor(
    private readonly queries: InvoiceQueries,
    private readonly financialStatusQueries: FinancialStatusQueries,
  ) {}

  @Get('invoices')
  async list(@Query() query: ListInvoicesQueryDto): Promise<{ data: InvoiceResponse[] }> {
    return { data: (await this.queries.invoicesOfContract(query.contract_id)).map(invoiceResponseOf) };
  }

  @Get('invoices/:id')
  async get(@Param('id') id: string): Promise<InvoiceResponse> {
    return invoiceResponseOf(await this.queries.invoice(id));
  }

  /** The issued invoice as a PDF; a draft has none (409 invoice.not_issued). */
  @Get('invoices/:id/pdf')
  async pdf(@Param('id') id: string): Promise<StreamableFile> {
    const { number, document } = await this.queries.pdf(id);
    return new StreamableFile(document, { type: 'application/pdf', disposition: `inline; filename="${number}.pdf"`, length: document.length });
  }

  @Get('contracts/:id/financial-status')
  async financialStatus(@Param('id') contractId: string): Promise<FinancialStatusResponse> {
    return financialStatusResponseOf(await this.financialStatusQueries.financialStatus(contractId));
  }
}
