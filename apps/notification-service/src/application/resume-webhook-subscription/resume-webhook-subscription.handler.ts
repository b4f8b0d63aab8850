import { Inject, Injectable } from '@nestjs/common';
import { type Clock, Timers, UnitOfWork } from '@mb/kernel';
import { SERVICE_CLOCK } from '@mb/platform';
import type { WebhookSubscriptionSnapshot } from '../../domain/webhook-subscription/webhook-subscription';
import { DELIVERY_DUE_TIMER, WEBHOOK_FAILING_TIMER } from '../dispatch-delivery/dispatch-delivery.handler';
import { DeliveryRepository } from '../ports/delivery.repository';
import { lockOwnedSubscription, WebhookSubscriptionRepository } from '../ports/webhook-subscription.repository';

export interface ResumeWebhookSubscription {
  readonly subscriptionId: string;
  /** The client of a client caller, who resumes its own subscriptions only; null for staff. */
  readonly callerClientId: string | null;
}

/**
 * Deliveries go out again: a paused subscription's held deliveries are due at once, each with its
 * timer; a disabled subscription is enabled again with a fresh failing streak (its cancelled
 * deliveries stay cancelled: replay them). Resuming an active one changes nothing.
 *
 * The subscription commits first, the held deliveries are released after, in a unit of work of
 * their own: the dispatcher locks a delivery before it reads (and may lock) its subscription, so
 * taking the locks the other way round in one transaction could deadlock. A delivery a dispatcher
 * holds between the two is released by the second step, which waits for its lock.
 */
@Injectable()
export class ResumeWebhookSubscriptionHandler {
  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly subscriptions: WebhookSubscriptionRepository,
    private readonly deliveries: DeliveryRepository,
    private readonly timers: Timers,
    @Inject(SERVICE_CLOCK) private readonly clock: Clock,
  ) {}

  async execute(command: ResumeWebhookSubscription): Promise<WebhookSubscriptionSnapshot> {
    const resumed = await this.unitOfWork.run(async () => {
      const subscription = await lockOwnedSubscription(this.subscriptions, command.subscriptionId, command.callerClientId);
      subscription.resume(this.clock.now());
      await this.subscriptions.save(subscription);
      await this.timers.cancel(WEBHOOK_FAILING_TIMER, subscription.id);
      return subscription.snapshot();
    });
    await this.unitOfWork.run(async () => {
      const now = this.clock.now();
      for (const deliveryId of await this.deliveries.releaseHeld(resumed.id, now)) await this.timers.schedule(DELIVERY_DUE_TIMER, deliveryId, now);
    });
    return resumed;
  }
}
