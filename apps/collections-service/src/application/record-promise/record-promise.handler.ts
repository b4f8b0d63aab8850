import { Inject, Injectable } from '@nestjs/common';
import { addDays, calendarDateIn, type Clock, newId, startOfDayIn, Timers, UnitOfWork } from '@mb/kernel';
import { SERVICE_CLOCK } from '@mb/platform';
import type { CaseSnapshot } from '../../domain/case/case';
import { caseNotFound } from '../../domain/case/case.errors';
import { CaseChanges, PROMISE_DUE_TIMER } from '../case-changes/case-changes.handler';
import { CaseRepository } from '../ports/case.repository';

export interface RecordPromise {
  readonly caseId: string;
  /** The client's calendar date it promises to pay by. */
  readonly promisedDate: string;
  readonly amountCents: number;
  readonly currency: string;
  /** Who records it (the user or the client). */
  readonly recordedBy: string;
}

/**
 * POST /v1/cases/:id/promises: the client (or finance for it) promises to pay an amount by a date.
 * The case is held until then (collections.promise_recorded, confirmed by email), and a timer is
 * set for the end of the promised day in the client's zone, when the promise is judged.
 */
@Injectable()
export class RecordPromiseHandler {
  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly cases: CaseRepository,
    private readonly changes: CaseChanges,
    private readonly timers: Timers,
    @Inject(SERVICE_CLOCK) private readonly clock: Clock,
  ) {}

  async execute(command: RecordPromise): Promise<{ caseSnapshot: CaseSnapshot; promiseId: string }> {
    return this.unitOfWork.run(async () => {
      const collectionsCase = await this.cases.findByIdForUpdate(command.caseId);
      if (!collectionsCase) throw caseNotFound(command.caseId);
      const now = this.clock.now();
      const zone = collectionsCase.snapshot().clientTimeZone;
      const promise = collectionsCase.recordPromise({ id: newId('ptp'), ...command, today: calendarDateIn(now, zone), now });
      await this.changes.changed(collectionsCase);
      await this.timers.schedule(PROMISE_DUE_TIMER, promise.id, endOfDayIn(promise.promisedDate, zone), { case_id: collectionsCase.id });
      return { caseSnapshot: collectionsCase.snapshot(), promiseId: promise.id };
    });
  }
}

/** The end of `date` in `zone`: the start of the day after. */
export function endOfDayIn(date: string, zone: string): Date {
  return startOfDayIn(addDays(date, 1), zone);
}
