import { MessagingTables1763769600000 } from './1763769600000-messaging-tables';
import { NotificationTables1763856000000 } from './1763856000000-notification-tables';
import { IdempotencyKeys1763900000000 } from './1763900000000-idempotency-keys';
import { ClientApprovers1764900000000 } from './1764900000000-client-approvers';
import { AuditLog1765000000000 } from './1765000000000-audit-log';
import { ClientScopedWebhookSubscriptions1765200000000 } from './1765200000000-client-scoped-webhook-subscriptions';
import { EncryptedWebhookSecrets1765100000000, type SecretSealer } from './1765100000000-encrypted-webhook-secrets';
import { NeutralDeliveryErrors1765100000001 } from './1765100000001-neutral-delivery-errors';
import { IdempotencyScopeAndRetention1765300000000 } from './1765300000000-idempotency-scope-and-retention';
import { DeliveryClient1765500000000 } from './1765500000000-delivery-client';
import { ClientLanguage1765650000000 } from './1765650000000-client-language';
import { WebhookLifecycle1765660000000 } from './1765660000000-webhook-lifecycle';
import { DeadLetteredKeysAndParkedEvents1765730000000 } from './1765730000000-dead-lettered-keys-and-parked-events';
import { OutboxCommitOrderQuarantineLease1765740000000 } from './1765740000000-outbox-commit-order-quarantine-lease';
import { DeliveryClaims1765750000000 } from './1765750000000-delivery-claims';

/** In the order they apply; the secrets' encryption needs the service's keyring (WEBHOOK_SECRET_KEYS). */
export function notificationMigrations(keyring: SecretSealer) {
  return [
    MessagingTables1763769600000,
    NotificationTables1763856000000,
    IdempotencyKeys1763900000000,
    ClientApprovers1764900000000,
    AuditLog1765000000000,
    EncryptedWebhookSecrets1765100000000.sealingWith(keyring),
    NeutralDeliveryErrors1765100000001,
    ClientScopedWebhookSubscriptions1765200000000,
    IdempotencyScopeAndRetention1765300000000,
    DeliveryClient1765500000000,
    ClientLanguage1765650000000,
    WebhookLifecycle1765660000000,
    DeadLetteredKeysAndParkedEvents1765730000000,
    OutboxCommitOrderQuarantineLease1765740000000,
    DeliveryClaims1765750000000,
  ];
}
