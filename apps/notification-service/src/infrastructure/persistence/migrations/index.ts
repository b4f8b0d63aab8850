import { MessagingTables1763769600000 } from './1763769600000-messaging-tables';
import { NotificationTables1763856000000 } from './1763856000000-notification-tables';
import { IdempotencyKeys1763900000000 } from './1763900000000-idempotency-keys';
import { ClientApprovers1764900000000 } from './1764900000000-client-approvers';
import { ClientScopedWebhookSubscriptions1765100000000 } from './1765100000000-client-scoped-webhook-subscriptions';

/** In the order they apply. */
export const notificationMigrations = [MessagingTables1763769600000, NotificationTables1763856000000, IdempotencyKeys1763900000000, ClientApprovers1764900000000, ClientScopedWebhookSubscriptions1765100000000];
