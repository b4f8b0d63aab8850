import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { type Clock, Timers, UnitOfWork } from '@mb/kernel';
import { TEXT_LIMITS } from '@mb/events';
import { EventOutbox } from '@mb/messaging';
import type { Logger } from '@mb/observability';
import { SERVICE_CLOCK, SERVICE_CONFIG, SERVICE_LOGGER } from '@mb/platform';
import type { NotificationServiceConfig } from '../../config';
import type { Delivery, DeliverySnapshot, EmailContent } from '../../domain/delivery/delivery';
import { deliveryEndpoint } from '../../domain/delivery/delivery-endpoint';
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

export interface ClaimDelivery {
  readonly deliveryId: string;
  /**
   * Whether the dispatcher takes one more send for this endpoint now. When it does not (its queue
   * for a slow receiver is full), the delivery is not claimed and its timer set a little later,
   * leaving it to another instance or to when the queue has room.
   */
  readonly admits?: (endpoint: string, deliveryId: string) => boolean;
}

/** A delivery claimed for a send: what the send needs, and the claim's token, which fences its outcome. */
export interface ClaimedDelivery {
  readonly token: string;
  readonly endpoint: string;
  readonly delivery: DeliverySnapshot;
  /** The webhook's subscription as it was when claimed; null for an email. */
  readonly subscription: WebhookSubscription | null;
}

/** What recording an outcome came to: the delivery's status after it, or `claim_lost` when another instance had taken it. */
export type RecordedOutcome = { recorded: true; delivery: DeliverySnapshot } | { recorded: false; reason: 'claim_lost' };

/** How long a delivery the dispatcher could not take now waits before its timer fires again. */
export const DEFERRED_CLAIM_MS = 5_000;

