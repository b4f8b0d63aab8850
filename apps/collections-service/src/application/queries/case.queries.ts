import { Injectable } from '@nestjs/common';
import type { CaseSnapshot } from '../../domain/case/case';
import { caseNotFound } from '../../domain/case/case.errors';
import { CaseRepository } from '../ports/case.repository';

/** What the APIs read: cases as their snapshots; an unknown case is `case.not_found`. */
@Injectable()
export class CaseQueries {
  constructor(private readonly cases: CaseRepository) {}

  /** The client's cases, newest first. */
  async ofClient(clientId: string): Promise<CaseSnapshot[]> {
    return (await this.cases.findByClient(clientId)).map((collectionsCase) => collectionsCase.snapshot());
  }

  async byId(caseId: string): Promise<CaseSnapshot> {
    const found = await this.cases.findById(caseId);
    if (!found) throw caseNotFound(caseId);
    return found.snapshot();
  }
}
