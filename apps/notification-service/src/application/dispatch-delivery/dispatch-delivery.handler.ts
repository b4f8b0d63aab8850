import { Inject, Injectable } from '@nestjs/common';
import { type Clock, Timers, UnitOfWork } from '@mb/kernel';
import { TEXT_LIMITS } from '@mb/events';
import { EventOutbox } from '@mb/messaging';
import type { Logger } from '@mb/observability';
import { SERVICE_CLOCK, SERVICE_CONFIG, SERVICE_LOGGER } from '@mb/platform';
import type { NotificationServiceConfig } from '../../config';
import type { Delivery, DeliverySnapshot, EmailContent } from '../../domain/delivery/delivery';
import { redactedRecipient } from '../../domain/delivery/redaction';
import { retryPolicy, RetryPolicy } from '../../domain/delivery/retry-policy';
import { webhookHeaders } from '../../domain/webhook-subscription/standard-webhooks';
import type { WebhookSubscription } from '../../domain/webhook-subscription/webhook-subscription';
import { EmailChannel, type FetchedDocument, SendOutcome, WebhookChannel } from '../ports/channels.port';
import { DocumentFetcher, DocumentUnavailableError } from '../ports/document-fetcher.port';
import { DeliveryRepository } from '../ports/delivery.repository';
import { WebhookSubscriptionRepository } from '../ports/webhook-subscription.repository';

/** The durable timer of a pending delivery, keyed by its id, due at its next attempt. */
export const DELIVERY_DUE_TIMER = 'notification.delivery_due';

/**
 * The durable timer of a webhook subscription's failing streak, keyed by the subscription id, due
 * three days after the streak's first failed attempt: if none was accepted since, it is disabled.
 */
