import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { EventData } from '@mb/events';
import { Clock, DomainRejection } from '@mb/kernel';
import { SERVICE_CLOCK } from '@mb/platform';
import { Milestone, MILESTONE_ERRORS } from '../../domain/milestone';
import { MilestoneStore } from '../milestone-store';
import { MilestoneRepository } from '../ports/milestone.repository';

/** Thrown while the invoice's milestone cannot be told yet (its invoice.issued not applied): worth a retry. */
export class InvoiceNotYetKnownError extends Error {
  constructor(invoiceId: string) {
    super(`invoice ${invoiceId} names no milestone and its invoice.issued has not been applied yet`);
    this.name = 'InvoiceNotYetKnownError';
  }
}

/** The milestone's invoice was paid in full: the milestone is paid. */
@Injectable()
export class RecordInvoicePaidHandler {
  constructor(
    private readonly milestones: MilestoneRepository,
    private readonly store: MilestoneStore,
    @Inject(SERVICE_CLOCK) private readonly clock: Clock,
  ) {}

  async execute(manager: EntityManager, invoice: EventData<'invoice.paid'>, causationId: string): Promise<void> {
    const milestone = await this.milestoneOf(manager, invoice);
    if (milestone.status === 'paid') return;
    const at = this.clock.now();
    // invoice.paid and invoice.issued travel on different topics, so the payment may be applied
    // first; a paid invoice was issued, so the milestone passes through invoiced.
    if (milestone.status === 'triggered_for_disbursement') milestone.markInvoiced(at);
    milestone.markPaid(at);
    await this.store.save(manager, milestone, { causationId });
  }

  private async milestoneOf(manager: EntityManager, invoice: EventData<'invoice.paid'>): Promise<Milestone> {
    const byInvoice = await this.milestones.findByInvoice(manager, invoice.invoice_id, { forUpdate: true });
    if (byInvoice) return byInvoice;
    if (invoice.milestone_index === undefined) throw new InvoiceNotYetKnownError(invoice.invoice_id);
    const milestone = await this.milestones.findByContractAndIndex(manager, invoice.contract_id, invoice.milestone_index, { forUpdate: true });
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
