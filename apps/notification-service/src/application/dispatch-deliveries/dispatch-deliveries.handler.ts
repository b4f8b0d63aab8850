import { Inject, Injectable } from '@nestjs/common';
import { type Clock, UnitOfWork } from '@mb/kernel';
import { SERVICE_CLOCK, SERVICE_CONFIG } from '@mb/platform';
import type { NotificationServiceConfig } from '../../config';
import type { Delivery, EmailContent, WebhookContent } from '../../domain/delivery/delivery';
import { retryPolicy, RetryPolicy } from '../../domain/delivery/retry-policy';
import { webhookHeaders } from '../../domain/webhook-subscription/standard-webhooks';
import { EmailChannel, SendOutcome, WebhookChannel } from '../ports/channels.port';
import { DeliveryRepository } from '../ports/delivery.repository';
import { WebhookSubscriptionRepository } from '../ports/webhook-subscription.repository';

/** How long a claimed delivery stays hidden from other dispatchers while it is being sent. */
export const CLAIM_LEASE_MS = 5 * 60 * 1000;
/** The most deliveries one pass claims. */
export const DISPATCH_BATCH_SIZE = 20;

/**
 * Sends the deliveries that are due: claims a batch in one unit of work (skipping rows another
 * dispatcher holds, so replicas share the work), sends each outside any transaction, then records
 * each attempt in a unit of work of its own. A crash between send and record sends again after the
 * lease: at least once, with the same webhook-id and Message-ID so receivers can drop the duplicate.
 */
@Injectable()
export class DispatchDeliveriesHandler {
  private readonly policy: RetryPolicy;

  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly deliveries: DeliveryRepository,
    private readonly subscriptions: WebhookSubscriptionRepository,
    private readonly email: EmailChannel,
    private readonly webhook: WebhookChannel,
    @Inject(SERVICE_CLOCK) private readonly clock: Clock,
    @Inject(SERVICE_CONFIG) config: Pick<NotificationServiceConfig, 'WEBHOOK_RETRY_BASE_MS'>,
  ) {
    this.policy = retryPolicy(config.WEBHOOK_RETRY_BASE_MS);
  }

  /** One pass; returns how many deliveries were attempted. */
  async execute(): Promise<number> {
    const now = this.clock.now();
    const claimed = await this.unitOfWork.run(() => this.deliveries.claimDue(now, new Date(now.getTime() + CLAIM_LEASE_MS), DISPATCH_BATCH_SIZE));
    for (const delivery of claimed) {
      const outcome = await this.send(delivery);
      await this.record(delivery.id, outcome);
    }
    return claimed.length;
  }

  private async send(delivery: Delivery): Promise<SendOutcome> {
    const { id, channel, recipient, payload, eventId } = delivery.snapshot();
    try {
      if (channel === 'email') {
        const content = payload as EmailContent;
        return await this.email.send({ to: recipient, messageId: `<${id}@milestone-billing>`, subject: content.subject, text: content.text });
      }
      const content = payload as WebhookContent;
      const subscription = await this.subscriptions.findById(content.subscriptionId);
      if (!subscription) return { ok: false, error: `subscription ${content.subscriptionId} no longer exists`, statusCode: null, permanent: true };
      // The signature's timestamp is wall time, not the (test-movable) service clock: receivers
      // check it against their own clocks to refuse replays.
      const headers = webhookHeaders(subscription.secret, { id: eventId, timestamp: Math.floor(Date.now() / 1000), body: content.body });
      return await this.webhook.send({ url: recipient, headers, body: content.body });
    } catch (error) {
      return { ok: false, error: (error as Error).message, statusCode: null, permanent: false };
    }
  }

  private async record(deliveryId: string, outcome: SendOutcome): Promise<void> {
    await this.unitOfWork.run(async () => {
      const delivery = await this.deliveries.lockById(deliveryId);
      if (!delivery || delivery.snapshot().status !== 'pending') return;
      const now = this.clock.now();
      const attempt = outcome.ok
        ? delivery.recordSuccess(now, outcome.statusCode)
        : delivery.recordFailure(now, { error: outcome.error, statusCode: outcome.statusCode, permanent: outcome.permanent }, this.policy);
      await this.deliveries.saveAttempt(delivery, attempt);
    });
  }
}