export const WEBHOOK_FAILING_TIMER = 'notification.webhook_failing';

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
 *
 * A webhook delivery goes out only while its subscription is active: a paused one's is held until
 * the resume, a deleted or disabled one's cancelled. Its outcome moves the subscription's failing
 * streak (the first failure starts it and sets WEBHOOK_FAILING_TIMER; a success ends it). A
 * delivery's final outcome, not each attempt, is published: notification.sent or notification.failed.
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
    private readonly outbox: EventOutbox,
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
      const subscription = await this.subscriptionOf(delivery);
      if (subscription === 'stopped') return;
      const outcome = await this.send(delivery, subscription);
      const now = this.clock.now();
      const attempt = outcome.ok
        ? delivery.recordSuccess(now, outcome.statusCode)
        : delivery.recordFailure(now, { error: outcome.error, statusCode: outcome.statusCode, permanent: outcome.permanent }, this.policy);
      await this.deliveries.saveAttempt(delivery, attempt);
      const after = delivery.snapshot();
      if (after.status === 'pending' && after.nextAttemptAt) await this.timers.schedule(DELIVERY_DUE_TIMER, delivery.id, after.nextAttemptAt);
      else await this.publishOutcome(after, attempt.statusCode);
      if (subscription) await this.trackFailingStreak(subscription, outcome.ok, now);
    });
  }

  /**
   * The subscription a webhook delivery is for, when it may go out now; null for an email. When it
   * may not, the delivery is held (paused) or cancelled (deleted, disabled, gone), and 'stopped'.
   */
  private async subscriptionOf(delivery: Delivery): Promise<WebhookSubscription | null | 'stopped'> {
    const subscriptionId = delivery.subscriptionId;
    if (subscriptionId === null) return null;
    const subscription = await this.subscriptions.findById(subscriptionId);
    if (subscription?.deliversNow) return subscription;
    if (subscription?.holdsDeliveries) delivery.hold();
    else delivery.cancel(subscription ? `subscription_${subscription.status}` : 'subscription_gone');
    await this.deliveries.save(delivery);
    return 'stopped';
  }

  /**
   * Starts the subscription's failing streak at a failed attempt (and its three-day timer), or ends
   * it at an accepted one. The row is locked only when the streak changes, so deliveries to a
   * healthy subscription do not queue behind one another.
   */
  private async trackFailingStreak(seen: WebhookSubscription, accepted: boolean, now: Date): Promise<void> {
    const failing = seen.disablesAt !== null;
    if (accepted === !failing) return;
    const subscription = await this.subscriptions.lockById(seen.id);
    if (!subscription) return;
    if (accepted) {
      if (subscription.disablesAt === null) return;
      subscription.recordAcceptedAttempt();
      await this.subscriptions.save(subscription);
      await this.timers.cancel(WEBHOOK_FAILING_TIMER, subscription.id);
      return;
    }
    if (!subscription.recordFailedAttempt(now)) return;
    await this.subscriptions.save(subscription);
    await this.timers.schedule(WEBHOOK_FAILING_TIMER, subscription.id, subscription.disablesAt as Date);
  }

  /** One event per delivery's final outcome (not per attempt): notification.sent or notification.failed. */
  private async publishOutcome(delivery: DeliverySnapshot, statusCode: number | null): Promise<void> {
    const subscriptionId = delivery.channel === 'webhook' ? (delivery.payload as { subscriptionId: string }).subscriptionId : null;
    const about = {
      delivery_id: delivery.id,
      channel: delivery.channel,
      event_id: delivery.eventId,
      event_type: delivery.eventName,
      ...(delivery.clientId === null ? {} : { client_id: delivery.clientId }),
      ...(subscriptionId === null ? {} : { subscription_id: subscriptionId }),
      recipient: atMost(redactedRecipient(delivery.channel, delivery.recipient), TEXT_LIMITS.recipient),
      attempt: delivery.attempts,
      ...(delivery.replayOf === null ? {} : { replay_of: delivery.replayOf }),
      ...(statusCode === null || statusCode < 100 ? {} : { status_code: statusCode }),
    };
    const at = this.clock.now().toISOString();
    if (delivery.status === 'sent') await this.outbox.record('notification.sent', { ...about, sent_at: delivery.sentAt?.toISOString() ?? at });
    if (delivery.status === 'failed' || delivery.status === 'abandoned') {
      await this.outbox.record('notification.failed', { ...about, status: delivery.status, error: atMost(delivery.lastError ?? 'delivery_failed', TEXT_LIMITS.deliveryError), failed_at: at });
    }
  }

  private async send(delivery: Delivery, subscription: WebhookSubscription | null): Promise<SendOutcome> {
    const { id, channel, recipient, payload, eventId } = delivery.snapshot();
    try {
      if (channel === 'email') {
        const content = payload as EmailContent;
        const attachments = await this.attachmentsOf(content);
        if ('unavailable' in attachments) return { ok: false, error: attachments.unavailable, statusCode: null, permanent: false };
        return await this.email.send({ to: recipient, messageId: `<${id}@milestone-billing>`, subject: content.subject, text: content.text, ...(content.html ? { html: content.html } : {}), attachments: attachments.documents });
      }
      if (!subscription) throw new Error(`webhook delivery ${id} has no subscription`);
      const { body } = payload as { body: string };
      // The signature's timestamp is wall time, not the (test-movable) service clock: receivers
      // check it against their own clocks to refuse replays. Which secrets sign (a rotation's
      // overlap) is business time, so that tests can move past the overlap.
      const headers = webhookHeaders(subscription.signingSecrets(this.clock.now()), { id: eventId, timestamp: Math.floor(Date.now() / 1000), body });
      return await this.webhook.send({ url: recipient, headers, body });
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

/**
 * The text cut to the event field's cap, ending in "…" when cut: a receiver's or SMTP server's
 * error text (and, in theory, a punycoded origin) has no bound of ours, and an over-long field
 * would make the outbox refuse the whole event.
 */
function atMost(text: string, maxLength: number): string {
  return text.length <= maxLength ? text : `${text.slice(0, maxLength - 1)}…`;
}
