import { Controller, Get, Headers, Query, StreamableFile } from '@nestjs/common';
import { ApiExtraModels, ApiOkResponse, ApiOperation, getSchemaPath } from '@nestjs/swagger';
import { AccessPolicy, ApiProblems, type Caller, CurrentCaller } from '@mb/platform';
import { ReceivablesReports } from '../../application/queries/receivables-reports.queries';
import type { ReceivablesScope, UnbilledContract } from '../../application/ports/receivables-report.port';
import { csvFile, wantsCsv } from './csv-file.response';
import { contractPositionOf, cursorOf } from './page-cursor.dto';
import { AgingQueryDto, CashForecastQueryDto, CollectionRatiosQueryDto, UNBILLED_PAGE_LIMIT, UnbilledQueryDto } from './receivables-reports.dto';
import {
  AGING_CSV_HEADER,
  AgingReportResponse,
  agingCsvRows,
  agingReportResponseOf,
  CASH_FORECAST_CSV_HEADER,
  CashForecastResponse,
  cashForecastCsvRows,
  cashForecastResponseOf,
  COLLECTION_RATIOS_CSV_HEADER,
  CollectionRatiosResponse,
  collectionRatiosCsvRows,
  collectionRatiosResponseOf,
  UNBILLED_CSV_HEADER,
  UnbilledReportResponse,
  unbilledContractResponseOf,
  unbilledCsvRows,
} from './receivables-reports.response';

/** A report's 200: the JSON document, or the same rows as an RFC 4180 CSV file. */
function ApiReport(type: new () => object, description: string): MethodDecorator {
  return (target, key, descriptor) => {
    ApiExtraModels(type)(target, key, descriptor);
    ApiOkResponse({
      description,
      content: {
        'application/json': { schema: { $ref: getSchemaPath(type) } },
        'text/csv': { schema: { type: 'string', description: 'A header line, then one line per row; amounts in minor units beside a currency column.' } },
      },
    })(target, key, descriptor);
  };
}

/** Finance's readers; a client reads its own aging only. */
const FINANCE_READERS = ['admin', 'finance', 'auditor'] as const;

/**
 * Issue 10 item 6: receivables reports over every contract, each as JSON or, with `?format=csv`
 * or `Accept: text/csv`, as an RFC 4180 file for finance tooling. Read-only.
 */
@Controller('v1/reports')
@AccessPolicy<ReceivablesReportsController>({
  aging: [...FINANCE_READERS, 'client'],
  collectionRatios: FINANCE_READERS,
  unbilled: FINANCE_READERS,
  cashForecast: FINANCE_READERS,
})
export class ReceivablesReportsController {
  constructor(private readonly reports: ReceivablesReports) {}

  @Get('ar-aging')
  @ApiOperation({
    operationId: 'getArAgingReport',
    summary: 'AR aging per client and currency',
    description:
      "Open balances (payable − paid − credited of open invoices) by days past due in each client's calendar: current, 1–30, 31–60, 61–90, over 90. A client-role caller gets its own client's rows only.",
  })
  @ApiReport(AgingReportResponse, 'The report; as CSV, one line per row (client and currency).')
  @ApiProblems({ 400: ['request.invalid'] })
  async aging(@Query() query: AgingQueryDto, @Headers('accept') accept: string | undefined, @CurrentCaller() caller: Caller): Promise<AgingReportResponse | StreamableFile> {
    // A client-role caller is confined to its own client: asking for another's finds nothing.
    const foreign = caller.clientId !== null && query.client_id !== undefined && query.client_id !== caller.clientId;
    const scope = { ...scopeOf(query), ...(caller.clientId !== null ? { clientId: caller.clientId } : {}) };
    const report = agingReportResponseOf(await this.reports.aging(scope, query.as_of, { nothingVisible: foreign }));
    return wantsCsv(query.format, accept) ? csvFile('ar-aging', AGING_CSV_HEADER, agingCsvRows(report)) : report;
  }

