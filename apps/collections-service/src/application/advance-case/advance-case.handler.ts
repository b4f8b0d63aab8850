import { Inject, Injectable } from '@nestjs/common';
import { type Clock, UnitOfWork } from '@mb/kernel';
import { SERVICE_CLOCK } from '@mb/platform';
import { caseNotFound } from '../../domain/case/case.errors';
import { CaseChanges } from '../case-changes/case-changes.handler';
import { CaseRepository } from '../ports/case.repository';

/**
 * A case's ladder timer fired: the case moves to its next stage if that is due and nothing holds
 * it (collections.stage_changed with the stage's letter), and its timer is set for the stage after.
 * A timer for a case that no longer moves (closed, held since) does nothing; a case deleted is
 * broken data and refused. One stage per firing: a case opened late catches up one timer at a time.
 */
@Injectable()
export class AdvanceCaseHandler {
  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly cases: CaseRepository,
    private readonly changes: CaseChanges,
    @Inject(SERVICE_CLOCK) private readonly clock: Clock,
  ) {}

  async execute(command: { caseId: string }): Promise<'moved' | 'not_due' | 'waiting'> {
    return this.unitOfWork.run(async () => {
      const collectionsCase = await this.cases.findByIdForUpdate(command.caseId);
      if (!collectionsCase) throw caseNotFound(command.caseId);
      const now = this.clock.now();
      const outcome = collectionsCase.advanceOnLadder(now);
      if (outcome === 'not_due') {
        // Fired early (the database clock a little ahead of the service's): fail so it fires again.
        throw new Error(`case ${command.caseId} is not due to move at ${now.toISOString()} (due ${collectionsCase.nextStageAt()?.toISOString()}); fired early`);
      }
      if (outcome === 'moved') await this.changes.changed(collectionsCase);
      return outcome;
    });
  }
}
