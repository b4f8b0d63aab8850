import { Inject, Injectable } from '@nestjs/common';
import { type Clock, UnitOfWork } from '@mb/kernel';
import { EventOutbox } from '@mb/messaging';
import { SERVICE_CLOCK } from '@mb/platform';
import type { DisputeActor, DisputeSnapshot } from '../../domain/dispute/dispute';
import { DisputeErrors } from '../../domain/dispute/dispute.errors';
import { disputeCatalogueEvents } from '../events/dispute.events';
import { CaseDunning } from '../ports/case-dunning.port';
import { DisputeRepository } from '../ports/dispute.repository';

export interface WithdrawDisputeCommand {
  readonly disputeId: string;
  readonly note?: string;
  readonly withdrawnBy: DisputeActor;
  /** Set for a client caller: it withdraws its own disputes only (another's is as good as unknown). */
  readonly onlyOfClient: string | null;
}

/**
 * The client takes back its open dispute (issue 15), or staff do on its behalf: in one unit of work
 * the dispute is withdrawn, the client's case chases the invoice again where it stood (as after a
 * rejection), and collections.dispute_withdrawn goes out, so invoicing clears `in_dispute`.
 */
@Injectable()
export class WithdrawDisputeHandler {
  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly disputes: DisputeRepository,
    private readonly caseDunning: CaseDunning,
    private readonly outbox: EventOutbox,
    @Inject(SERVICE_CLOCK) private readonly clock: Clock,
  ) {}

  async execute(command: WithdrawDisputeCommand): Promise<DisputeSnapshot> {
    return this.unitOfWork.run(async () => {
      const dispute = await this.disputes.findById(command.disputeId, { forUpdate: true });
      if (!dispute || (command.onlyOfClient !== null && dispute.snapshot().clientId !== command.onlyOfClient)) throw DisputeErrors.notFound(command.disputeId);
      dispute.withdraw({ note: command.note, by: command.withdrawnBy, now: this.clock.now() });
      await this.disputes.save(dispute);
      const withdrawn = dispute.snapshot();
      await this.caseDunning.invoiceDisputeCleared(withdrawn.clientId, withdrawn.invoiceId);
      await this.outbox.recordAll(disputeCatalogueEvents(dispute.pullEvents(), withdrawn));
      return withdrawn;
    });
  }
}
