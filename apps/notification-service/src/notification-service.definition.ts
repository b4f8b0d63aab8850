import { GRPC_APIS } from '@mb/grpc';
import { ServiceDefinition } from '@mb/platform';
import { DELIVERY_DUE_TIMER, WEBHOOK_FAILING_TIMER } from './application/dispatch-delivery/dispatch-delivery.handler';
import { notificationServiceConfigSchema } from './config';
import { DeliveryAttemptEntity, DeliveryEntity } from './infrastructure/persistence/delivery.orm-entity';
import { notificationMigrations } from './infrastructure/persistence/migrations';
import { ParkedNoticeEntity } from './infrastructure/persistence/parked-notice.orm-entity';
import { KnownClientEntity, KnownContractEntity } from './infrastructure/persistence/recipient-directory.orm-entity';
import { WebhookSubscriptionEntity } from './infrastructure/persistence/webhook-subscription.orm-entity';
import { NotificationModule } from './notification.module';

/** The notification service as runService and the integration tests build it. */
export const notificationServiceDefinition: ServiceDefinition<typeof notificationServiceConfigSchema> = {
  name: 'notification-service',
  schema: 'notification',
  configSchema: notificationServiceConfigSchema,
  migrations: (config) => notificationMigrations(config.WEBHOOK_SECRET_KEYS),
  entities: [DeliveryEntity, DeliveryAttemptEntity, WebhookSubscriptionEntity, KnownClientEntity, KnownContractEntity, ParkedNoticeEntity],
  grpc: GRPC_APIS.notification,
  timers: [DELIVERY_DUE_TIMER, WEBHOOK_FAILING_TIMER],
  rootModule: () => NotificationModule.forRoot(),
};
