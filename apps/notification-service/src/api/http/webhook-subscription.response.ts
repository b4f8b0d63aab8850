import { ApiProperty } from '@nestjs/swagger';
import { EVENT_NAMES } from '@mb/events';
import { ApiIdProperty } from '@mb/platform';
import type { WebhookSubscriptionSnapshot } from '../../domain/webhook-subscription/webhook-subscription';

/** A webhook subscription as listed: its secret is never shown again after it is created. */
export class WebhookSubscriptionResponse {
  @ApiIdProperty('whs', 'The subscription')
  id!: string;

  @ApiProperty({ format: 'uri', description: 'Where the events are POSTed.', example: 'https://erp.acme.example/hooks/billing' })
  url!: string;

  @ApiProperty({ enum: EVENT_NAMES, isArray: true, description: 'The events delivered there.', example: ['invoice.issued', 'invoice.paid'] })
  events!: string[];

  @ApiIdProperty('cli', 'The one client whose events it receives (events naming another client, or none, are not delivered); null for every client', { nullable: true })
  client_id!: string | null;

  @ApiProperty({ format: 'date-time', example: '2026-05-28T09:00:00.000Z' })
  created_at!: string;
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

export function webhookSubscriptionResponseOf(subscription: WebhookSubscriptionSnapshot): WebhookSubscriptionResponse {
  return { id: subscription.id, url: subscription.url, events: [...subscription.events], client_id: subscription.clientId, created_at: subscription.createdAt.toISOString() };
}

export function createdWebhookSubscriptionResponseOf(subscription: WebhookSubscriptionSnapshot): CreatedWebhookSubscriptionResponse {
  return { ...webhookSubscriptionResponseOf(subscription), secret: subscription.secret };
}
