import { Inject, Injectable } from '@nestjs/common';
import { type Clock, newId, UnitOfWork } from '@mb/kernel';
import { SERVICE_CLOCK } from '@mb/platform';
import { WebhookSubscription, type WebhookSubscriptionSnapshot } from '../../domain/webhook-subscription/webhook-subscription';
import { WebhookSubscriptionRepository } from '../ports/webhook-subscription.repository';

/** Subscribes a system to some event topics; its deliveries are signed with a secret made here. */
@Injectable()
export class SubscribeWebhookHandler {
  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly subscriptions: WebhookSubscriptionRepository,
    @Inject(SERVICE_CLOCK) private readonly clock: Clock,
  ) {}

  /** `clientId`: the one client whose events it receives (a client's own subscription); none for every client's. */
  async execute(command: { url: string; events: string[]; clientId?: string | null }): Promise<WebhookSubscriptionSnapshot> {
    const subscription = WebhookSubscription.subscribe({ id: newId('whs'), url: command.url, events: command.events, clientId: command.clientId, now: this.clock.now() });
    return this.unitOfWork.run(async () => {
      await this.subscriptions.add(subscription);
      return subscription.snapshot();
    });
  }
}
