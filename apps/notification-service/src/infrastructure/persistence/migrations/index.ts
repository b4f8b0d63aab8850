import { MessagingTables1763769600000 } from './1763769600000-messaging-tables';
import { NotificationTables1763856000000 } from './1763856000000-notification-tables';
import { IdempotencyKeys1763900000000 } from './1763900000000-idempotency-keys';

/** In the order they apply. */
export const notificationMigrations = [MessagingTables1763769600000, NotificationTables1763856000000, IdempotencyKeys1763900000000];
