import { EntitySchema } from 'typeorm';
import type { EventName } from '@mb/events';
import type { WebhookSubscriptionStatus } from '../../domain/webhook-subscription/webhook-subscription-status';

/**
 * A row of notification.webhook_subscriptions. The signing secret is never stored in plain text:
 * `secret_ciphertext` is AES-256-GCM under the key `secret_key_id` names (SecretKeyring's layout,
 * the row's id as associated data).
 */
export interface WebhookSubscriptionRecord {
  id: string;
  url: string;
  events: EventName[];
  secretCiphertext: Buffer;
  secretKeyId: string;
  clientId: string | null;
  createdAt: Date;
  status: WebhookSubscriptionStatus;
  statusReason: string | null;
  statusChangedAt: Date | null;
  ownerEmail: string | null;
  /** The secret a rotation replaced, sealed as the current one, while it still signs; null otherwise. */
  previousSecretCiphertext: Buffer | null;
  previousSecretKeyId: string | null;
  previousSecretExpiresAt: Date | null;
  failingSince: Date | null;
}

export const WebhookSubscriptionEntity = new EntitySchema<WebhookSubscriptionRecord>({
  name: 'WebhookSubscription',
  schema: 'notification',
  tableName: 'webhook_subscriptions',
  columns: {
    id: { type: 'text', primary: true },
    url: { type: 'text' },
    events: { type: 'text', array: true },
    secretCiphertext: { type: 'bytea', name: 'secret_ciphertext' },
    secretKeyId: { type: 'text', name: 'secret_key_id' },
    clientId: { type: 'text', name: 'client_id', nullable: true },
    createdAt: { type: 'timestamptz', name: 'created_at' },
    status: { type: 'text' },
    statusReason: { type: 'text', name: 'status_reason', nullable: true },
    statusChangedAt: { type: 'timestamptz', name: 'status_changed_at', nullable: true },
    ownerEmail: { type: 'text', name: 'owner_email', nullable: true },
    previousSecretCiphertext: { type: 'bytea', name: 'previous_secret_ciphertext', nullable: true },
    previousSecretKeyId: { type: 'text', name: 'previous_secret_key_id', nullable: true },
    previousSecretExpiresAt: { type: 'timestamptz', name: 'previous_secret_expires_at', nullable: true },
    failingSince: { type: 'timestamptz', name: 'failing_since', nullable: true },
  },
});
