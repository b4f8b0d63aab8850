import { Inject, Injectable } from '@nestjs/common';
import { type Clock, newId, Timers, UnitOfWork } from '@mb/kernel';
import { SERVICE_CLOCK } from '@mb/platform';
import type { MilestoneSnapshot } from '../../domain/milestone/milestone';
import { milestoneNotFound } from '../../domain/milestone/milestone.errors';
import { MILESTONE_TIMERS, plannedDateTimers } from '../../domain/milestone/planned-date.policy';
import { MilestoneRepository } from '../ports/milestone.repository';
import { PlannedDateChangeRepository } from '../ports/planned-date-change.repository';

export interface MovePlannedDateCommand {
  readonly milestoneId: string;
  /** YYYY-MM-DD, today or later. */
  readonly plannedDate: string;
  readonly reason: string;
}

/**
 * Issue 9 "Delays": the planned date of a milestone still waiting for its work moves, with a
 * reason kept in the history. A delay announced for the old date is cleared, and the advance
 * notice and the delay check are set again for the new date, all in one unit of work. Publishes no
 * event (docs/api/milestone-service.md, "Planned dates": the catalogue has none for it); the new
 * date's notice and, if it is missed, its delay are what other systems hear.
 */
@Injectable()
export class MovePlannedDateHandler {
  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly milestones: MilestoneRepository,
    private readonly plannedDateChanges: PlannedDateChangeRepository,
    private readonly timers: Timers,
    @Inject(SERVICE_CLOCK) private readonly clock: Clock,
  ) {}

  async execute(command: MovePlannedDateCommand): Promise<MilestoneSnapshot> {
    return this.unitOfWork.run(async () => {
      const now = this.clock.now();
      // Locked: a timer firing for the old date, or a submission, waits for this move (or went first).
      const milestone = await this.milestones.findById(command.milestoneId, { forUpdate: true });
      if (!milestone) throw milestoneNotFound(command.milestoneId);
      const change = milestone.movePlannedDate(command.plannedDate, command.reason, now);
      await this.milestones.save(milestone);
      await this.plannedDateChanges.add({ id: newId('pdc'), ...change });
      // Setting a timer again moves it; one the new date does not need (no notice left to give) is cancelled.
      const needed = plannedDateTimers(milestone.snapshot(), now);
      for (const timer of Object.values(MILESTONE_TIMERS)) {
        const set = needed.find((candidate) => candidate.timer === timer);
        if (set) await this.timers.schedule(timer, milestone.id, set.dueAt, { planned_date: set.plannedDate });
        else await this.timers.cancel(timer, milestone.id);
      }
      return milestone.snapshot();
    });
  }
}
