import { EntitySchema } from 'typeorm';
import type { EventName } from '@mb/events';

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
  },
});
