import { Injectable } from '@nestjs/common';
import { UnitOfWork } from '@mb/kernel';
import { CREDIT_NOTE_REASON_MAX_LENGTH } from '../../domain/credit-note/credit-note';
import { netCreditForPayable } from '../../domain/credit-note/dispute-credit.policy';
import { balanceOf } from '../../domain/invoice/invoice';
import { InvoiceErrors } from '../../domain/invoice/invoice.errors';
import { IssueCreditNoteHandler } from '../issue-credit-note/issue-credit-note.handler';
import { CreditNoteRepository } from '../ports/credit-note.repository';
import { InvoiceDisputeRepository } from '../ports/invoice-dispute.repository';
import { InvoiceRepository } from '../ports/invoice.repository';

export interface DisputeOpened {
  readonly disputeId: string;
  readonly invoiceId: string;
  readonly openedAt: Date;
}

export interface DisputeResolved extends DisputeOpened {
  readonly outcome: 'upheld' | 'rejected';
  /** Upheld: what to take off the invoice's balance (tax included, as the client pays it). */
  readonly creditAmountCents: number | null;
  readonly reason: string;
  readonly note: string;
  readonly resolvedAt: Date;
}

export interface DisputeWithdrawn extends DisputeOpened {
  readonly withdrawnAt: Date;
}

export type DisputeCreditOutcome = 'credited' | 'already_credited' | 'not_credited' | 'rejected';

/**
 * Issue 11 "Disputes", invoicing's side: an invoice is `in_dispute` between collections'
 * dispute_opened and dispute_resolved (or, issue 15, dispute_withdrawn: nothing is credited); an upheld dispute is credited through the one credit-note
 * use case (numbered, announced by credit_note.issued), once: the dispute's row, locked, keeps the
 * credit note it produced, so a redelivered resolution finds it and issues nothing.
 */
@Injectable()
export class RecordInvoiceDisputeHandler {
  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly disputes: InvoiceDisputeRepository,
    private readonly invoices: InvoiceRepository,
    private readonly creditNotes: CreditNoteRepository,
    private readonly issueCreditNote: IssueCreditNoteHandler,
  ) {}

  async opened(event: DisputeOpened): Promise<void> {
    await this.unitOfWork.run(() => this.disputes.recordOpened(event));
  }

  /** The client took the dispute back: the invoice is no longer in dispute, and stands as it is. */
  async withdrawn(event: DisputeWithdrawn): Promise<void> {
    await this.unitOfWork.run(() => this.disputes.recordWithdrawn(event));
  }

  async resolved(event: DisputeResolved): Promise<DisputeCreditOutcome> {
    return this.unitOfWork.run(async () => {
      await this.disputes.recordOpened(event);
      const known = await this.disputes.findForUpdate(event.disputeId);
      if (known?.creditNoteId) return 'already_credited';
      await this.disputes.recordResolved({ ...event, status: event.outcome });
      if (event.outcome === 'rejected' || event.creditAmountCents === null) return 'rejected';

      const invoice = await this.invoices.findById(event.invoiceId);
      if (!invoice) throw InvoiceErrors.notFound(event.invoiceId);
      const snapshot = invoice.snapshot();
      // Paid (or closed) while the dispute was open: there is no balance left to credit against;
      // recorded for finance, who refunds or credits the client by hand.
      if (snapshot.status !== 'open') {
        await this.disputes.recordNotCredited(event.disputeId, `invoice was ${snapshot.status} when the dispute was upheld`);
        return 'not_credited';
      }
      // Never more than is still owed: a payment during the dispute may have lowered the balance.
      const payableCents = Math.min(event.creditAmountCents, balanceOf(snapshot));
      const creditedBefore = (await this.creditNotes.findByInvoice(snapshot.id)).flatMap((note) => note.snapshot().lines);
      const netCents = netCreditForPayable(snapshot, creditedBefore, payableCents);
      if (netCents === 0) {
        await this.disputes.recordNotCredited(event.disputeId, `nothing creditable for ${payableCents}`);
        return 'not_credited';
      }
      const { creditNote } = await this.issueCreditNote.execute({
        invoiceId: snapshot.id,
        scope: { kind: 'amount', amountCents: netCents },
        reason: creditNoteReasonOf(event),
      });
      await this.disputes.recordCredited(event.disputeId, creditNote.id);
      return 'credited';
    });
  }
}

/** "Dispute dsp_… upheld: <the client's reason> — <finance's note>", bounded as a credit note's reason is. */
function creditNoteReasonOf(event: DisputeResolved): string {
  const reason = `Dispute ${event.disputeId} upheld: ${event.reason} — ${event.note}`;
  return reason.length <= CREDIT_NOTE_REASON_MAX_LENGTH ? reason : `${reason.slice(0, CREDIT_NOTE_REASON_MAX_LENGTH - 1)}…`;
}
