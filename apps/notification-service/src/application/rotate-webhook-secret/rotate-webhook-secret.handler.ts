import { Injectable } from '@nestjs/common';
import { DomainRejection, UnitOfWork } from '@mb/kernel';
import type { WebhookSubscriptionSnapshot } from '../../domain/webhook-subscription/webhook-subscription';
import { WebhookSubscriptionRepository } from '../ports/webhook-subscription.repository';

export interface RotateWebhookSecret {
  readonly subscriptionId: string;
}

/**
 * Issues a new signing secret for a subscription (a receiver's secret leaked, or its policy says
 * rotate): every delivery sent from the commit on is signed with it, retries of earlier events
 * included, since deliveries are signed when sent. The answer carries it, shown this once.
 */
@Injectable()
export class RotateWebhookSecretHandler {
  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly subscriptions: WebhookSubscriptionRepository,
  ) {}

  async execute(command: RotateWebhookSecret): Promise<WebhookSubscriptionSnapshot> {
    return this.unitOfWork.run(async () => {
      const subscription = await this.subscriptions.lockById(command.subscriptionId);
      if (!subscription) throw new DomainRejection('not_found', 'webhook_subscription.not_found', `no webhook subscription ${command.subscriptionId}`);
      subscription.rotateSecret();
      await this.subscriptions.save(subscription);
      return subscription.snapshot();
    });
  }
}
