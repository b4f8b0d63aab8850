import { Inject, Injectable } from '@nestjs/common';
import { type Clock, UnitOfWork } from '@mb/kernel';
import { SERVICE_CLOCK } from '@mb/platform';
import { caseNotFound } from '../../domain/case/case.errors';
import { CaseChanges } from '../case-changes/case-changes.handler';
import { CaseRepository } from '../ports/case.repository';

/**
 * A promise's timer fired (the end of the promised day in the client's zone): kept when the
 * promised amount was paid since it was made (collections.promise_kept; the ladder resumes where it
 * stood), broken otherwise (collections.promise_broken; the case escalates one stage with that
 * stage's letter, cause broken_promise).
 */
@Injectable()
export class ResolvePromiseHandler {
  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly cases: CaseRepository,
    private readonly changes: CaseChanges,
    @Inject(SERVICE_CLOCK) private readonly clock: Clock,
  ) {}

  async execute(command: { caseId: string; promiseId: string }): Promise<'kept' | 'broken' | 'already_resolved'> {
    return this.unitOfWork.run(async () => {
      const collectionsCase = await this.cases.findByIdForUpdate(command.caseId);
      if (!collectionsCase) throw caseNotFound(command.caseId);
      const outcome = collectionsCase.resolvePromise(command.promiseId, this.clock.now());
      if (outcome !== 'already_resolved') await this.changes.changed(collectionsCase);
      return outcome;
    });
  }
}
