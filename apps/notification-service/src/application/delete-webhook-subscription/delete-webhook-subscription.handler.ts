import { Inject, Injectable } from '@nestjs/common';
import { type Clock, Timers, UnitOfWork } from '@mb/kernel';
import { SERVICE_CLOCK } from '@mb/platform';
import type { WebhookSubscriptionSnapshot } from '../../domain/webhook-subscription/webhook-subscription';
import { WEBHOOK_FAILING_TIMER } from '../dispatch-delivery/dispatch-delivery.handler';
import { DeliveryRepository } from '../ports/delivery.repository';
import { lockOwnedSubscription, WebhookSubscriptionRepository } from '../ports/webhook-subscription.repository';

export interface DeleteWebhookSubscription {
  readonly subscriptionId: string;
  /** The client of a client caller, who deletes its own subscriptions only; null for staff. */
  readonly callerClientId: string | null;
}

/**
 * Ends a subscription: no delivery is planned for it any more, and its pending and held ones are
 * cancelled. The record is kept, marked deleted (the delivery log names it), and no longer listed.
 * The cancellation runs after the subscription commits (see ResumeWebhookSubscriptionHandler on
 * lock order); a delivery whose timer fires in between finds the subscription deleted and is
 * cancelled then.
 */
@Injectable()
export class DeleteWebhookSubscriptionHandler {
  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly subscriptions: WebhookSubscriptionRepository,
    private readonly deliveries: DeliveryRepository,
    private readonly timers: Timers,
    @Inject(SERVICE_CLOCK) private readonly clock: Clock,
  ) {}

  async execute(command: DeleteWebhookSubscription): Promise<WebhookSubscriptionSnapshot> {
    const deleted = await this.unitOfWork.run(async () => {
      const subscription = await lockOwnedSubscription(this.subscriptions, command.subscriptionId, command.callerClientId);
      subscription.delete(this.clock.now());
      await this.subscriptions.save(subscription);
      await this.timers.cancel(WEBHOOK_FAILING_TIMER, subscription.id);
      return subscription.snapshot();
    });
    await this.unitOfWork.run(() => this.deliveries.cancelOpen(command.subscriptionId, 'subscription_deleted'));
    return deleted;
  }
}
