import { runService } from '@mb/platform';
import { notificationServiceConfigSchema } from './config';
import { notificationMigrations } from './infrastructure/persistence/migrations';
import { NotificationModule } from './notification.module';

void runService({
  name: 'notification-service',
  schema: 'notification',
  configSchema: notificationServiceConfigSchema,
  migrations: notificationMigrations,
  rootModule: () => NotificationModule,
});
