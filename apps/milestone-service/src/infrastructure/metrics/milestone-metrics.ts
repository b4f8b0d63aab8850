import { Injectable, OnModuleInit } from '@nestjs/common';
import type { Counter } from 'prom-client';
import { DataSource } from 'typeorm';
import { ServiceMetrics } from '@mb/observability';
import { MILESTONE_STATUSES } from '../../domain/milestone/milestone-status';
import { MilestoneEntity } from '../persistence/milestone.orm-entity';

/**
 * mb_milestones{state}: how many milestones are in each lifecycle state, counted at scrape time;
 * mb_amended_milestones_left_billed_total: milestones a contract amendment named but found billed.
 */
@Injectable()
export class MilestoneMetrics implements OnModuleInit {
  private leftBilled?: Counter;

  constructor(
    private readonly metrics: ServiceMetrics,
    private readonly dataSource: DataSource,
  ) {}

  onModuleInit(): void {
    this.leftBilled = this.metrics.counter({
      name: 'mb_amended_milestones_left_billed_total',
      help: 'Milestones a contract amendment changed or removed that were already triggered, invoiced or paid when it arrived, and were left as they were.',
    });
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

  /** A contract amendment named milestones already billed (a race contract-service cannot rule out): they were left alone. */
  amendedMilestonesLeftBilled(count: number): void {
    this.leftBilled?.inc(count);
  }
}
