import { Injectable } from '@nestjs/common';
import type { FiredTimer, TimerHandler } from '@mb/platform';
import { CASE_LADDER_TIMER, PROMISE_DUE_TIMER } from '../../application/case-changes';
import { AdvanceCaseHandler } from '../../application/move-case/move-case.handlers';
import { ResolvePromiseHandler } from '../../application/promises/promise.handlers';

/** A case's ladder timer (keyed by the case id) came due: the case moves on if nothing holds it. */
@Injectable()
export class CaseLadderTimer implements TimerHandler {
  readonly timer = CASE_LADDER_TIMER;

  constructor(private readonly advance: AdvanceCaseHandler) {}

  async fire(fired: FiredTimer): Promise<void> {
    await this.advance.execute({ caseId: fired.key });
  }
}

/** A promise's timer (keyed by the promise id, the case id in its data) came due: it is judged kept or broken. */
@Injectable()
export class PromiseDueTimer implements TimerHandler {
  readonly timer = PROMISE_DUE_TIMER;

  constructor(private readonly resolve: ResolvePromiseHandler) {}

  async fire(fired: FiredTimer): Promise<void> {
    await this.resolve.execute({ caseId: String(fired.data.case_id), promiseId: fired.key });
  }
}
