import { Inject, Injectable } from '@nestjs/common';
import { type Clock, UnitOfWork } from '@mb/kernel';
import { SERVICE_CLOCK } from '@mb/platform';
import type { WebhookSubscriptionSnapshot } from '../../domain/webhook-subscription/webhook-subscription';
import { lockOwnedSubscription, WebhookSubscriptionRepository } from '../ports/webhook-subscription.repository';

export interface RotateWebhookSecret {
  readonly subscriptionId: string;
  /** The client of a client caller; null for staff (today only staff rotate). */
  readonly callerClientId?: string | null;
}

/**
 * Issues a new signing secret for a subscription (a receiver's secret leaked, or its policy says
 * rotate). For 24 hours every delivery is signed with both the new and the replaced secret (two
 * signatures in webhook-signature, as Standard Webhooks allows), so the receiver can switch at any
 * time in between; after that, with the new one only. The answer carries it, shown this once.
 */
@Injectable()
export class RotateWebhookSecretHandler {
  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly subscriptions: WebhookSubscriptionRepository,
    @Inject(SERVICE_CLOCK) private readonly clock: Clock,
  ) {}

  async execute(command: RotateWebhookSecret): Promise<WebhookSubscriptionSnapshot> {
    return this.unitOfWork.run(async () => {
      const subscription = await lockOwnedSubscription(this.subscriptions, command.subscriptionId, command.callerClientId ?? null);
      subscription.rotateSecret(this.clock.now());
      await this.subscriptions.save(subscription);
      return subscription.snapshot();
    });
  }
}
