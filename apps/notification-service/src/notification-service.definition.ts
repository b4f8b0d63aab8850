import { GRPC_APIS } from '@mb/grpc';
import { ServiceDefinition } from '@mb/platform';
import { notificationServiceConfigSchema } from './config';
import { notificationMigrations } from './infrastructure/persistence/migrations';
import { NotificationModule } from './notification.module';

/** The notification service as runService and the integration tests build it. */
export const notificationServiceDefinition: ServiceDefinition<typeof notificationServiceConfigSchema> = {
  name: 'notification-service',
  schema: 'notification',
  configSchema: notificationServiceConfigSchema,
  migrations: notificationMigrations,
  grpc: GRPC_APIS.notification,
  rootModule: () => NotificationModule,
};
