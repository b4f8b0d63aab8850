import { Inject, Injectable } from '@nestjs/common';
import { type Clock, UnitOfWork } from '@mb/kernel';
import { EventOutbox } from '@mb/messaging';
import { SERVICE_CLOCK } from '@mb/platform';
import type { MilestoneOutcomeCounts } from '../../domain/contract/contract';
import { type MilestoneProgress, statusAsHeard } from '../../domain/contract/milestone-progress';
import type { ScheduledMilestone } from '../../domain/contract/schedule';
import { contractCatalogueEvents } from '../events/contract.events';
import { ClientRepository } from '../ports/client.repository';
import { ContractRepository } from '../ports/contract.repository';
import { MilestoneProgressRepository } from '../ports/milestone-progress.repository';
import { loadContractWithClient } from '../queries/contract.queries';

export type CompleteContractOutcome = 'completed' | 'not_complete';

/**
 * Issue 14 item 3: an active contract completes once every milestone of its schedule is paid or
 * cancelled, at least one paid, as heard from milestone-service; `contract.completed` goes out
 * through the outbox in the same unit of work (the consumer's, when a milestone's progress is
 * recorded). Asked again once completed, it changes nothing.
 */
@Injectable()
export class CompleteContractHandler {
  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly clients: ClientRepository,
    private readonly contracts: ContractRepository,
    private readonly progress: MilestoneProgressRepository,
    private readonly outbox: EventOutbox,
    @Inject(SERVICE_CLOCK) private readonly clock: Clock,
  ) {}

  async execute(contractId: string, causationId?: string): Promise<CompleteContractOutcome> {
    return this.unitOfWork.run(async () => {
      // Progress may be heard of a contract this service does not hold (it never completes here).
      if ((await this.contracts.findById(contractId))?.status !== 'active') return 'not_complete';
      const { contract, client } = await loadContractWithClient(this.contracts, this.clients, contractId);
      const outcomes = outcomeCounts(contract.snapshot().milestones, await this.progress.ofContract(contractId));
      const now = this.clock.now();
      if (!contract.completeIfSettled(outcomes, now)) return 'not_complete';
      await this.contracts.save(contract, now);
      await this.outbox.recordAll(contractCatalogueEvents(contract.pullEvents(), contract.snapshot(), client.snapshot()), { causationId });
      return 'completed';
    });
  }
}

function outcomeCounts(schedule: readonly ScheduledMilestone[], progress: MilestoneProgress): MilestoneOutcomeCounts {
  const statuses = schedule.map((milestone) => statusAsHeard(progress, milestone.milestoneIndex));
  const paid = statuses.filter((status) => status === 'paid').length;
  const cancelled = statuses.filter((status) => status === 'cancelled').length;
  return { paid, cancelled, other: statuses.length - paid - cancelled };
}
