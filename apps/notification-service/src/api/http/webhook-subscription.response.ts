import { ApiProperty } from '@nestjs/swagger';
import { WEBHOOK_EVENT_NAMES } from '@mb/events';
import { ApiIdProperty } from '@mb/platform';
import type { WebhookSubscriptionSnapshot } from '../../domain/webhook-subscription/webhook-subscription';
import { WEBHOOK_SUBSCRIPTION_STATUSES, type WebhookSubscriptionStatus } from '../../domain/webhook-subscription/webhook-subscription-status';
import { DeliveryResponse } from './delivery.response';

/** A webhook subscription as listed: its secret is never shown again after it is created. */
export class WebhookSubscriptionResponse {
  @ApiIdProperty('whs', 'The subscription')
  id!: string;

  @ApiProperty({ format: 'uri', description: 'Where the events are POSTed.', example: 'https://erp.acme.example/hooks/billing' })
  url!: string;

  @ApiProperty({ enum: WEBHOOK_EVENT_NAMES, isArray: true, description: 'The events delivered there.', example: ['invoice.issued', 'invoice.paid'] })
  events!: string[];

  @ApiIdProperty('cli', 'The one client whose events it receives (events naming another client, or none, are not delivered); null for every client', { nullable: true })
  client_id!: string | null;

  @ApiProperty({ format: 'date-time', example: '2026-05-28T09:00:00.000Z' })
  created_at!: string;

  @ApiProperty({
    enum: WEBHOOK_SUBSCRIPTION_STATUSES,
    description:
      'active: events are delivered; paused: deliveries are held and go out on resume; disabled: after three days of failed deliveries, its open deliveries cancelled (resume enables it again); deleted: only in the answer to its deletion.',
    example: 'active',
  })
  status!: WebhookSubscriptionStatus;

  @ApiProperty({ type: String, nullable: true, description: 'Why it is paused, disabled or deleted; null while active.', example: null })
  status_reason!: string | null;

  @ApiProperty({ type: String, format: 'email', nullable: true, description: 'Who is emailed if it is disabled.', example: 'integrations@acme.example' })
  owner_email!: string | null;

  @ApiProperty({
    type: String,
    format: 'date-time',
    nullable: true,
    description: 'Until when the secret the last rotation replaced still signs beside the current one (two signatures in webhook-signature); null when none does.',
    example: null,
  })
  previous_secret_expires_at!: string | null;

  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: 'Since when its deliveries have failed with none accepted; three days of it disable it.', example: null })
  failing_since!: string | null;
}

/** A new subscription, with the secret its receiver verifies signatures with; shown this once. */
export class CreatedWebhookSubscriptionResponse extends WebhookSubscriptionResponse {
  @ApiProperty({
    description:
      'Standard Webhooks signing secret: `whsec_` then base64. Shown only in this answer (stored encrypted, never listed): a retry replayed under the same `Idempotency-Key` leaves it out (the stored answer never holds it).',
    required: false,
    pattern: '^whsec_[A-Za-z0-9+/]+={0,2}$',
    example: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw',
  })
  secret!: string;
}

/** What re-encrypting the secrets at rest did. */
export class WebhookSecretsReencryptedResponse {
  @ApiProperty({ type: 'integer', minimum: 0, description: 'Secrets an older key had encrypted, now encrypted with the current one.', example: 3 })
  reencrypted!: number;

  @ApiProperty({ description: 'The current key of WEBHOOK_SECRET_KEYS (its first), which now encrypts every secret.', example: 'k2026-12' })
  key_id!: string;
}

export class WebhookSubscriptionListResponse {
  @ApiProperty({ type: () => [WebhookSubscriptionResponse] })
  data!: WebhookSubscriptionResponse[];
}

/** The replays made: one new delivery per event sent again. */
export class WebhookReplayResponse {
  @ApiProperty({ type: () => [DeliveryResponse], description: 'The new deliveries, each with replay_of, oldest event first; held while the subscription is paused.' })
  data!: DeliveryResponse[];
}

export function webhookSubscriptionResponseOf(subscription: WebhookSubscriptionSnapshot, now: Date): WebhookSubscriptionResponse {
  const overlapEnds = subscription.previousSecretExpiresAt;
  return {
    id: subscription.id,
    url: subscription.url,
    events: [...subscription.events],
    client_id: subscription.clientId,
    created_at: subscription.createdAt.toISOString(),
    status: subscription.status,
    status_reason: subscription.statusReason,
    owner_email: subscription.ownerEmail,
    previous_secret_expires_at: overlapEnds !== null && overlapEnds.getTime() > now.getTime() ? overlapEnds.toISOString() : null,
    failing_since: subscription.failingSince?.toISOString() ?? null,
  };
}

export function createdWebhookSubscriptionResponseOf(subscription: WebhookSubscriptionSnapshot, now: Date): CreatedWebhookSubscriptionResponse {
  return { ...webhookSubscriptionResponseOf(subscription, now), secret: subscription.secret };
}
