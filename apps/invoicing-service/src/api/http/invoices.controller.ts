import { Controller, Get, Param, Query, StreamableFile } from '@nestjs/common';
import { InvoiceQueries, type FinancialStatusView } from '../../application/queries/invoice.queries';
import type { InvoiceView } from '../../application/queries/invoice.view';
import { ListInvoicesQueryDto } from './record-payment.dto';

@Controller('v1')
export class InvoicesController {
  constructor(private readonly queries: InvoiceQueries) {}

  @Get('invoices')
  async list(@Query() query: ListInvoicesQueryDto): Promise<{ data: InvoiceView[] }> {
    return { data: await this.queries.invoicesOfContract(query.contract_id) };
  }

  @Get('invoices/:id')
  async get(@Param('id') id: string): Promise<InvoiceView> {
    return this.queries.invoice(id);
  }

  /** The issued invoice as a PDF; a draft has none (409 invoice.not_issued). */
  @Get('invoices/:id/pdf')
  async pdf(@Param('id') id: string): Promise<StreamableFile> {
    const { number, document } = await this.queries.pdf(id);
    return new StreamableFile(document, { type: 'application/pdf', disposition: `inline; filename="${number}.pdf"`, length: document.length });
  }

  @Get('contracts/:id/financial-status')
  async financialStatus(@Param('id') contractId: string): Promise<FinancialStatusView> {
    return this.queries.financialStatus(contractId);
  }
}
