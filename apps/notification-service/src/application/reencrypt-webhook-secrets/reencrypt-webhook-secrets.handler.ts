import { Injectable } from '@nestjs/common';
import { UnitOfWork } from '@mb/kernel';
import { WebhookSubscriptionRepository } from '../ports/webhook-subscription.repository';

/**
 * Key rotation for the secrets at rest: after a new key is put first in WEBHOOK_SECRET_KEYS (the
 * old ones kept after it), re-encrypts every secret an old key encrypted, in one unit of work, so
 * that the old keys can then leave the ring. Running it again finds nothing left to do.
 */
@Injectable()
export class ReencryptWebhookSecretsHandler {
  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly subscriptions: WebhookSubscriptionRepository,
  ) {}

  async execute(): Promise<{ reencrypted: number; keyId: string }> {
    return this.unitOfWork.run(() => this.subscriptions.reencryptSecrets());
  }
}
