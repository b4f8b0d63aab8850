import { Body, Controller, HttpCode, Inject, Param, Post } from '@nestjs/common';
import { ApiOkResponse, ApiOperation } from '@nestjs/swagger';
import type { Clock } from '@mb/kernel';
import { AccessPolicy, ApiIdempotencyKey, ApiIdParam, ApiProblems, SERVICE_CLOCK } from '@mb/platform';
import { MarkInvoiceUncollectibleHandler } from '../../application/mark-invoice-uncollectible/mark-invoice-uncollectible.handler';
import { SELLER_IDENTITY } from '../../application/ports/invoice-document.port';
import { invoiceViewOf } from '../../application/queries/invoice.view';
import type { SellerIdentity } from '../../domain/documents/seller-identity';
import { VoidInvoiceHandler } from '../../application/void-invoice/void-invoice.handler';
import { CloseInvoiceDto } from './correction.dto';
import { InvoiceResponse, invoiceResponseOf } from './invoice.response';

/**
 * Issue 10 "Corrections": an issued invoice is never edited; it is voided, credited (credit notes,
 * CreditNotesController) or written off. Finance's decisions (issue 12 roles), each audited.
 */
@Controller('v1/invoices')
@AccessPolicy<InvoiceCorrectionsController>({ void: ['admin', 'finance'], markUncollectible: ['admin', 'finance'] })
export class InvoiceCorrectionsController {
  constructor(
    private readonly voidInvoice: VoidInvoiceHandler,
    private readonly markInvoiceUncollectible: MarkInvoiceUncollectibleHandler,
    @Inject(SERVICE_CLOCK) private readonly clock: Clock,
    @Inject(SELLER_IDENTITY) private readonly seller: SellerIdentity,
  ) {}

  @Post(':id/void')
  @HttpCode(200)
  @ApiOperation({
    operationId: 'voidInvoice',
    summary: 'Void an open invoice nothing was paid or credited on',
    description:
      'The invoice no longer stands: nothing is owed on it, its number stays used, its overdue timer is cancelled and `invoice.voided` is published (the client is emailed). One with payments or credit notes on it is corrected by a credit note instead.',
  })
  @ApiIdParam('id', 'inv', 'The invoice')
  @ApiOkResponse({ type: InvoiceResponse, description: 'The voided invoice.' })
  @ApiProblems({
    400: ['request.invalid'],
    404: ['invoice.not_found'],
    409: ['invoice.illegal_transition', 'invoice.has_payments', 'invoice.has_credit_notes', 'invoice.concurrent_update'],
    422: ['invoice.reason_required'],
  })
  @ApiIdempotencyKey()
  async void(@Param('id') id: string, @Body() body: CloseInvoiceDto): Promise<InvoiceResponse> {
    return invoiceResponseOf(invoiceViewOf(await this.voidInvoice.execute({ invoiceId: id, reason: body.reason }), this.clock.now(), this.seller));
  }

  @Post(':id/mark-uncollectible')
  @HttpCode(200)
  @ApiOperation({
    operationId: 'markInvoiceUncollectible',
    summary: "Write an open invoice's balance off",
    description:
      'The invoice becomes `uncollectible`: its open balance is given up (kept as `amount_written_off_cents`), its overdue timer is cancelled and `invoice.uncollectible` is published, to webhook subscribers only (an internal decision: the client is not emailed).',
  })
  @ApiIdParam('id', 'inv', 'The invoice')
  @ApiOkResponse({ type: InvoiceResponse, description: 'The invoice, written off.' })
  @ApiProblems({
    400: ['request.invalid'],
    404: ['invoice.not_found'],
    409: ['invoice.illegal_transition', 'invoice.concurrent_update'],
    422: ['invoice.reason_required'],
  })
  @ApiIdempotencyKey({ required: true })
  async markUncollectible(@Param('id') id: string, @Body() body: CloseInvoiceDto): Promise<InvoiceResponse> {
    return invoiceResponseOf(invoiceViewOf(await this.markInvoiceUncollectible.execute({ invoiceId: id, reason: body.reason }), this.clock.now(), this.seller));
  }
}
