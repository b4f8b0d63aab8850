import { Inject, Injectable } from '@nestjs/common';
import type { EventData } from '@mb/events';
import { type Clock, DomainRejection, UnitOfWork } from '@mb/kernel';
import { EventOutbox } from '@mb/messaging';
import { SERVICE_CLOCK } from '@mb/platform';
import type { Milestone } from '../../domain/milestone/milestone';
import { MILESTONE_ERRORS } from '../../domain/milestone/milestone.errors';
import { milestoneCatalogueEvents } from '../events/milestone.events';
import { MilestoneRepository } from '../ports/milestone.repository';

/** Thrown while the invoice's milestone cannot be told yet (its invoice.issued not applied): worth a retry. */
export class InvoiceNotYetKnownError extends Error {
  constructor(invoiceId: string) {
    super(`invoice ${invoiceId} names no milestone and its invoice.issued has not been applied yet`);
    this.name = 'InvoiceNotYetKnownError';
  }
}

/**
 * The milestone's invoice was paid in full: the milestone is paid. A retainage release
 * (`kind: retainage_release`) bills no milestone, so its payment moves none.
 */
@Injectable()
export class RecordInvoicePaidHandler {
  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly milestones: MilestoneRepository,
    private readonly outbox: EventOutbox,
    @Inject(SERVICE_CLOCK) private readonly clock: Clock,
  ) {}

  async execute(invoice: EventData<'invoice.paid'>, causationId: string): Promise<void> {
    if (invoice.kind === 'retainage_release') return;
    await this.unitOfWork.run(async () => {
      const milestone = await this.milestoneOf(invoice);
      if (milestone.status === 'paid') return;
      const at = this.clock.now();
      // invoice.paid and invoice.issued travel on different topics, so the payment may be applied
      // first; a paid invoice was issued, so the milestone passes through invoiced.
      if (milestone.status === 'triggered_for_disbursement') milestone.markInvoiced(at);
      milestone.markPaid(at);
      await this.milestones.save(milestone);
      await this.outbox.recordAll(milestoneCatalogueEvents(milestone.pullEvents(), milestone.snapshot()), { causationId });
    });
  }

  private async milestoneOf(invoice: EventData<'invoice.paid'>): Promise<Milestone> {
    const byInvoice = await this.milestones.findByInvoice(invoice.invoice_id, { forUpdate: true });
    if (byInvoice) return byInvoice;
    if (invoice.milestone_index === undefined) throw new InvoiceNotYetKnownError(invoice.invoice_id);
    const milestone = await this.milestones.findByContractAndIndex(invoice.contract_id, invoice.milestone_index, { forUpdate: true });
    if (!milestone) {
      throw new DomainRejection(
        'not_found',
        MILESTONE_ERRORS.notFound,
        `invoice ${invoice.invoice_id} bills milestone ${invoice.milestone_index} of ${invoice.contract_id}, which is unknown`,
      );
    }
    return milestone;
  }
}
