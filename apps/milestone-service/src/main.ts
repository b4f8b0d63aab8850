import { runService } from '@mb/platform';
import { milestoneServiceConfigSchema } from './config';
import { milestoneMigrations } from './infrastructure/persistence/migrations';
import { MilestoneModule } from './milestone.module';

void runService({
  name: 'milestone-service',
  schema: 'milestone',
  configSchema: milestoneServiceConfigSchema,
  migrations: milestoneMigrations,
  rootModule: () => MilestoneModule,
});
