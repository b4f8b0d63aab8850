import { Inject, Injectable } from '@nestjs/common';
import { type Clock, DomainRejection, newId, UnitOfWork } from '@mb/kernel';
import { SERVICE_CLOCK, SERVICE_CONFIG } from '@mb/platform';
import type { NotificationServiceConfig } from '../../config';
import { WebhookSubscription, type WebhookSubscriptionSnapshot } from '../../domain/webhook-subscription/webhook-subscription';
import { WebhookChannel } from '../ports/channels.port';
import { WebhookSubscriptionRepository } from '../ports/webhook-subscription.repository';

/**
 * Subscribes a system to some event topics; its deliveries are signed with a secret made here. The
 * URL must be https (http only where the local stack allows it) and its host must lead outside our
 * network as it resolves now; the channel checks that again at every delivery.
 */
@Injectable()
export class SubscribeWebhookHandler {
  private readonly plainHttp: 'refused' | 'allowed';

  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly subscriptions: WebhookSubscriptionRepository,
    private readonly webhook: WebhookChannel,
    @Inject(SERVICE_CLOCK) private readonly clock: Clock,
    @Inject(SERVICE_CONFIG) config: Pick<NotificationServiceConfig, 'WEBHOOK_HTTP_URLS'>,
  ) {
    this.plainHttp = config.WEBHOOK_HTTP_URLS === 'local-development' ? 'allowed' : 'refused';
  }

  /** `clientId`: the one client whose events it receives (a client's own subscription); none for every client's. */
  /** `ownerEmail`: who is told if the subscription is disabled after three days of failures. */
  async execute(command: { url: string; events: string[]; clientId?: string | null; ownerEmail?: string | null }): Promise<WebhookSubscriptionSnapshot> {
    const subscription = WebhookSubscription.subscribe({
      id: newId('whs'),
      url: command.url,
      events: command.events,
      clientId: command.clientId,
      ownerEmail: command.ownerEmail,
      now: this.clock.now(),
      plainHttp: this.plainHttp,
    });
    const verdict = await this.webhook.checkDestination(subscription.url);
    if (!verdict.allowed && verdict.reason === 'destination_refused') {
      // The range, not the address: which address an internal name resolves to is not the caller's to learn.
      throw new DomainRejection('invalid', 'webhook_subscription.destination_refused', `the URL's host is or resolves to a ${verdict.rule} address; webhooks reach public addresses only`, 'url');
    }
    if (!verdict.allowed) {
      throw new DomainRejection('invalid', 'webhook_subscription.unresolvable_host', "the URL's host does not resolve to an address", 'url');
    }
    return this.unitOfWork.run(async () => {
      await this.subscriptions.add(subscription);
      return subscription.snapshot();
    });
  }
}