  @Get('collection-ratios')
  @ApiOperation({
    operationId: 'getCollectionRatiosReport',
    summary: 'DSO and CEI per currency over a period',
    description: 'Days sales outstanding and the collection effectiveness index of the period [from, to], each currency apart; the guide (docs/api/invoicing-service.md) gives the formulas.',
  })
  @ApiReport(CollectionRatiosResponse, 'The ratios and the figures they come from; as CSV, one line per currency.')
  @ApiProblems({ 400: ['request.invalid'], 422: ['report.period_invalid'] })
  async collectionRatios(@Query() query: CollectionRatiosQueryDto, @Headers('accept') accept: string | undefined): Promise<CollectionRatiosResponse | StreamableFile> {
    const report = collectionRatiosResponseOf(await this.reports.collectionRatios(scopeOf(query), { from: query.from, to: query.to }));
    return wantsCsv(query.format, accept) ? csvFile('collection-ratios', COLLECTION_RATIOS_CSV_HEADER, collectionRatiosCsvRows(report)) : report;
  }

  @Get('unbilled')
  @ApiOperation({
    operationId: 'getUnbilledReport',
    summary: 'Unbilled value per contract',
    description: "Each contract's value against what its issued invoices billed (before tax), by contract id, a page at a time; as CSV, every contract at once (cursor and limit do not apply).",
  })
  @ApiReport(UnbilledReportResponse, 'A page of contracts; as CSV, one line per contract, all of them.')
  @ApiProblems({ 400: ['request.invalid'] })
  async unbilled(@Query() query: UnbilledQueryDto, @Headers('accept') accept: string | undefined): Promise<UnbilledReportResponse | StreamableFile> {
    if (wantsCsv(query.format, accept)) {
      // A file for finance tooling holds every contract: the pages are walked here, not by the caller.
      const contracts: UnbilledContract[] = [];
      let after: string | null = null;
      do {
        const page = await this.reports.unbilled(scopeOf(query), after, UNBILLED_PAGE_LIMIT.max);
        contracts.push(...page.contracts);
        after = page.lastIdWhenMore;
      } while (after !== null);
      return csvFile('unbilled', UNBILLED_CSV_HEADER, unbilledCsvRows(contracts.map(unbilledContractResponseOf)));
    }
    const page = await this.reports.unbilled(scopeOf(query), contractPositionOf(query.cursor), query.limit ?? UNBILLED_PAGE_LIMIT.default);
    return { data: page.contracts.map(unbilledContractResponseOf), next_cursor: cursorOf(page.lastIdWhenMore === null ? null : { contractId: page.lastIdWhenMore }) };
  }

  @Get('cash-flow-forecast')
  @ApiOperation({
    operationId: 'getCashFlowForecast',
    summary: 'Cash-flow forecast by ISO week, 13 weeks',
    description:
      "Open balances expected on their due date shifted by the client's own average days late (from its paid invoices), per currency and ISO week; drafts of milestones not billed yet likewise on their milestone's planned date at activation + net days (a planned date moved later is not heard), those without one counted apart, undated.",
  })
  @ApiReport(CashForecastResponse, 'The forecast; as CSV, one line per currency and week.')
  @ApiProblems({ 400: ['request.invalid'] })
  async cashForecast(@Query() query: CashForecastQueryDto, @Headers('accept') accept: string | undefined): Promise<CashForecastResponse | StreamableFile> {
    const report = cashForecastResponseOf(await this.reports.cashForecast(scopeOf(query), query.as_of));
    return wantsCsv(query.format, accept) ? csvFile('cash-flow-forecast', CASH_FORECAST_CSV_HEADER, cashForecastCsvRows(report)) : report;
  }
}

function scopeOf(query: { client_id?: string; currency?: string }): ReceivablesScope {
  return { ...(query.client_id !== undefined ? { clientId: query.client_id } : {}), ...(query.currency !== undefined ? { currency: query.currency } : {}) };
}
