import { Inject, Injectable } from '@nestjs/common';
import { type Clock, UnitOfWork } from '@mb/kernel';
import { SERVICE_CLOCK } from '@mb/platform';
import type { WebhookSubscriptionSnapshot } from '../../domain/webhook-subscription/webhook-subscription';
import { lockOwnedSubscription, WebhookSubscriptionRepository } from '../ports/webhook-subscription.repository';

export interface PauseWebhookSubscription {
  readonly subscriptionId: string;
  /** The client of a client caller, who pauses its own subscriptions only; null for staff. */
  readonly callerClientId: string | null;
}

/**
 * Stops a subscription's deliveries for a while (its receiver is down for maintenance). Nothing is
 * lost: deliveries planned while it is paused, and pending ones whose attempt comes due meanwhile,
 * are held, and go out when it resumes (their retry window still counts from their first attempt).
 */
@Injectable()
export class PauseWebhookSubscriptionHandler {
  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly subscriptions: WebhookSubscriptionRepository,
    @Inject(SERVICE_CLOCK) private readonly clock: Clock,
  ) {}

  async execute(command: PauseWebhookSubscription): Promise<WebhookSubscriptionSnapshot> {
    return this.unitOfWork.run(async () => {
      const subscription = await lockOwnedSubscription(this.subscriptions, command.subscriptionId, command.callerClientId);
      subscription.pause(this.clock.now());
      await this.subscriptions.save(subscription);
      return subscription.snapshot();
    });
  }
}
