import { Inject, Injectable } from '@nestjs/common';
import { type Clock, newId, Timers, UnitOfWork } from '@mb/kernel';
import { EventOutbox } from '@mb/messaging';
import { SERVICE_CLOCK } from '@mb/platform';
import { Delivery } from '../../domain/delivery/delivery';
import { originOf } from '../../domain/delivery/redaction';
import { EmailRenderer } from '../../domain/templates/email-renderer';
import { emailLanguageFor } from '../../domain/templates/email-template';
import { webhookDisabledTemplate } from '../../domain/templates/webhook-disabled.template';
import { DELIVERY_DUE_TIMER, WEBHOOK_FAILING_TIMER } from '../dispatch-delivery/dispatch-delivery.handler';
import { DeliveryRepository } from '../ports/delivery.repository';
import { RecipientDirectory } from '../ports/recipient-directory.repository';
import { WebhookSubscriptionRepository } from '../ports/webhook-subscription.repository';

export interface DisableFailingWebhook {
  readonly subscriptionId: string;
}

/**
 * A subscription's failing-streak timer came due: if no delivery was accepted since the streak
 * began three days ago, the subscription is disabled, notification.webhook_disabled is published,
 * and its owner (the subscription's owner_email, when it gave one) is emailed (the webhook-disabled
 * template, in its client's language when the subscription is a client's, else English), all in one unit of
 * work; its pending and held deliveries are cancelled after (lock order: see
 * ResumeWebhookSubscriptionHandler). A streak that ended, or restarted later, leaves it alone.
 */
@Injectable()
export class DisableFailingWebhookHandler {
  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly subscriptions: WebhookSubscriptionRepository,
    private readonly deliveries: DeliveryRepository,
    private readonly timers: Timers,
    private readonly outbox: EventOutbox,
    @Inject(SERVICE_CLOCK) private readonly clock: Clock,
    private readonly directory: RecipientDirectory,
    private readonly renderer: EmailRenderer,
  ) {}

  async execute(command: DisableFailingWebhook): Promise<void> {
    const disabled = await this.unitOfWork.run(async () => {
      const subscription = await this.subscriptions.lockById(command.subscriptionId);
      if (!subscription) return false;
      const now = this.clock.now();
      const disablesAt = subscription.disablesAt;
      if (subscription.status === 'active' && disablesAt !== null && disablesAt.getTime() > now.getTime()) {
        // A timer set for an earlier streak, or fired early (two hosts' clocks a little apart): wait on.
        await this.timers.schedule(WEBHOOK_FAILING_TIMER, subscription.id, disablesAt);
        return false;
      }
      const failingSince = subscription.snapshot().failingSince;
      if (!subscription.disableIfFailingTooLong(now) || failingSince === null) return false;
      await this.subscriptions.save(subscription);
      const { id, url, events, clientId, ownerEmail } = subscription.snapshot();
      const envelope = await this.outbox.record('notification.webhook_disabled', {
        subscription_id: id,
        ...(clientId === null ? {} : { client_id: clientId }),
        url_origin: originOf(url),
        reason: `no delivery accepted for three days (since ${failingSince.toISOString()})`,
        failing_since: failingSince.toISOString(),
        disabled_at: now.toISOString(),
      });
      if (ownerEmail !== null) {
        const language = emailLanguageFor(clientId === null ? null : (await this.directory.findClient(clientId))?.language);
        const email = Delivery.plan({
          id: newId('dlv'),
          eventId: envelope.id,
          eventName: envelope.event,
          clientId,
          channel: 'email',
          recipient: ownerEmail,
          payload: this.renderer.render(webhookDisabledTemplate, language, {
            subscriptionId: id,
            url,
            events,
            failingSince: failingSince.toISOString(),
            disabledAt: now.toISOString(),
            lastError: null,
          }),
          now,
        });
        if (await this.deliveries.planOnce(email)) await this.timers.schedule(DELIVERY_DUE_TIMER, email.id, now);
      }
      return true;
    });
    if (disabled) await this.unitOfWork.run(() => this.deliveries.cancelOpen(command.subscriptionId, 'subscription_disabled'));
  }
}
