import { Injectable } from '@nestjs/common';
import { Timers, UnitOfWork } from '@mb/kernel';
import { EventOutbox } from '@mb/messaging';
import { milestoneNotFound } from '../../domain/milestone/milestone.errors';
import { ANNOUNCEMENT_TIMERS, datedWhenDue } from '../../domain/milestone/planned-date.policy';
import { milestoneCatalogueEvents } from '../events/milestone.events';
import { MilestoneRepository } from '../ports/milestone.repository';

export interface TriggerBillingDateCommand {
  readonly milestoneId: string;
  /** The planned date the billing-date timer was set for. */
  readonly plannedDate: string;
  /** When the timer was due, by business time: the start of the planned date, or the moment it was set if that had begun. */
  readonly dueAt: Date;
}

/**
 * Issue 9 "Date-based billing": an on_date milestone's planned date has arrived (its timer fired).
 * The milestone, locked meanwhile, is triggered for disbursement if it is still planned for that date
 * and neither cancelled nor already billed; milestone.status_updated goes out through the outbox and
 * invoicing issues the invoice on it, dated by the trigger. Under a billing hold the trigger is
 * recorded and announced as held. The trigger is dated when the timer was due (datedWhenDue), so a
 * timer firing late (a service down, a test clock moved far ahead) still bills on the date.
 * Anything else does nothing.
 */
@Injectable()
export class TriggerBillingDateHandler {
  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly milestones: MilestoneRepository,
    private readonly outbox: EventOutbox,
    private readonly timers: Timers,
  ) {}

  async execute(command: TriggerBillingDateCommand): Promise<{ triggered: boolean }> {
    return this.unitOfWork.run(async () => {
      const milestone = await this.milestones.findById(command.milestoneId, { forUpdate: true });
      if (!milestone) throw milestoneNotFound(command.milestoneId);
      const at = datedWhenDue(command.dueAt, milestone.snapshot().updatedAt);
      if (!milestone.triggerOnDate(command.plannedDate, at)) return { triggered: false };
      await this.milestones.save(milestone);
      await this.outbox.recordAll(milestoneCatalogueEvents(milestone.pullEvents(), milestone.snapshot()));
      // Billed: an advance notice still pending has nothing left to announce.
      for (const timer of ANNOUNCEMENT_TIMERS) await this.timers.cancel(timer, milestone.id);
      return { triggered: true };
    });
  }
}