/**
 * Makes the attempt a delivery's timer came due for: loads the delivery under its row lock and,
 * when it is pending and due, sends it through its channel, records the attempt, and, after a
 * failure worth retrying, sets the timer again at the next attempt the retry policy gives. A sent,
 * failed or abandoned delivery is left alone, so a timer that fires twice sends nothing twice.
 *
 * An attempt is three steps, so that no database transaction stays open while a receiver answers:
 * claim (in the firing's unit of work: the delivery is taken under a claim whose lease, DELIVERY_LEASE_MS,
 * the dispatcher renews while the send runs, and its timer is set again at the lease's end so that a
 * crashed instance's claim is taken over), send (no transaction), and record the outcome (only while
 * the claim still holds: the fence that keeps a second instance from recording, or sending, what is
 * in flight). A live claim makes a second firing, on any instance, wait for the lease's end.
 *
 * If the process dies after the recipient took the message and before the outcome is recorded, the
 * lease runs out and the timer sends the same message once more. It carries the same Message-ID
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

  private readonly leaseMs: number;

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
    @Inject(SERVICE_CONFIG) config: Pick<NotificationServiceConfig, 'WEBHOOK_RETRY_BASE_MS' | 'DELIVERY_LEASE_MS'>,
    @Inject(SERVICE_LOGGER) private readonly logger: Logger,
  ) {
    this.policy = retryPolicy(config.WEBHOOK_RETRY_BASE_MS);
    this.leaseMs = config.DELIVERY_LEASE_MS;
  }

  /** The whole attempt in one go (claim, send, record), for a caller that has no dispatcher of its own. */
  async execute(command: DispatchDelivery): Promise<void> {
    const claimed = await this.claim(command);
    if (!claimed) return;
    await this.recordOutcome(claimed, await this.send(claimed));
  }

  /**
   * Takes a pending, due delivery for a send, in the unit of work open (the timer's firing): null
   * when there is nothing to send now (sent, held, cancelled, not due, claimed by a send in flight,
   * or not admitted by the dispatcher), with its timer set again where it will be worth looking.
   */
  async claim(command: ClaimDelivery): Promise<ClaimedDelivery | null> {
    return this.unitOfWork.run(async () => {
      const delivery = await this.deliveries.lockById(command.deliveryId);
      if (!delivery) return null;
      const { status, nextAttemptAt } = delivery.snapshot();
      if (status !== 'pending' || nextAttemptAt === null) return null;
      const now = this.clock.now();
      if (nextAttemptAt.getTime() > now.getTime()) {
        // Fired before the attempt it stands for (clocks of two hosts a little apart): wait on.
        await this.timers.schedule(DELIVERY_DUE_TIMER, delivery.id, nextAttemptAt);
        return null;
      }
      const endpoint = deliveryEndpoint(delivery.snapshot().channel, delivery.snapshot().recipient);
      if (command.admits && !command.admits(endpoint, delivery.id)) {
        await this.timers.schedule(DELIVERY_DUE_TIMER, delivery.id, new Date(now.getTime() + DEFERRED_CLAIM_MS));
        return null;
      }
      const subscription = await this.subscriptionOf(delivery);
      if (subscription === 'stopped') return null;
      const token = randomUUID();
      // Either way the timer comes back at the lease's end: to take over a claim whose holder died,
      // or (ours) to find the attempt recorded, which moves or cancels it.
      await this.timers.schedule(DELIVERY_DUE_TIMER, delivery.id, new Date(now.getTime() + this.leaseMs));
      if (!(await this.deliveries.claim(delivery.id, token, this.leaseMs))) return null;
      return { token, endpoint, delivery: delivery.snapshot(), subscription };
    });
  }

  /** Extends the leases of the claims whose sends are in flight; answers the tokens still held (the others were lost). */
  async renewClaims(claims: readonly ClaimedDelivery[]): Promise<Set<string>> {
    if (claims.length === 0) return new Set();
    const held = await this.unitOfWork.run(() => this.deliveries.renewClaims(claims.map((claimed) => ({ deliveryId: claimed.delivery.id, token: claimed.token })), this.leaseMs));
    return new Set(held);
  }

  /**
   * Records a claimed delivery's attempt, when the claim still holds: the attempts log, the next
   * attempt's timer after a failure worth retrying (or the final outcome's event, and the timer
   * cancelled), and the subscription's failing streak. The claim holds even when the delivery was
   * held or cancelled while its send was in flight: the send happened, so it is recorded.
   */
  async recordOutcome(claimed: ClaimedDelivery, outcome: SendOutcome): Promise<RecordedOutcome> {
    return this.unitOfWork.run(async (): Promise<RecordedOutcome> => {
      const delivery = await this.deliveries.lockClaimed(claimed.delivery.id, claimed.token);
      if (!delivery) {
        this.logger.warn({ deliveryId: claimed.delivery.id }, 'delivery claim lost while sending (lease ran out); its attempt is not recorded');
        return { recorded: false, reason: 'claim_lost' };
      }
      const now = this.clock.now();
      // Held or cancelled meanwhile (its subscription paused, disabled or deleted while this send
      // was in flight): the attempt is still logged, and an accepted one makes it sent.
      const stoppedInFlight = delivery.snapshot().status !== 'pending';
      const attempt = outcome.ok
        ? delivery.recordSuccess(now, outcome.statusCode)
        : delivery.recordFailure(now, { error: outcome.error, statusCode: outcome.statusCode, permanent: outcome.permanent }, this.policy);
      await this.deliveries.saveAttempt(delivery, attempt);
      const after = delivery.snapshot();
      if (after.status === 'pending' && after.nextAttemptAt) await this.timers.schedule(DELIVERY_DUE_TIMER, delivery.id, after.nextAttemptAt);
      else {
        await this.timers.cancel(DELIVERY_DUE_TIMER, delivery.id);
        await this.publishOutcome(after, attempt.statusCode);
      }
      // A failure after the subscription stopped starts no streak: it sends nothing more to fail.
      if (claimed.subscription && (outcome.ok || !stoppedInFlight)) await this.trackFailingStreak(claimed.subscription, outcome.ok, now);
      return { recorded: true, delivery: after };
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

  /** Hands a claimed delivery to its channel, outside any transaction. */
  async send(claimed: ClaimedDelivery): Promise<SendOutcome> {
    const { subscription } = claimed;
    const { id, channel, recipient, payload, eventId } = claimed.delivery;
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
