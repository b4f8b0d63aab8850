import { Injectable } from '@nestjs/common';
import type { FiredTimer, TimerHandler } from '@mb/platform';
import { PROMISE_DUE_TIMER } from '../../application/case-changes/case-changes.handler';
import { ResolvePromiseHandler } from '../../application/resolve-promise/resolve-promise.handler';

/** A promise's timer (keyed by the promise id, the case id in its data) came due: it is judged kept or broken. */
@Injectable()
export class PromiseDueTimer implements TimerHandler {
  readonly timer = PROMISE_DUE_TIMER;

  constructor(private readonly resolve: ResolvePromiseHandler) {}

  async fire(fired: FiredTimer): Promise<void> {
    await this.resolve.execute({ caseId: String(fired.data.case_id), promiseId: fired.key });
  }
}
