import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { EventName } from '@mb/events';
import { WebhookSubscriptionRepository } from '../../application/ports/webhook-subscription.repository';
import { WebhookSubscription } from '../../domain/webhooks/webhook-subscription';

interface SubscriptionRow {
  id: string;
  url: string;
  events: string[];
  secret: string;
  created_at: Date;
}

@Injectable()
export class PgWebhookSubscriptionRepository implements WebhookSubscriptionRepository {
  async add(manager: EntityManager, subscription: WebhookSubscription): Promise<void> {
    await manager.query(`INSERT INTO notification.webhook_subscriptions (id, url, events, secret, created_at) VALUES ($1, $2, $3, $4, $5)`, [
      subscription.id,
      subscription.url,
      subscription.events,
      subscription.secret,
      subscription.createdAt,
    ]);
  }

  async subscribedTo(manager: EntityManager, eventName: string): Promise<WebhookSubscription[]> {
    const rows: SubscriptionRow[] = await manager.query(`SELECT * FROM notification.webhook_subscriptions WHERE $1 = ANY (events) ORDER BY created_at, id`, [eventName]);
    return rows.map(toSubscription);
  }

  async byId(manager: EntityManager, id: string): Promise<WebhookSubscription | undefined> {
    const rows: SubscriptionRow[] = await manager.query(`SELECT * FROM notification.webhook_subscriptions WHERE id = $1`, [id]);
    return rows[0] ? toSubscription(rows[0]) : undefined;
  }

  async all(manager: EntityManager): Promise<WebhookSubscription[]> {
    const rows: SubscriptionRow[] = await manager.query(`SELECT * FROM notification.webhook_subscriptions ORDER BY created_at, id`);
    return rows.map(toSubscription);
  }
}

function toSubscription(row: SubscriptionRow): WebhookSubscription {
  return { id: row.id, url: row.url, events: row.events as EventName[], secret: row.secret, createdAt: new Date(row.created_at) };
}
