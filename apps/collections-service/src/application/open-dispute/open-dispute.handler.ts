import { Inject, Injectable } from '@nestjs/common';
import { type Clock, newId, UnitOfWork } from '@mb/kernel';
import { EventOutbox } from '@mb/messaging';
import { SERVICE_CLOCK } from '@mb/platform';
import { Dispute, type DisputeActor, type DisputeSnapshot } from '../../domain/dispute/dispute';
import { DisputeErrors } from '../../domain/dispute/dispute.errors';
import { disputeCatalogueEvents } from '../events/dispute.events';
import { CaseDunning } from '../ports/case-dunning.port';
import { DisputableInvoiceRepository } from '../ports/disputable-invoice.repository';
import { DisputeRepository } from '../ports/dispute.repository';

export interface OpenDisputeCommand {
  readonly invoiceId: string;
  /** Undefined: the whole open balance. */
  readonly amountCents?: number;
  readonly reason: string;
  readonly openedBy: DisputeActor;
  /** Set for a client caller: it disputes its own invoices only (another's is as good as unknown). */
  readonly onlyOfClient: string | null;
}

/**
 * A client (or finance on its behalf) disputes an invoice in whole or in part: the dispute is
 * recorded, collections.dispute_opened goes out and the client's case stops chasing the invoice,
 * all in one unit of work.
 */
@Injectable()
export class OpenDisputeHandler {
  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly invoices: DisputableInvoiceRepository,
    private readonly disputes: DisputeRepository,
    private readonly caseDunning: CaseDunning,
    private readonly outbox: EventOutbox,
    @Inject(SERVICE_CLOCK) private readonly clock: Clock,
  ) {}

  async execute(command: OpenDisputeCommand): Promise<DisputeSnapshot> {
    return this.unitOfWork.run(async () => {
      const invoice = await this.invoices.findById(command.invoiceId);
      if (!invoice || (command.onlyOfClient !== null && invoice.clientId !== command.onlyOfClient)) throw DisputeErrors.invoiceNotFound(command.invoiceId);
      const existing = await this.disputes.findOpenOnInvoice(invoice.invoiceId);
      if (existing) throw DisputeErrors.alreadyOpen(invoice.invoiceId, existing.id);
      const dispute = Dispute.open({
        id: newId('dsp'),
        invoice,
        amountCents: command.amountCents,
        reason: command.reason,
        openedBy: command.openedBy,
        now: this.clock.now(),
      });
      // Two disputes of one invoice opened at once: the one-open-dispute-per-invoice index refuses the second.
      await this.disputes.add(dispute);
      await this.caseDunning.invoiceDisputed(invoice.clientId, invoice.invoiceId);
      await this.outbox.recordAll(disputeCatalogueEvents(dispute.pullEvents(), dispute.snapshot()));
      return dispute.snapshot();
    });
  }
}
