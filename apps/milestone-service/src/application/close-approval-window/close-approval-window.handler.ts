import { Injectable } from '@nestjs/common';
import { UnitOfWork } from '@mb/kernel';
import { EventOutbox } from '@mb/messaging';
import { milestoneNotFound } from '../../domain/milestone/milestone.errors';
import { datedWhenDue } from '../../domain/milestone/planned-date.policy';
import { milestoneCatalogueEvents } from '../events/milestone.events';
import { MilestoneRepository } from '../ports/milestone.repository';

export interface CloseApprovalWindowCommand {
  readonly milestoneId: string;
  /** When the window the timer was set for closes: the timer of an earlier window does nothing. */
  readonly closesAt: Date;
}

/**
 * Issue 9 "Deemed acceptance": a submitted milestone's approval window closed (its timer fired).
 * Unanswered, it is accepted when the contract deems silence acceptance (and an on_approval
 * milestone is triggered for disbursement, so invoicing issues its invoice), or else left
 * submitted and announced as lapsed (milestone.approval_window_closed) for the supplier to chase.
 * The change is dated when the window closed, not when the timer happened to fire, so the invoice
 * carries the date the contract gives it.
 */
@Injectable()
export class CloseApprovalWindowHandler {
  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly milestones: MilestoneRepository,
    private readonly outbox: EventOutbox,
  ) {}

  async execute(command: CloseApprovalWindowCommand): Promise<{ closed: boolean }> {
    return this.unitOfWork.run(async () => {
      const milestone = await this.milestones.findById(command.milestoneId, { forUpdate: true });
      if (!milestone) throw milestoneNotFound(command.milestoneId);
      const at = datedWhenDue(command.closesAt, milestone.snapshot().updatedAt);
      if (!milestone.closeApprovalWindow(command.closesAt, at)) return { closed: false };
      await this.milestones.save(milestone);
      await this.outbox.recordAll(milestoneCatalogueEvents(milestone.pullEvents(), milestone.snapshot()));
      return { closed: true };
    });
  }
}
