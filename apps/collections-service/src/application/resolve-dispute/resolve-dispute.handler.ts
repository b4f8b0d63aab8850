import { Inject, Injectable } from '@nestjs/common';
import { type Clock, UnitOfWork } from '@mb/kernel';
import { EventOutbox } from '@mb/messaging';
import { SERVICE_CLOCK } from '@mb/platform';
import type { DisputeActor, DisputeOutcome, DisputeSnapshot } from '../../domain/dispute/dispute';
import { DisputeErrors } from '../../domain/dispute/dispute.errors';
import { disputeCatalogueEvents } from '../events/dispute.events';
import { CaseDunning } from '../ports/case-dunning.port';
import { DisputeRepository } from '../ports/dispute.repository';

export interface ResolveDisputeCommand {
  readonly disputeId: string;
  readonly outcome: DisputeOutcome;
  readonly note: string;
  /** Upheld only; undefined: the disputed amount. */
  readonly creditAmountCents?: number;
  readonly resolvedBy: DisputeActor;
}

/**
 * Finance decides a dispute. Upheld: collections.dispute_resolved carries the credit, and
 * invoicing issues the credit note (it owns invoices); rejected: the invoice is due again and the
 * client's case chases it where it stood. Either way the dispute no longer holds the invoice back.
 */
@Injectable()
export class ResolveDisputeHandler {
  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly disputes: DisputeRepository,
    private readonly caseDunning: CaseDunning,
    private readonly outbox: EventOutbox,
    @Inject(SERVICE_CLOCK) private readonly clock: Clock,
  ) {}

  async execute(command: ResolveDisputeCommand): Promise<DisputeSnapshot> {
    return this.unitOfWork.run(async () => {
      const dispute = await this.disputes.findById(command.disputeId, { forUpdate: true });
      if (!dispute) throw DisputeErrors.notFound(command.disputeId);
      dispute.resolve({ outcome: command.outcome, note: command.note, creditAmountCents: command.creditAmountCents, by: command.resolvedBy, now: this.clock.now() });
      await this.disputes.save(dispute);
      const resolved = dispute.snapshot();
      await this.caseDunning.invoiceDisputeCleared(resolved.clientId, resolved.invoiceId);
      await this.outbox.recordAll(disputeCatalogueEvents(dispute.pullEvents(), resolved));
      return resolved;
    });
  }
}
