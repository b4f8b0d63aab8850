import { Inject, Injectable } from '@nestjs/common';
import { type Clock, UnitOfWork } from '@mb/kernel';
import { SERVICE_CLOCK } from '@mb/platform';
import type { CollectionsCase } from '../../domain/case/case';
import { caseNotFound } from '../../domain/case/case.errors';
import { CaseChanges } from '../case-changes/case-changes.handler';
import { CaseRepository } from '../ports/case.repository';

export interface WriteOffCase {
  readonly caseId: string;
  readonly reason: string;
  /** Who writes it off: the caller's subject. */
  readonly by: string;
}

/**
 * Writes off what an open or handed-off case is still owed (issue 11 item 7), in one unit of work:
 * one collections.written_off per invoice with a balance (invoicing consumes each and marks the
 * invoice uncollectible, which comes back as invoice.uncollectible and finds the case closed), then
 * collections.case_closed as written_off or partly_written_off, with who and why.
 */
@Injectable()
export class WriteOffCaseHandler {
  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly cases: CaseRepository,
    private readonly changes: CaseChanges,
    @Inject(SERVICE_CLOCK) private readonly clock: Clock,
  ) {}

  async execute(command: WriteOffCase): Promise<CollectionsCase> {
    return this.unitOfWork.run(async () => {
      const collectionsCase = await this.cases.findByIdForUpdate(command.caseId);
      if (!collectionsCase) throw caseNotFound(command.caseId);
      collectionsCase.writeOff(this.clock.now(), command.by, command.reason);
      await this.changes.changed(collectionsCase);
      return collectionsCase;
    });
  }
}
