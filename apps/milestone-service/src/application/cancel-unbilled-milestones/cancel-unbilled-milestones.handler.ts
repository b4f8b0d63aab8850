import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { EventData } from '@mb/events';
import { Clock } from '@mb/kernel';
import { SERVICE_CLOCK } from '@mb/platform';
import type { MilestoneStatus } from '../../domain/milestone';
import { MilestoneStore } from '../milestone-store';
import { MilestoneRepository } from '../ports/milestone.repository';

/**
 * ARCHITECTURE.md "Contracts and schedules": termination cancels unbilled milestones; completed
 * (submitted) or approved ones stay billable, and billed ones are untouched.
 */
const CANCELLED_AT_TERMINATION: readonly MilestoneStatus[] = ['planned', 'in_progress', 'rejected'];

@Injectable()
export class CancelUnbilledMilestonesHandler {
  constructor(
    private readonly milestones: MilestoneRepository,
    private readonly store: MilestoneStore,
    @Inject(SERVICE_CLOCK) private readonly clock: Clock,
  ) {}

  async execute(manager: EntityManager, termination: EventData<'contract.terminated'>, causationId: string): Promise<{ cancelled: number }> {
    const at = this.clock.now();
    let cancelled = 0;
    for (const milestone of await this.milestones.listByContract(manager, termination.contract_id, { forUpdate: true })) {
      if (!CANCELLED_AT_TERMINATION.includes(milestone.status)) continue;
      milestone.cancel(`Contract terminated: ${termination.reason}`, at);
      await this.store.save(manager, milestone, { causationId });
      cancelled += 1;
    }
    return { cancelled };
  }
}
