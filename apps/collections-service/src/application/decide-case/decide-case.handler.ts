import { Inject, Injectable } from '@nestjs/common';
import { type Clock, UnitOfWork } from '@mb/kernel';
import { SERVICE_CLOCK } from '@mb/platform';
import type { CaseSnapshot } from '../../domain/case/case';
import { caseNotFound } from '../../domain/case/case.errors';
import { CaseChanges } from '../case-changes/case-changes.handler';
import { CaseRepository } from '../ports/case.repository';

/**
 * POST /v1/cases/:id/decision: a person decides a stage that pauses for a decision. `continue`
 * lifts the hold and moves the case to the next stage now (cause manual), with its letter. Handing
 * the case to an agency or writing it off are their own commands (the hand-off part).
 */
@Injectable()
export class DecideCaseHandler {
  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly cases: CaseRepository,
    private readonly changes: CaseChanges,
    @Inject(SERVICE_CLOCK) private readonly clock: Clock,
  ) {}

  async execute(command: { caseId: string; decision: 'continue' }): Promise<CaseSnapshot> {
    return this.unitOfWork.run(async () => {
      const collectionsCase = await this.cases.findByIdForUpdate(command.caseId);
      if (!collectionsCase) throw caseNotFound(command.caseId);
      collectionsCase.decide(command.decision, this.clock.now());
      await this.changes.changed(collectionsCase);
      return collectionsCase.snapshot();
    });
  }
}
