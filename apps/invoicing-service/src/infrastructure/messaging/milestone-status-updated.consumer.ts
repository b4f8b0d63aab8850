import { Injectable } from '@nestjs/common';
import type { EventEnvelope, MilestoneStatus } from '@mb/events';
import type { EventHandler, HandlerContext } from '@mb/messaging';
import { DiscardDraftHandler } from '../../application/discard-draft/discard-draft.handler';
import { IssueInvoiceHandler } from '../../application/issue-invoice/issue-invoice.handler';
import { RecordMilestoneAcceptanceHandler } from '../../application/record-milestone-acceptance/record-milestone-acceptance.handler';
import { InvoicingMetrics } from '../metrics/invoicing-metrics';

/**
 * milestone.status_updated with status triggered_for_disbursement → the milestone's invoice is
 * issued, in the consumer's unit of work (with the inbox record); with status cancelled (on its
 * own or by the contract's termination) → its draft is discarded. Other transitions are not
 * invoicing's business: `approved` is not billing until the trigger follows it (at once, or when
 * a billing hold is released), so retainage waits for the trigger too. A trigger that overtakes its contract.activated (another topic, so no
 * ordering between them) is parked, not failed: see IssueInvoiceHandler.
 *
 * A trigger under a billing hold (`billing_hold: true`) is not issued, nor parked: the release of
 * the hold announces triggered_for_disbursement again with `billing_hold: false`, and that one is
 * issued (one milestone's events share a key, so the release comes after the held trigger). The
 * draft's already-issued guard keeps any repeat to one invoice.
 *
 * Every transition also tells how the milestone was accepted, for the invoice document: the
 * evidence it was submitted with, and its approval (the client's, or deemed when the window closed).
 *
 * The statuses in STATUSES_WITHOUT_EFFECT are skipped by their `milestone-status` header (no
 * transaction, no inbox row), because handling them changes nothing: they are neither cancelled
 * nor a trigger, they carry no approval, and the only thing they can carry is the evidence URL of
 * the milestone's latest submission, which milestone-service sets only in `submit` and so first
 * announces with `submitted` (or `triggered_for_disbursement`, for an on_completion trigger), an
 * earlier event of the same key that this handler did handle. Recording it again is
 * `COALESCE(the same URL, the URL kept)`: no change. (planned and a first in_progress carry none.)
 */
const STATUSES_WITHOUT_EFFECT: ReadonlySet<string> = new Set<MilestoneStatus>(['planned', 'in_progress', 'rejected', 'invoiced', 'paid']);

@Injectable()
export class MilestoneStatusUpdatedConsumer implements EventHandler<'milestone.status_updated'> {
  readonly event = 'milestone.status_updated' as const;

  constructor(
    private readonly issueInvoice: IssueInvoiceHandler,
    private readonly discardDraft: DiscardDraftHandler,
    private readonly recordAcceptance: RecordMilestoneAcceptanceHandler,
    private readonly metrics: InvoicingMetrics,
  ) {}

  /** Messages without the header (published before it existed) are handled, by their data. */
  ignores(headers: Readonly<Record<string, string>>): boolean {
    const status = headers['milestone-status'];
    return status !== undefined && STATUSES_WITHOUT_EFFECT.has(status);
  }

  async handle(envelope: EventEnvelope<'milestone.status_updated'>, { afterCommit }: HandlerContext): Promise<void> {
    const { data } = envelope;
    if (data.status === 'cancelled') {
      await this.discardDraft.execute({
        contractId: data.contract_id,
        milestoneIndex: data.milestone_index,
        cancelledAt: new Date(data.occurred_at ?? envelope.created_at),
        causationId: envelope.id,
      });
      return;
    }
    const approved = data.status === 'approved';
    await this.recordAcceptance.execute({
      contractId: data.contract_id,
      milestoneIndex: data.milestone_index,
      evidenceUrl: data.evidence_url ?? null,
      acceptedAt: approved ? (data.occurred_at ?? envelope.created_at) : null,
      deemedAccepted: approved && data.reason === 'deemed_accepted',
    });
    if (data.status !== 'triggered_for_disbursement' || data.billing_hold === true) return;
    const outcome = await this.issueInvoice.execute({
      contractId: data.contract_id,
      milestoneIndex: data.milestone_index,
      milestoneId: data.milestone_id ?? null,
      milestone: { title: data.milestone_title, amountCents: data.amount_due_cents, currency: data.currency },
      ...(data.billed_share_at_termination === true ? { billedShareCents: data.amount_due_cents } : {}),
      causationId: envelope.id,
      triggeredAt: new Date(data.occurred_at ?? envelope.created_at),
    });
    // Timed once the invoice is committed: a retried attempt that rolled back is not counted.
    if (outcome === 'issued') afterCommit(() => this.metrics.invoiceIssuedAfterTrigger(envelope.created_at));
  }
}
