import { Injectable } from '@nestjs/common';
import type { FiredTimer, TimerHandler } from '@mb/platform';
import { CASE_LADDER_TIMER } from '../../application/case-changes/case-changes.handler';
import { AdvanceCaseHandler } from '../../application/advance-case/advance-case.handler';

/** A case's ladder timer (keyed by the case id) came due: the case moves on if nothing holds it. */
@Injectable()
export class CaseLadderTimer implements TimerHandler {
  readonly timer = CASE_LADDER_TIMER;

  constructor(private readonly advance: AdvanceCaseHandler) {}

  async fire(fired: FiredTimer): Promise<void> {
    await this.advance.execute({ caseId: fired.key });
  }
}
