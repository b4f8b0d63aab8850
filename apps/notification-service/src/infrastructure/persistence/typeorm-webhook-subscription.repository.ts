import { Inject, Injectable } from '@nestjs/common';
import { ArrayContains, Not } from 'typeorm';
import type { EventName } from '@mb/events';
import { TypeOrmUnitOfWork } from '@mb/messaging';
import { SecretKeyring, SERVICE_CONFIG } from '@mb/platform';
import type { NotificationServiceConfig } from '../../config';
import { WebhookSubscriptionRepository } from '../../application/ports/webhook-subscription.repository';
import { WebhookSubscription } from '../../domain/webhook-subscription/webhook-subscription';
import { WebhookSubscriptionEntity, WebhookSubscriptionRecord } from './webhook-subscription.orm-entity';

/** Subscriptions in notification.webhook_subscriptions, their secrets sealed with WEBHOOK_SECRET_KEYS. */
@Injectable()
export class TypeOrmWebhookSubscriptionRepository extends WebhookSubscriptionRepository {
  private readonly keyring: SecretKeyring;

  constructor(
    private readonly unitOfWork: TypeOrmUnitOfWork,
    @Inject(SERVICE_CONFIG) config: Pick<NotificationServiceConfig, 'WEBHOOK_SECRET_KEYS'>,
  ) {
    super();
    this.keyring = config.WEBHOOK_SECRET_KEYS;
  }

  async add(subscription: WebhookSubscription): Promise<void> {
    await this.unitOfWork.currentManager().insert(WebhookSubscriptionEntity, this.recordOf(subscription));
  }

  async save(subscription: WebhookSubscription): Promise<void> {
    const { id, ...fields } = this.recordOf(subscription);
    await this.unitOfWork.currentManager().update(WebhookSubscriptionEntity, { id }, fields);
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
      .find(WebhookSubscriptionEntity, { where: { events: ArrayContains([eventName]) }, order: { createdAt: 'ASC', id: 'ASC' } });
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
      .where({ secretKeyId: Not(this.keyring.currentKeyId) })
      .orderBy('subscription.id')
      .getMany();
    for (const record of stale) {
      const sealed = this.keyring.seal(this.openSecret(record), record.id);
      await manager.update(WebhookSubscriptionEntity, { id: record.id }, { secretCiphertext: sealed.ciphertext, secretKeyId: sealed.keyId });
    }
    return { reencrypted: stale.length, keyId: this.keyring.currentKeyId };
  }

  private recordOf(subscription: WebhookSubscription): WebhookSubscriptionRecord {
    const { secret, events, ...snapshot } = subscription.snapshot();
    const sealed = this.keyring.seal(secret, subscription.id);
    return { ...snapshot, events: [...events], secretCiphertext: sealed.ciphertext, secretKeyId: sealed.keyId };
  }

  private restore(record: WebhookSubscriptionRecord): WebhookSubscription {
    return WebhookSubscription.restore({
      id: record.id,
      url: record.url,
      events: record.events,
      clientId: record.clientId,
      createdAt: record.createdAt,
      secret: this.openSecret(record),
    });
  }

  private openSecret(record: WebhookSubscriptionRecord): string {
    return this.keyring.open({ keyId: record.secretKeyId, ciphertext: record.secretCiphertext }, record.id);
  }
}
