import { MessagingTables1763769600000 } from './1763769600000-messaging-tables';
import { NotificationTables1763856000000 } from './1763856000000-notification-tables';
import { IdempotencyKeys1763900000000 } from './1763900000000-idempotency-keys';
import { ClientApprovers1764900000000 } from './1764900000000-client-approvers';
import { IdempotencyScopeAndRetention1765200000000 } from './1765200000000-idempotency-scope-and-retention';

/** In the order they apply. */
export const notificationMigrations = [MessagingTables1763769600000, NotificationTables1763856000000, IdempotencyKeys1763900000000, ClientApprovers1764900000000, IdempotencyScopeAndRetention1765200000000];
