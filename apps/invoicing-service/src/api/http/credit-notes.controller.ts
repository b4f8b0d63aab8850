import { Body, Controller, Get, HttpCode, Param, Post, Query, StreamableFile } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiProduces } from '@nestjs/swagger';
import { AccessPolicy, ApiIdempotencyKey, ApiIdParam, ApiProblems, type Caller, CurrentCaller, onlyVisibleTo, READERS_AND_CLIENT, visibleTo } from '@mb/platform';
import { IssueCreditNoteHandler } from '../../application/issue-credit-note/issue-credit-note.handler';
import { CreditNoteQueries } from '../../application/queries/credit-note.queries';
import { CreditNoteErrors } from '../../domain/credit-note/credit-note.errors';
import { creditScopeOf, IssueCreditNoteDto } from './correction.dto';
import { CreditNoteListResponse, CreditNoteResponse, creditNoteResponseOf, IssuedCreditNoteResponse, issuedCreditNoteResponseOf } from './credit-note.response';
import { ListCreditNotesQueryDto } from './list-credit-notes.dto';

@Controller('v1/credit-notes')
// Issuing one is finance's decision (issue 12); reading, as invoices are read (a client sees its own).
@AccessPolicy<CreditNotesController>({ issue: ['admin', 'finance'], list: READERS_AND_CLIENT, get: READERS_AND_CLIENT, pdf: READERS_AND_CLIENT, ubl: READERS_AND_CLIENT })
export class CreditNotesController {
  constructor(
    private readonly issueCreditNote: IssueCreditNoteHandler,
    private readonly queries: CreditNoteQueries,
  ) {}

  /** Issues a credit note against one open invoice: 201 with the note and the invoice's new balance. */
  @Post()
  @HttpCode(201)
  @ApiOperation({
    operationId: 'issueCreditNote',
    summary: 'Issue a credit note against an open invoice',
    description:
      'Give exactly one of `full: true` (all that is left to credit), `lines` (net amounts per invoice line) or `amount_cents` (a net amount spread over the lines by what each has left). Tax is credited per line at the invoice rate, rounded half-even on the running total of the line, so a line credited in full gives back exactly its tax. Never more than the balance left. Numbered CN-<year>-<6 digits>; publishes `credit_note.issued` (the client AP contact is emailed). A credit that leaves nothing owed closes the invoice: `credited` when nothing had been paid, else `paid` (and `invoice.paid` is published).',
  })
  @ApiCreatedResponse({ type: IssuedCreditNoteResponse, description: "The credit note, with the invoice's new standing." })
  @ApiProblems({
    400: ['request.invalid'],
    404: ['invoice.not_found'],
    409: ['invoice.not_open', 'credit_note.nothing_to_credit', 'invoice.concurrent_update'],
    422: [
      'credit_note.scope_required',
      'credit_note.reason_required',
      'credit_note.unknown_line',
      'credit_note.duplicate_line',
      'credit_note.amount_not_positive',
      'credit_note.exceeds_line',
      'credit_note.exceeds_invoice',
      'credit_note.exceeds_balance',
    ],
  })
  @ApiIdempotencyKey({ required: true })
  async issue(@Body() body: IssueCreditNoteDto): Promise<IssuedCreditNoteResponse> {
    return issuedCreditNoteResponseOf(await this.issueCreditNote.execute({ invoiceId: body.invoice_id, scope: creditScopeOf(body), reason: body.reason }));
  }

  @Get()
  @ApiOperation({ operationId: 'listCreditNotes', summary: "List an invoice's credit notes" })
  @ApiOkResponse({ type: CreditNoteListResponse, description: "The invoice's credit notes, oldest first; none for an invoice with none." })
  @ApiProblems({ 400: ['request.invalid'] })
  async list(@Query() query: ListCreditNotesQueryDto, @CurrentCaller() caller: Caller): Promise<CreditNoteListResponse> {
    return { data: onlyVisibleTo(caller, await this.queries.creditNotesOfInvoice(query.invoice_id)).map(creditNoteResponseOf) };
  }

  @Get(':id')
  @ApiOperation({ operationId: 'getCreditNote', summary: 'Get a credit note' })
  @ApiIdParam('id', 'cn', 'The credit note')
  @ApiOkResponse({ type: CreditNoteResponse, description: 'The credit note with its lines.' })
  @ApiProblems({ 404: ['credit_note.not_found'] })
  async get(@Param('id') id: string, @CurrentCaller() caller: Caller): Promise<CreditNoteResponse> {
    return creditNoteResponseOf(visibleTo(caller, await this.queries.creditNote(id), () => CreditNoteErrors.notFound(id)));
  }

  @Get(':id/pdf')
  @ApiOperation({ operationId: 'getCreditNotePdf', summary: 'Get a credit note as a PDF' })
  @ApiIdParam('id', 'cn', 'The credit note')
  @ApiProduces('application/pdf')
  @ApiOkResponse({ schema: { type: 'string', format: 'binary' }, description: 'The credit note document, inline, named after its number.' })
  @ApiProblems({ 404: ['credit_note.not_found'] })
  async pdf(@Param('id') id: string, @CurrentCaller() caller: Caller): Promise<StreamableFile> {
    const creditNote = visibleTo(caller, await this.queries.creditNote(id), () => CreditNoteErrors.notFound(id));
    const document = await this.queries.pdf(creditNote);
    return new StreamableFile(document, { type: 'application/pdf', disposition: `inline; filename="${creditNote.number}.pdf"`, length: document.length });
  }

  /** The credit note as a UBL 2.1 CreditNote (Peppol BIS Billing 3.0 / EN 16931), referring to the invoice it credits. */
  @Get(':id/ubl')
  @ApiOperation({
    operationId: 'getCreditNoteUbl',
    summary: 'Get a credit note as a UBL e-invoice',
    description:
      'UBL 2.1 CreditNote (type code 381) following Peppol BIS Billing 3.0 (EN 16931): seller from configuration, the buyer as the contract gave it, the credited invoice as the billing reference (BT-25, BT-26), the lines credited net with the tax credited on each.',
  })
  @ApiIdParam('id', 'cn', 'The credit note')
  @ApiProduces('application/xml')
  @ApiOkResponse({ schema: { type: 'string' }, description: 'The UBL CreditNote document, named after its number.' })
  @ApiProblems({ 404: ['credit_note.not_found'] })
  async ubl(@Param('id') id: string, @CurrentCaller() caller: Caller): Promise<StreamableFile> {
    const creditNote = visibleTo(caller, await this.queries.creditNote(id), () => CreditNoteErrors.notFound(id));
    const { number, document, contentType } = await this.queries.eInvoice(creditNote);
    const body = Buffer.from(document, 'utf8');
    return new StreamableFile(body, { type: contentType, disposition: `inline; filename="${number}.xml"`, length: body.length });
  }
}
