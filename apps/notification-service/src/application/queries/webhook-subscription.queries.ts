import { Injectable } from '@nestjs/common';
import type { WebhookSubscriptionSnapshot } from '../../domain/webhook-subscription/webhook-subscription';
import { WebhookSubscriptionRepository } from '../ports/webhook-subscription.repository';

/** What the APIs read about webhook subscriptions: their snapshots. */
@Injectable()
export class WebhookSubscriptionQueries {
  constructor(private readonly subscriptions: WebhookSubscriptionRepository) {}

  /** Every subscription but the deleted ones (kept for the delivery log), oldest first. */
  async list(): Promise<WebhookSubscriptionSnapshot[]> {
    return (await this.subscriptions.all()).filter((subscription) => subscription.status !== 'deleted').map((subscription) => subscription.snapshot());
  }
}
