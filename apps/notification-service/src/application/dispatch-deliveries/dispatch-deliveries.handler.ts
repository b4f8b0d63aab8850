import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { OffsetClock } from '@mb/kernel';
import { SERVICE_CLOCK, SERVICE_CONFIG } from '@mb/platform';
import type { NotificationServiceConfig } from '../../config';
import { DeliverySnapshot, EmailContent, WebhookContent } from '../../domain/delivery/delivery';
import { retryPolicy, RetryPolicy } from '../../domain/delivery/retry-policy';
import { webhookHeaders } from '../../domain/webhooks/standard-webhooks';
import { EmailChannel, SendOutcome, WebhookChannel } from '../ports/channels';
import { DeliveryRepository } from '../ports/delivery.repository';
import { WebhookSubscriptionRepository } from '../ports/webhook-subscription.repository';

/** How long a claimed delivery stays hidden from other dispatchers while it is being sent. */
const CLAIM_LEASE_MS = 5 * 60 * 1000;
const BATCH_SIZE = 20;

/**
 * Sends the deliveries that are due: claims a batch (FOR UPDATE SKIP LOCKED, so replicas share
 * the work), sends each outside any transaction, then records the attempt. A crash between send
 * and record sends again after the lease: at least once, with the same webhook-id and
 * Message-ID so receivers can drop the duplicate.
 */
@Injectable()
export class DispatchDeliveriesHandler {
  private readonly policy: RetryPolicy;

  constructor(
    private readonly dataSource: DataSource,
    private readonly deliveries: DeliveryRepository,
    private readonly subscriptions: WebhookSubscriptionRepository,
    private readonly email: EmailChannel,
    private readonly webhook: WebhookChannel,
    @Inject(SERVICE_CLOCK) private readonly clock: OffsetClock,
    @Inject(SERVICE_CONFIG) config: NotificationServiceConfig,
  ) {
    this.policy = retryPolicy(config.WEBHOOK_RETRY_BASE_MS);
  }

  /** One pass; returns how many deliveries were attempted. */
  async dispatchDue(): Promise<number> {
    const now = this.clock.now();
    const claimed = await this.dataSource.transaction((manager) =>
      this.deliveries.claimDue(manager, now, new Date(now.getTime() + CLAIM_LEASE_MS), BATCH_SIZE),
    );
    for (const delivery of claimed) {
      const outcome = await this.send(delivery);
      await this.record(delivery.id, outcome);
    }
    return claimed.length;
  }

  private async send(delivery: DeliverySnapshot): Promise<SendOutcome> {
    try {
      if (delivery.channel === 'email') {
        const content = delivery.payload as EmailContent;
        return await this.email.send({ to: delivery.recipient, messageId: `<${delivery.id}@milestone-billing>`, subject: content.subject, text: content.text });
      }
      const content = delivery.payload as WebhookContent;
      const subscription = await this.subscriptions.byId(this.dataSource.manager, content.subscriptionId);
      if (!subscription) return { ok: false, error: `subscription ${content.subscriptionId} no longer exists`, statusCode: null, permanent: true };
      // The signature's timestamp is wall time, not the (test-movable) service clock: receivers
      // check it against their own clocks to refuse replays.
      const headers = webhookHeaders(subscription.secret, { id: delivery.eventId, timestamp: Math.floor(Date.now() / 1000), body: content.body });
      return await this.webhook.send({ url: delivery.recipient, headers, body: content.body });
    } catch (error) {
      return { ok: false, error: (error as Error).message, statusCode: null, permanent: false };
    }
  }

  private async record(deliveryId: string, outcome: SendOutcome): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const delivery = await this.deliveries.lock(manager, deliveryId);
      if (!delivery || delivery.snapshot().status !== 'pending') return;
      const now = this.clock.now();
      const attempt = outcome.ok
        ? delivery.recordSuccess(now, outcome.statusCode)
        : delivery.recordFailure(now, { error: outcome.error, statusCode: outcome.statusCode, permanent: outcome.permanent }, this.policy);
      await this.deliveries.saveAttempt(manager, delivery, attempt);
    });
  }
}
