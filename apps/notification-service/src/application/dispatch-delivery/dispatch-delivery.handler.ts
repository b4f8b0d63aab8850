import { Inject, Injectable } from '@nestjs/common';
import { type Clock, Timers, UnitOfWork } from '@mb/kernel';
import type { Logger } from '@mb/observability';
import { SERVICE_CLOCK, SERVICE_CONFIG, SERVICE_LOGGER } from '@mb/platform';
import type { NotificationServiceConfig } from '../../config';
import type { Delivery, EmailContent, WebhookContent } from '../../domain/delivery/delivery';
import { retryPolicy, RetryPolicy } from '../../domain/delivery/retry-policy';
import { webhookHeaders } from '../../domain/webhook-subscription/standard-webhooks';
import { EmailChannel, type FetchedDocument, SendOutcome, WebhookChannel } from '../ports/channels.port';
import { DocumentFetcher, DocumentUnavailableError } from '../ports/document-fetcher.port';
import { DeliveryRepository } from '../ports/delivery.repository';
import { WebhookSubscriptionRepository } from '../ports/webhook-subscription.repository';

/** The durable timer of a pending delivery, keyed by its id, due at its next attempt. */
export const DELIVERY_DUE_TIMER = 'notification.delivery_due';

export interface DispatchDelivery {
  readonly deliveryId: string;
}

/**
 * Makes the attempt a delivery's timer came due for: loads the delivery under its row lock and,
 * when it is pending and due, sends it through its channel, records the attempt, and, after a
 * failure worth retrying, sets the timer again at the next attempt the retry policy gives. A sent,
 * failed or abandoned delivery is left alone, so a timer that fires twice sends nothing twice.
 *
 * All of it runs in the firing's unit of work (with its inbox record), the send included: if the
 * process dies after the recipient took the message and before the commit, nothing is recorded and
 * the timer fires again, sending the same message once more. It carries the same Message-ID
 * (`<delivery id@milestone-billing>`) or webhook-id (the event id, which Standard Webhooks has
 * receivers deduplicate by), so receivers can drop the duplicate: at least once, never lost.
 */
@Injectable()
export class DispatchDeliveryHandler {
  private readonly policy: RetryPolicy;

  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly deliveries: DeliveryRepository,
    private readonly subscriptions: WebhookSubscriptionRepository,
    private readonly email: EmailChannel,
    private readonly webhook: WebhookChannel,
    private readonly documents: DocumentFetcher,
    private readonly timers: Timers,
    @Inject(SERVICE_CLOCK) private readonly clock: Clock,
    @Inject(SERVICE_CONFIG) config: Pick<NotificationServiceConfig, 'WEBHOOK_RETRY_BASE_MS'>,
    @Inject(SERVICE_LOGGER) private readonly logger: Logger,
  ) {
    this.policy = retryPolicy(config.WEBHOOK_RETRY_BASE_MS);
  }

  async execute(command: DispatchDelivery): Promise<void> {
    await this.unitOfWork.run(async () => {
      const delivery = await this.deliveries.lockById(command.deliveryId);
      if (!delivery) return;
      const { status, nextAttemptAt } = delivery.snapshot();
      if (status !== 'pending' || nextAttemptAt === null) return;
      if (nextAttemptAt.getTime() > this.clock.now().getTime()) {
        // Fired before the attempt it stands for (clocks of two hosts a little apart): wait on.
        await this.timers.schedule(DELIVERY_DUE_TIMER, delivery.id, nextAttemptAt);
        return;
      }
      const outcome = await this.send(delivery);
      const now = this.clock.now();
      const attempt = outcome.ok
        ? delivery.recordSuccess(now, outcome.statusCode)
        : delivery.recordFailure(now, { error: outcome.error, statusCode: outcome.statusCode, permanent: outcome.permanent }, this.policy);
      await this.deliveries.saveAttempt(delivery, attempt);
      const after = delivery.snapshot();
      if (after.status === 'pending' && after.nextAttemptAt) await this.timers.schedule(DELIVERY_DUE_TIMER, delivery.id, after.nextAttemptAt);
    });
  }

  private async send(delivery: Delivery): Promise<SendOutcome> {
    const { id, channel, recipient, payload, eventId } = delivery.snapshot();
    try {
      if (channel === 'email') {
        const content = payload as EmailContent;
        const attachments = await this.attachmentsOf(content);
        if ('unavailable' in attachments) return { ok: false, error: attachments.unavailable, statusCode: null, permanent: false };
        return await this.email.send({ to: recipient, messageId: `<${id}@milestone-billing>`, subject: content.subject, text: content.text, ...(content.html ? { html: content.html } : {}), attachments: attachments.documents });
      }
      const content = payload as WebhookContent;
      const subscription = await this.subscriptions.findById(content.subscriptionId);
      if (!subscription) return { ok: false, error: `subscription ${content.subscriptionId} no longer exists`, statusCode: null, permanent: true };
      // The signature's timestamp is wall time, not the (test-movable) service clock: receivers
      // check it against their own clocks to refuse replays.
      const headers = webhookHeaders(subscription.secret, { id: eventId, timestamp: Math.floor(Date.now() / 1000), body: content.body });
      return await this.webhook.send({ url: recipient, headers, body: content.body });
    } catch (error) {
      // A failure of ours (a secret that no key of the ring opens): logged in full, kept neutral in
      // the attempts log, which the API shows.
      this.logger.error({ err: error, deliveryId: id }, 'delivery could not be sent');
      return { ok: false, error: 'delivery_failed', statusCode: null, permanent: false };
    }
  }

  /**
   * The documents the email attaches, fetched now from the services that own them. One that cannot
   * be had fails the attempt as worth retrying (the owner may be restarting, or the document not
   * readable yet): an invoice email is never sent without its invoice.
   */
  private async attachmentsOf(content: EmailContent): Promise<{ documents: FetchedDocument[] } | { unavailable: string }> {
    try {
      return { documents: await Promise.all((content.attachments ?? []).map((reference) => this.documents.fetch(reference))) };
    } catch (error) {
      if (!(error instanceof DocumentUnavailableError)) throw error;
      this.logger.warn({ kind: error.reference.kind, documentId: error.reference.id, reason: error.reason }, 'attachment unavailable; the delivery will be retried');
      return { unavailable: `attachment_unavailable: ${error.reference.kind} ${error.reason}` };
    }
  }
}
