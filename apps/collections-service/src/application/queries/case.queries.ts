import { Injectable } from '@nestjs/common';
import type { CollectionsCase } from '../../domain/case/case';
import { caseNotFound } from '../../domain/case/case.errors';
import { CaseRepository } from '../ports/case.repository';

/** What the APIs read: cases (their balances and next stage are derived, so the aggregate itself); an unknown case is `case.not_found`. */
@Injectable()
export class CaseQueries {
  constructor(private readonly cases: CaseRepository) {}

  /** The client's cases, newest first. */
  async ofClient(clientId: string): Promise<CollectionsCase[]> {
    return this.cases.findByClient(clientId);
  }

  async byId(caseId: string): Promise<CollectionsCase> {
    const found = await this.cases.findById(caseId);
    if (!found) throw caseNotFound(caseId);
    return found;
  }
}
