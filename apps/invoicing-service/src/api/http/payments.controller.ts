import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation } from '@nestjs/swagger';
import { AccessPolicy, ApiIdempotencyKey, ApiIdParam, ApiProblems, type Caller, CurrentCaller, READERS_AND_CLIENT, visibleTo } from '@mb/platform';
import { PaymentQueries } from '../../application/queries/payment.queries';
import { RecordPaymentHandler } from '../../application/record-payment/record-payment.handler';
import { RecordRefundHandler } from '../../application/record-refund/record-refund.handler';
import { PaymentErrors } from '../../domain/payment/payment.errors';
import {
  ClientBalancesResponse,
  clientBalancesResponseOf,
  PaymentListResponse,
  PaymentResponse,
  paymentResponseOf,
  RecordedPaymentResponse,
  recordedPaymentResponseOf,
  RefundResponse,
  refundResponseOf,
} from './payment.response';
import { ListPaymentsQueryDto, recordPaymentCommandOf, RecordPaymentDto, RecordRefundDto } from './record-payment.dto';

/** The number of payments a page holds when the caller does not say. */
const DEFAULT_PAGE_SIZE = 50;

@Controller('v1')
// Money received is finance's to record, or a bank-feed system's (service); money paid back is finance's alone.
@AccessPolicy<PaymentsController>({
  record: ['admin', 'finance', 'service'],
  refund: ['admin', 'finance'],
  list: READERS_AND_CLIENT,
  get: READERS_AND_CLIENT,
  balances: READERS_AND_CLIENT,
})
export class PaymentsController {
  constructor(
    private readonly recordPayment: RecordPaymentHandler,
    private readonly recordRefund: RecordRefundHandler,
    private readonly queries: PaymentQueries,
  ) {}

  /** Records a client's payment and allocates it: 201 with the payment, the invoices it paid and the client's credit. */
  @Post('payments')
  @HttpCode(201)
  @ApiOperation({
    operationId: 'recordPayment',
    summary: "Record a client's payment and allocate it to its open invoices",
    description:
      'Allocation: `allocations` (invoice and amount each), or `invoice_id` alone (that invoice takes up to its balance), or neither ' +
      "(the client's open invoices in the currency, oldest first: by due date, then issue date, then number). What is not allocated " +
      "becomes the client's unapplied credit in that currency, applied to its next invoice in the currency or refunded. Each invoice " +
      'whose balance reaches zero is paid and `invoice.paid` is published, after `payment.recorded`. The same `external_reference` ' +
      'twice for a client is refused (409 `payment.duplicate_reference`).',
  })
  @ApiCreatedResponse({ type: RecordedPaymentResponse, description: "The payment, the invoices it paid as it left them, and the client's credit after it." })
  @ApiProblems({
    400: ['request.invalid'],
    404: ['invoice.not_found', 'client.not_found'],
    409: ['invoice.not_open', 'invoice.concurrent_update', 'payment.duplicate_reference'],
    422: [
      'payment.currency_mismatch',
      'payment.amount_not_positive',
      'payment.allocation_exceeds_balance',
      'payment.allocations_exceed_amount',
      'payment.duplicate_allocation',
      'payment.invoice_of_another_client',
      'payment.client_required',
      'payment.allocation_ambiguous',
      'payment.received_on_in_future',
      'payment.credit_over_cap',
    ],
  })
  @ApiIdempotencyKey({ required: true })
  async record(@Body() body: RecordPaymentDto): Promise<RecordedPaymentResponse> {
    return recordedPaymentResponseOf(await this.recordPayment.execute(recordPaymentCommandOf(body)));
  }

  @Get('payments')
  @ApiOperation({ operationId: 'listPayments', summary: 'List payments, newest first', description: 'Filter by client and/or invoice; page with `cursor` (the `next_cursor` of the page before).' })
  @ApiOkResponse({ type: PaymentListResponse, description: 'A page of payments with their allocations.' })
  @ApiProblems({ 400: ['request.invalid'] })
  async list(@Query() query: ListPaymentsQueryDto, @CurrentCaller() caller: Caller): Promise<PaymentListResponse> {
    // A client caller sees its own client's payments only: another client named is an empty list, as for one with none.
    if (caller.clientId !== null && query.client_id !== undefined && query.client_id !== caller.clientId) return { data: [], next_cursor: null };
    const page = await this.queries.payments({
      clientId: caller.clientId ?? query.client_id,
      invoiceId: query.invoice_id,
      after: query.cursor,
      limit: query.limit ?? DEFAULT_PAGE_SIZE,
    });
    return { data: page.payments.map(paymentResponseOf), next_cursor: page.nextCursor };
  }

  @Get('payments/:id')
  @ApiOperation({ operationId: 'getPayment', summary: 'Get a payment with its allocations' })
  @ApiIdParam('id', 'pay', 'The payment')
  @ApiOkResponse({ type: PaymentResponse })
  @ApiProblems({ 404: ['payment.not_found'] })
  async get(@Param('id') id: string, @CurrentCaller() caller: Caller): Promise<PaymentResponse> {
    return paymentResponseOf(visibleTo(caller, await this.queries.payment(id), () => PaymentErrors.notFound(id)));
  }

  @Get('clients/:id/balances')
  @ApiOperation({ operationId: 'getClientBalances', summary: "Get a client's unapplied credit, per currency" })
  @ApiIdParam('id', 'cli', 'The client')
  @ApiOkResponse({ type: ClientBalancesResponse })
  @ApiProblems({ 404: ['client.not_found'] })
  async balances(@Param('id') clientId: string, @CurrentCaller() caller: Caller): Promise<ClientBalancesResponse> {
    visibleTo(caller, { clientId }, () => PaymentErrors.clientNotKnown(clientId));
    return clientBalancesResponseOf(clientId, await this.queries.balancesOf(clientId));
  }

  /** Pays a client's unapplied credit back: 201 with the refund and the credit left. */
  @Post('refunds')
  @HttpCode(201)
  @ApiOperation({
    operationId: 'recordRefund',
    summary: "Refund a client's unapplied credit",
    description: "At most the client's unapplied credit in the currency; `refund.recorded` is published.",
  })
  @ApiCreatedResponse({ type: RefundResponse })
  @ApiProblems({
    400: ['request.invalid'],
    404: ['client.not_found'],
    422: ['refund.exceeds_credit', 'refund.amount_not_positive', 'refund.refunded_on_in_future'],
  })
  @ApiIdempotencyKey({ required: true })
  async refund(@Body() body: RecordRefundDto): Promise<RefundResponse> {
    return refundResponseOf(
      await this.recordRefund.execute({
        clientId: body.client_id,
        currency: body.currency,
        amountCents: body.amount_cents,
        refundedOn: body.refunded_on ?? null,
        method: body.method ?? 'other',
        externalReference: body.external_reference ?? null,
        reason: body.reason ?? null,
      }),
    );
  }
}
