import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { MilestoneState, milestoneNotFound } from '../../domain/milestone';
import { MilestoneRepository } from '../ports/milestone.repository';

/** What the API reads: milestones as they stand, outside any write transaction. */
@Injectable()
export class MilestoneQueries {
  constructor(
    private readonly dataSource: DataSource,
    private readonly milestones: MilestoneRepository,
  ) {}

  async byId(id: string): Promise<MilestoneState> {
    const milestone = await this.milestones.findById(this.dataSource.manager, id);
    if (!milestone) throw milestoneNotFound(id);
    return milestone.snapshot;
  }

  /** The contract's milestones in schedule order; none for a contract not (yet) activated. */
  async byContract(contractId: string): Promise<MilestoneState[]> {
    return (await this.milestones.listByContract(this.dataSource.manager, contractId)).map((milestone) => milestone.snapshot);
  }
}
