import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { CaseSnapshot } from '../../domain/case/case';
import { caseNotFound } from '../../domain/case/case.errors';
import { CaseRepository } from '../ports/case.repository';

/** Reads cases for the API. */
@Injectable()
export class FindCasesQuery {
  constructor(
    private readonly dataSource: DataSource,
    private readonly cases: CaseRepository,
  ) {}

  async ofClient(clientId: string): Promise<CaseSnapshot[]> {
    return this.cases.ofClient(this.dataSource.manager, clientId);
  }

  async byId(caseId: string): Promise<CaseSnapshot> {
    const found = await this.cases.byId(this.dataSource.manager, caseId);
    if (!found) throw caseNotFound(caseId);
    return found;
  }
}
