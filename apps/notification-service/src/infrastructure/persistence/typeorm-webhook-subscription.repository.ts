import { Inject, Injectable } from '@nestjs/common';
import { ArrayContains, In, Not } from 'typeorm';
import type { EventName } from '@mb/events';
import { TypeOrmUnitOfWork } from '@mb/messaging';
import { SecretKeyring, SERVICE_CONFIG } from '@mb/platform';
import type { NotificationServiceConfig } from '../../config';
import { WebhookSubscriptionRepository } from '../../application/ports/webhook-subscription.repository';
import { WebhookSubscription } from '../../domain/webhook-subscription/webhook-subscription';
import { SubscribedEventsCache } from './subscribed-events.cache';
import { WebhookSubscriptionEntity, WebhookSubscriptionRecord } from './webhook-subscription.orm-entity';

/** Subscriptions in notification.webhook_subscriptions, their secrets sealed with WEBHOOK_SECRET_KEYS. */
@Injectable()
export class TypeOrmWebhookSubscriptionRepository extends WebhookSubscriptionRepository {
  private readonly keyring: SecretKeyring;

  constructor(
    private readonly unitOfWork: TypeOrmUnitOfWork,
    @Inject(SERVICE_CONFIG) config: Pick<NotificationServiceConfig, 'WEBHOOK_SECRET_KEYS'>,
    private readonly subscribedEvents: SubscribedEventsCache,
  ) {
    super();
    this.keyring = config.WEBHOOK_SECRET_KEYS;
  }

  async add(subscription: WebhookSubscription): Promise<void> {
    await this.unitOfWork.currentManager().insert(WebhookSubscriptionEntity, this.recordOf(subscription));
    this.widenAfterCommit(subscription);
  }

  async save(subscription: WebhookSubscription): Promise<void> {
    const { id, ...fields } = this.recordOf(subscription);
    await this.unitOfWork.currentManager().update(WebhookSubscriptionEntity, { id }, fields);
    this.widenAfterCommit(subscription);
  }

  /** The fan-out consumers of this instance see a subscription's events as subscribed as soon as it commits. */
  private widenAfterCommit(subscription: WebhookSubscription): void {
    const events = [...subscription.snapshot().events];
    this.unitOfWork.afterCommit(() => this.subscribedEvents.widen(events));
  }

  async lockById(id: string): Promise<WebhookSubscription | null> {
    const record = await this.unitOfWork
      .currentManager()
      .getRepository(WebhookSubscriptionEntity)
      .createQueryBuilder('subscription')
      .setLock('pessimistic_write')
      .where('subscription.id = :id', { id })
      .getOne();
    return record ? this.restore(record) : null;
  }

  async subscribedTo(eventName: EventName): Promise<WebhookSubscription[]> {
    const records = await this.unitOfWork
      .readManager()
      // Paused ones too: their deliveries are planned, and held until they resume.
      .find(WebhookSubscriptionEntity, { where: { events: ArrayContains([eventName]), status: In(['active', 'paused']) }, order: { createdAt: 'ASC', id: 'ASC' } });
    return records.map((record) => this.restore(record));
  }

  async findById(id: string): Promise<WebhookSubscription | null> {
    const record = await this.unitOfWork.readManager().findOneBy(WebhookSubscriptionEntity, { id });
    return record ? this.restore(record) : null;
  }

  async all(): Promise<WebhookSubscription[]> {
    const records = await this.unitOfWork.readManager().find(WebhookSubscriptionEntity, { order: { createdAt: 'ASC', id: 'ASC' } });
    return records.map((record) => this.restore(record));
  }

  async reencryptSecrets(): Promise<{ reencrypted: number; keyId: string }> {
    const manager = this.unitOfWork.currentManager();
    const stale = await manager
      .getRepository(WebhookSubscriptionEntity)
      .createQueryBuilder('subscription')
      .setLock('pessimistic_write')
      .where([{ secretKeyId: Not(this.keyring.currentKeyId) }, { previousSecretKeyId: Not(this.keyring.currentKeyId) }])
      .orderBy('subscription.id')
      .getMany();
    for (const record of stale) {
      const sealed = this.keyring.seal(this.openSecret(record), record.id);
      const previous = this.openPreviousSecret(record);
      const sealedPrevious = previous === null ? null : this.keyring.seal(previous, previousSecretAad(record.id));
      await manager.update(
        WebhookSubscriptionEntity,
        { id: record.id },
        { secretCiphertext: sealed.ciphertext, secretKeyId: sealed.keyId, previousSecretCiphertext: sealedPrevious?.ciphertext ?? null, previousSecretKeyId: sealedPrevious?.keyId ?? null },
      );
    }
    return { reencrypted: stale.length, keyId: this.keyring.currentKeyId };
  }

  private recordOf(subscription: WebhookSubscription): WebhookSubscriptionRecord {
    const { secret, previousSecret, events, ...snapshot } = subscription.snapshot();
    const sealed = this.keyring.seal(secret, subscription.id);
    const sealedPrevious = previousSecret === null ? null : this.keyring.seal(previousSecret, previousSecretAad(subscription.id));
    return {
      ...snapshot,
      events: [...events],
      secretCiphertext: sealed.ciphertext,
      secretKeyId: sealed.keyId,
      previousSecretCiphertext: sealedPrevious?.ciphertext ?? null,
      previousSecretKeyId: sealedPrevious?.keyId ?? null,
    };
  }

  private restore(record: WebhookSubscriptionRecord): WebhookSubscription {
    return WebhookSubscription.restore({
      id: record.id,
      url: record.url,
      events: record.events,
      clientId: record.clientId,
      createdAt: record.createdAt,
      secret: this.openSecret(record),
      status: record.status,
      statusReason: record.statusReason,
      statusChangedAt: record.statusChangedAt,
      ownerEmail: record.ownerEmail,
      previousSecret: this.openPreviousSecret(record),
      previousSecretExpiresAt: record.previousSecretExpiresAt,
      failingSince: record.failingSince,
    });
  }

  private openPreviousSecret(record: WebhookSubscriptionRecord): string | null {
    if (record.previousSecretCiphertext === null || record.previousSecretKeyId === null) return null;
    return this.keyring.open({ keyId: record.previousSecretKeyId, ciphertext: record.previousSecretCiphertext }, previousSecretAad(record.id));
  }

  private openSecret(record: WebhookSubscriptionRecord): string {
    return this.keyring.open({ keyId: record.secretKeyId, ciphertext: record.secretCiphertext }, record.id);
  }
}

/** The associated data the replaced secret is sealed with: not the row id alone, so that it cannot pass for the current one. */
function previousSecretAad(subscriptionId: string): string {
  return `${subscriptionId}:previous`;
}
