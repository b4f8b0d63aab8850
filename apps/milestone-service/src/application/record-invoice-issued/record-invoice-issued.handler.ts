import { Inject, Injectable } from '@nestjs/common';
import type { EventData } from '@mb/events';
import { type Clock, DomainRejection, UnitOfWork } from '@mb/kernel';
import { EventOutbox } from '@mb/messaging';
import { SERVICE_CLOCK } from '@mb/platform';
import { MILESTONE_ERRORS } from '../../domain/milestone/milestone.errors';
import { milestoneCatalogueEvents } from '../events/milestone.events';
import { MilestoneRepository } from '../ports/milestone.repository';

/**
 * Invoicing issued the milestone's invoice: the milestone is invoiced, and the invoice is
 * remembered so that its payment finds the milestone even when invoice.paid names only the invoice.
 * An invoice that bills no milestone (invoice.issued v2 `kind: retainage_release`, without
 * milestone_index) moves none and is not remembered: its payment is no milestone's either.
 */
@Injectable()
export class RecordInvoiceIssuedHandler {
  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly milestones: MilestoneRepository,
    private readonly outbox: EventOutbox,
    @Inject(SERVICE_CLOCK) private readonly clock: Clock,
  ) {}

  async execute(invoice: EventData<'invoice.issued'>, causationId: string): Promise<void> {
    const milestoneIndex = invoice.milestone_index;
    if (milestoneIndex === undefined) return;
    await this.unitOfWork.run(async () => {
      const milestone = await this.milestones.findByContractAndIndex(invoice.contract_id, milestoneIndex, { forUpdate: true });
      if (!milestone) {
        throw new DomainRejection(
          'not_found',
          MILESTONE_ERRORS.notFound,
          `invoice ${invoice.invoice_id} bills milestone ${invoice.milestone_index} of ${invoice.contract_id}, which is unknown`,
        );
      }
      const at = this.clock.now();
      await this.milestones.recordInvoice({
        invoiceId: invoice.invoice_id,
        invoiceNumber: invoice.invoice_number,
        milestoneId: milestone.id,
        issuedOn: invoice.issue_date,
        recordedAt: at,
      });
      // Already invoiced (a reissue after a void) or paid: nothing left to move.
      if (milestone.status === 'invoiced' || milestone.status === 'paid') return;
      milestone.markInvoiced(at);
      await this.milestones.save(milestone);
      await this.outbox.recordAll(milestoneCatalogueEvents(milestone.pullEvents(), milestone.snapshot()), { causationId });
    });
  }
}
