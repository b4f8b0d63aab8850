import { Injectable, OnModuleInit } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { ServiceMetrics } from '@mb/observability';
import { MILESTONE_STATUSES } from '../../domain/milestone/milestone-status';
import { MilestoneEntity } from '../persistence/milestone.orm-entity';

/** mb_milestones{state}: how many milestones are in each lifecycle state, counted at scrape time. */
@Injectable()
export class MilestoneMetrics implements OnModuleInit {
  constructor(
    private readonly metrics: ServiceMetrics,
    private readonly dataSource: DataSource,
  ) {}

  onModuleInit(): void {
    this.metrics.sampledGauge({
      name: 'mb_milestones',
      help: 'Milestones in each lifecycle state.',
      labelNames: ['state'],
      sample: async () => {
        const rows: { status: string; count: number }[] = await this.dataSource
          .createQueryBuilder(MilestoneEntity, 'milestone')
          .select('milestone.status', 'status')
          .addSelect('count(*)::int', 'count')
          .groupBy('milestone.status')
          .getRawMany();
        const counted = new Map(rows.map((row) => [row.status, row.count]));
        // Every state is reported, zero included, so a panel shows a state emptying rather than vanishing.
        return MILESTONE_STATUSES.map((state) => ({ labels: { state }, value: counted.get(state) ?? 0 }));
      },
    });
  }
}
