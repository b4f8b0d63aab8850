import { GRPC_APIS } from '@mb/grpc';
import type { ServiceDefinition } from '@mb/platform';
import { milestoneServiceConfigSchema } from './config';
import { APPROVAL_TIMERS } from './domain/milestone/approval-window.policy';
import { MILESTONE_TIMERS } from './domain/milestone/planned-date.policy';
import { BillingHoldEntity, MilestoneEntity, MilestoneInvoiceEntity } from './infrastructure/persistence/milestone.orm-entity';
import { milestoneMigrations } from './infrastructure/persistence/migrations';
import { PlannedDateChangeEntity } from './infrastructure/persistence/planned-date-change.orm-entity';
import { MilestoneModule } from './milestone.module';

/** The milestone service, as main.ts runs it and the integration tests bootstrap it. */
export const milestoneServiceDefinition: ServiceDefinition<typeof milestoneServiceConfigSchema> = {
  name: 'milestone-service',
  schema: 'milestone',
  configSchema: milestoneServiceConfigSchema,
  migrations: milestoneMigrations,
  entities: [MilestoneEntity, MilestoneInvoiceEntity, BillingHoldEntity, PlannedDateChangeEntity],
  grpc: GRPC_APIS.milestone,
  // The advance notice and the delay check of each planned milestone, and the billing date of an
  // on_date one (issue 9, items 4, 5 and 6); the reminders and the close of each approval window (item 3).
  timers: [...Object.values(MILESTONE_TIMERS), ...Object.values(APPROVAL_TIMERS)],
  rootModule: () => MilestoneModule,
};
