import { Inject, Injectable } from '@nestjs/common';
import type { EventData } from '@mb/events';
import { type Clock, Timers, UnitOfWork } from '@mb/kernel';
import { EventOutbox } from '@mb/messaging';
import { SERVICE_CLOCK } from '@mb/platform';
import type { Milestone } from '../../domain/milestone/milestone';
import { CANCELLABLE_STATUSES, type MilestoneStatus } from '../../domain/milestone/milestone-status';
import { MILESTONE_TIMERS } from '../../domain/milestone/planned-date.policy';
import { APPROVAL_TIMERS } from '../../domain/milestone/approval-window.policy';
import { milestoneCatalogueEvents } from '../events/milestone.events';
import { MilestoneRepository } from '../ports/milestone.repository';

/** contract.terminated as any producer version wrote it. */
export type ContractTermination = EventData<'contract.terminated', 1> | EventData<'contract.terminated', 2>;

type MilestoneSettlement = EventData<'contract.terminated', 2>['milestones'][number];

/**
 * Version 1 of contract.terminated carries no settlement: ARCHITECTURE.md "Contracts and
 * schedules" then cancels the milestones not yet billable, and completed (submitted) or approved
 * ones stay billable.
 */
const CANCELLED_WITHOUT_SETTLEMENT: readonly MilestoneStatus[] = ['planned', 'in_progress', 'rejected'];

export interface TerminationOutcome {
  readonly billed: number;
  readonly cancelled: number;
}

/**
 * A contract was terminated: its milestones are settled as the termination says (issue 14 item 2).
 * Those it bills (approved work in full, unfinished work for the agreed share) are triggered for
 * disbursement, with what they are billed for; those it cancels are cancelled with the reason;
 * already billed ones are left. Every milestone settled has its planned-date and approval-window
 * timers closed. A milestone that moved on since contract-service settled it (billed meanwhile)
 * is left as it is: billing already took its course.
 */
@Injectable()
export class SettleTerminatedContractHandler {
  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly milestones: MilestoneRepository,
    private readonly outbox: EventOutbox,
    private readonly timers: Timers,
    @Inject(SERVICE_CLOCK) private readonly clock: Clock,
  ) {}

  async execute(termination: ContractTermination, causationId: string): Promise<TerminationOutcome> {
    return this.unitOfWork.run(async () => {
      const at = this.clock.now();
      const reason = `Contract terminated: ${termination.reason}`;
      const settlementOf = 'milestones' in termination ? new Map(termination.milestones.map((line) => [line.milestone_index, line])) : null;
      let billed = 0;
      let cancelled = 0;
      for (const milestone of await this.milestones.listByContract(termination.contract_id, { forUpdate: true })) {
        const action = settlementOf ? actionUnderSettlement(milestone, settlementOf.get(milestone.snapshot().milestoneIndex)) : actionWithoutSettlement(milestone);
        if (action === 'leave') continue;
        if (action === 'cancel') {
          milestone.cancel(reason, at);
          cancelled += 1;
        } else {
          milestone.billAtTermination(action.billedCents, reason, at);
          billed += 1;
        }
        await this.milestones.save(milestone);
        await this.outbox.recordAll(milestoneCatalogueEvents(milestone.pullEvents(), milestone.snapshot()), { causationId });
        for (const timer of [...Object.values(MILESTONE_TIMERS), ...Object.values(APPROVAL_TIMERS)]) await this.timers.cancel(timer, milestone.id);
      }
      return { billed, cancelled };
    });
  }
}

type Action = 'leave' | 'cancel' | { readonly billedCents: number };

function actionWithoutSettlement(milestone: Milestone): Action {
  return CANCELLED_WITHOUT_SETTLEMENT.includes(milestone.status) ? 'cancel' : 'leave';
}

/**
 * What the settlement asks of one milestone. One it does not name (added after it was worked out)
 * was not billed by it, so it is cancelled when it still can be.
 */
function actionUnderSettlement(milestone: Milestone, line: MilestoneSettlement | undefined): Action {
  const outcome = line?.outcome ?? 'cancelled';
  if (outcome === 'already_billed') return 'leave';
  if (outcome === 'cancelled') return CANCELLABLE_STATUSES.includes(milestone.status) ? 'cancel' : 'leave';
  return milestone.can('bill_at_termination') && line ? { billedCents: line.billed_cents } : 'leave';
}
