import { GRPC_APIS } from '@mb/grpc';
import type { ServiceDefinition } from '@mb/platform';
import { milestoneServiceConfigSchema } from './config';
import { BillingHoldEntity, MilestoneEntity, MilestoneInvoiceEntity } from './infrastructure/persistence/milestone.orm-entity';
import { milestoneMigrations } from './infrastructure/persistence/migrations';
import { MilestoneModule } from './milestone.module';

/** The milestone service, as main.ts runs it and the integration tests bootstrap it. */
export const milestoneServiceDefinition: ServiceDefinition<typeof milestoneServiceConfigSchema> = {
  name: 'milestone-service',
  schema: 'milestone',
  configSchema: milestoneServiceConfigSchema,
  migrations: milestoneMigrations,
  entities: [MilestoneEntity, MilestoneInvoiceEntity, BillingHoldEntity],
  grpc: GRPC_APIS.milestone,
  rootModule: () => MilestoneModule,
};
