import { Injectable } from '@nestjs/common';
import { ArrayContains } from 'typeorm';
import type { EventName } from '@mb/events';
import { TypeOrmUnitOfWork } from '@mb/messaging';
import { WebhookSubscriptionRepository } from '../../application/ports/webhook-subscription.repository';
import { WebhookSubscription } from '../../domain/webhook-subscription/webhook-subscription';
import { WebhookSubscriptionEntity } from './webhook-subscription.orm-entity';

@Injectable()
export class TypeOrmWebhookSubscriptionRepository extends WebhookSubscriptionRepository {
  constructor(private readonly unitOfWork: TypeOrmUnitOfWork) {
    super();
  }

  async add(subscription: WebhookSubscription): Promise<void> {
    const snapshot = subscription.snapshot();
    await this.unitOfWork.currentManager().insert(WebhookSubscriptionEntity, { ...snapshot, events: [...snapshot.events] });
  }

  async subscribedTo(eventName: EventName): Promise<WebhookSubscription[]> {
    const records = await this.unitOfWork
      .readManager()
      .find(WebhookSubscriptionEntity, { where: { events: ArrayContains([eventName]) }, order: { createdAt: 'ASC', id: 'ASC' } });
    return records.map((record) => WebhookSubscription.restore(record));
  }

  async findById(id: string): Promise<WebhookSubscription | null> {
    const record = await this.unitOfWork.readManager().findOneBy(WebhookSubscriptionEntity, { id });
    return record ? WebhookSubscription.restore(record) : null;
  }

  async all(): Promise<WebhookSubscription[]> {
    const records = await this.unitOfWork.readManager().find(WebhookSubscriptionEntity, { order: { createdAt: 'ASC', id: 'ASC' } });
    return records.map((record) => WebhookSubscription.restore(record));
  }
}
