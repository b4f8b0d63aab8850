import { EntitySchema } from 'typeorm';
import type { EventName } from '@mb/events';

/** A row of notification.webhook_subscriptions: its fields are the subscription's snapshot. */
export interface WebhookSubscriptionRecord {
  id: string;
  url: string;
  events: EventName[];
  secret: string;
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
    secret: { type: 'text' },
    clientId: { type: 'text', name: 'client_id', nullable: true },
    createdAt: { type: 'timestamptz', name: 'created_at' },
  },
});
