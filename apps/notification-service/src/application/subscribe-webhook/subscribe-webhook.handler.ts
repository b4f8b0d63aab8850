import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { newId, OffsetClock } from '@mb/kernel';
import { SERVICE_CLOCK } from '@mb/platform';
import { subscribeWebhook, WebhookSubscription } from '../../domain/webhooks/webhook-subscription';
import { WebhookSubscriptionRepository } from '../ports/webhook-subscription.repository';

@Injectable()
export class SubscribeWebhookHandler {
  constructor(
    private readonly dataSource: DataSource,
    private readonly subscriptions: WebhookSubscriptionRepository,
    @Inject(SERVICE_CLOCK) private readonly clock: OffsetClock,
  ) {}

  async execute(command: { url: string; events: string[] }): Promise<WebhookSubscription> {
    const subscription = subscribeWebhook({ id: newId('whs'), url: command.url, events: command.events, now: this.clock.now() });
    await this.dataSource.transaction((manager) => this.subscriptions.add(manager, subscription));
    return subscription;
  }

  async list(): Promise<WebhookSubscription[]> {
    return this.subscriptions.all(this.dataSource.manager);
  }
}
