import { Inject, Injectable } from '@nestjs/common';
import { type Clock, UnitOfWork } from '@mb/kernel';
import { EventOutbox } from '@mb/messaging';
import { SERVICE_CLOCK } from '@mb/platform';
import type { ApprovalRequestKind } from '../../domain/milestone/approval-window.policy';
import { milestoneNotFound } from '../../domain/milestone/milestone.errors';
import { firedAt } from '../../domain/milestone/planned-date.policy';
import { milestoneCatalogueEvents } from '../events/milestone.events';
import { MilestoneRepository } from '../ports/milestone.repository';

export interface RemindApprovalCommand {
  readonly milestoneId: string;
  readonly kind: Exclude<ApprovalRequestKind, 'request'>;
  /** When the window the reminder was set for closes: a reminder of an earlier window does nothing. */
  readonly closesAt: Date;
  /** When the reminder was due, by business time. */
  readonly dueAt: Date;
}

/**
 * Issue 9 "Approval windows": a reminder of a submitted milestone's approval window fell due. While
 * the window is still open and unanswered, milestone.approval_requested goes out again as that
 * reminder (notification-service emails the approver). The milestone is locked meanwhile, so an
 * answer at the same moment comes either before the reminder (no reminder) or after it.
 */
@Injectable()
export class RemindApprovalHandler {
  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly milestones: MilestoneRepository,
    private readonly outbox: EventOutbox,
    @Inject(SERVICE_CLOCK) private readonly clock: Clock,
  ) {}

  async execute(command: RemindApprovalCommand): Promise<{ reminded: boolean }> {
    return this.unitOfWork.run(async () => {
      const milestone = await this.milestones.findById(command.milestoneId, { forUpdate: true });
      if (!milestone) throw milestoneNotFound(command.milestoneId);
      if (!milestone.remindApproval(command.kind, command.closesAt, firedAt(this.clock.now(), command.dueAt))) return { reminded: false };
      await this.outbox.recordAll(milestoneCatalogueEvents(milestone.pullEvents(), milestone.snapshot()));
      return { reminded: true };
    });
  }
}
