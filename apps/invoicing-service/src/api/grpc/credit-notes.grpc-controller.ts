import { GrpcMethod } from '@nestjs/microservices';
import type { Metadata } from '@grpc/grpc-js';
import { GRPC_APIS } from '@mb/grpc';
import { AccessPolicy, callerOfCall, GrpcController, onlyVisibleTo, READERS_AND_CLIENT, validRequest, visibleTo } from '@mb/platform';
import { IssueCreditNoteHandler } from '../../application/issue-credit-note/issue-credit-note.handler';
import { CreditNoteQueries } from '../../application/queries/credit-note.queries';
import { CreditNoteErrors } from '../../domain/credit-note/credit-note.errors';
import { creditScopeOf, IssueCreditNoteDto } from '../http/correction.dto';
import { ListCreditNotesQueryDto } from '../http/list-credit-notes.dto';
import { CreditNoteIdRequestDto } from './invoice.dto';
import { creditNoteMessage, issuedCreditNoteMessage } from './invoice.response';

const { serviceName } = GRPC_APIS.invoicing;

/** Credit notes over gRPC: the use cases of CreditNotesController. */
@GrpcController()
@AccessPolicy<CreditNotesGrpcController>({ issue: ['admin', 'finance'], get: READERS_AND_CLIENT, list: READERS_AND_CLIENT })
export class CreditNotesGrpcController {
  constructor(
    private readonly issueCreditNote: IssueCreditNoteHandler,
    private readonly queries: CreditNoteQueries,
  ) {}

  @GrpcMethod(serviceName, 'IssueCreditNote')
  async issue(request: { lines?: unknown[] }) {
    // proto3 has no absent repeated field: an empty `lines` means none were given.
    const body = await validRequest(IssueCreditNoteDto, { ...request, lines: request.lines?.length ? request.lines : undefined });
    const { creditNote, invoice } = await this.issueCreditNote.execute({ invoiceId: body.invoice_id, scope: creditScopeOf(body), reason: body.reason });
    return issuedCreditNoteMessage(creditNote, invoice);
  }

  @GrpcMethod(serviceName, 'GetCreditNote')
  async get(request: object, metadata: Metadata) {
    const { credit_note_id } = await validRequest(CreditNoteIdRequestDto, request);
    return { credit_note: creditNoteMessage(visibleTo(callerOfCall(metadata), await this.queries.creditNote(credit_note_id), () => CreditNoteErrors.notFound(credit_note_id))) };
  }

  @GrpcMethod(serviceName, 'ListCreditNotes')
  async list(request: object, metadata: Metadata) {
    const { invoice_id } = await validRequest(ListCreditNotesQueryDto, request);
    return { credit_notes: onlyVisibleTo(callerOfCall(metadata), await this.queries.creditNotesOfInvoice(invoice_id)).map(creditNoteMessage) };
  }
}
