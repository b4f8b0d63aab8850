import { ApiProperty } from '@nestjs/swagger';
import { ApiIdProperty } from '@mb/platform';
import type { DeliveryAttempt, DeliverySnapshot, EmailContent, WebhookContent } from '../../domain/delivery/delivery';
import { DELIVERY_CHANNELS, DELIVERY_STATUSES, type DeliveryChannel, type DeliveryStatus } from '../../domain/delivery/delivery-status';

export class DeliveryAttemptResponse {
  @ApiProperty({ type: 'integer', minimum: 1, example: 1 })
  attempt!: number;

  @ApiProperty({ format: 'date-time', example: '2026-06-01T09:00:01.000Z' })
  at!: string;

  @ApiProperty({ enum: ['sent', 'failed'], example: 'failed' })
  outcome!: DeliveryAttempt['outcome'];

  @ApiProperty({ type: 'integer', nullable: true, description: "The receiver's HTTP status (webhooks) or SMTP reply code (email), when there was one.", example: 503 })
  status_code!: number | null;

  @ApiProperty({ type: String, nullable: true, example: 'HTTP 503' })
  error!: string | null;
}

/** One message to one recipient for one event, with every attempt at sending it. */
export class DeliveryResponse {
  @ApiIdProperty('dlv', 'The delivery')
  id!: string;

  @ApiProperty({ enum: DELIVERY_CHANNELS, example: 'webhook' })
  channel!: DeliveryChannel;

  @ApiProperty({ description: 'An email address (email) or a subscription URL (webhook).', example: 'https://erp.acme.example/hooks/billing' })
  recipient!: string;

  @ApiIdProperty('evt', 'The event that caused it')
  event_id!: string;

  @ApiProperty({ description: 'The name of that event.', example: 'invoice.issued' })
  event!: string;

  @ApiIdProperty('cli', "The client of that event; null when the event names none (or, for emails planned before deliveries recorded it, unknown)", { nullable: true })
  client_id!: string | null;

  @ApiProperty({ type: String, nullable: true, description: 'Emails: the template it was written from (GET /v1/templates); null for webhooks and for emails sent before templates.', example: 'invoice-issued' })
  template!: string | null;

  @ApiProperty({ type: String, nullable: true, description: 'Emails: the language it was written in; null for webhooks and for emails sent before templates.', example: 'de' })
  language!: string | null;

  @ApiProperty({ type: String, nullable: true, description: "Emails: the subject line; null for webhooks.", example: 'Invoice INV-2026-000042 for Customer portal rebuild: 7,725.00 USD due 2026-06-27' })
  subject!: string | null;

  @ApiProperty({
    enum: DELIVERY_STATUSES,
    description:
      'pending: waiting for its (next) attempt; sent: accepted; failed: refused for good; abandoned: still failing when the retry window closed; held: waiting for its paused subscription to resume; cancelled: its subscription was deleted or disabled first.',
    example: 'pending',
  })
  status!: DeliveryStatus;

  @ApiProperty({ type: 'integer', minimum: 0, description: 'Attempts made so far.', example: 1 })
  attempts!: number;

  @ApiProperty({ type: String, format: 'date-time', nullable: true, example: '2026-06-01T09:00:31.000Z' })
  next_attempt_at!: string | null;

  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: 'When it was first tried; null before its first attempt.', example: '2026-06-01T09:00:01.000Z' })
  first_attempt_at!: string | null;

  @ApiProperty({ type: String, nullable: true, example: 'HTTP 503' })
  last_error!: string | null;

  @ApiProperty({ type: String, format: 'date-time', nullable: true, example: null })
  sent_at!: string | null;

  @ApiProperty({ format: 'date-time', example: '2026-06-01T09:00:00.000Z' })
  created_at!: string;

  @ApiIdProperty('whs', 'The webhook subscription it is for; null for an email', { nullable: true })
  subscription_id!: string | null;

  @ApiIdProperty('dlv', 'The delivery this one sends again (a replay, signed afresh with the same webhook-id); null for the first delivery of its event', { nullable: true })
  replay_of!: string | null;

  @ApiProperty({ type: String, nullable: true, description: 'Why it was replayed, as the replay request said; null when not a replay.', example: 'receiver restored from backup' })
  replay_reason!: string | null;

  @ApiProperty({ type: () => [DeliveryAttemptResponse], description: 'Every attempt, oldest first.' })
  attempt_log!: DeliveryAttemptResponse[];
}

export class DeliveryListResponse {
  @ApiProperty({ type: () => [DeliveryResponse] })
  data!: DeliveryResponse[];
}

export function deliveryResponseOf(delivery: DeliverySnapshot, attempts: readonly DeliveryAttempt[]): DeliveryResponse {
  return {
    id: delivery.id,
    channel: delivery.channel,
    recipient: delivery.recipient,
    event_id: delivery.eventId,
    event: delivery.eventName,
    client_id: delivery.clientId,
    ...emailFieldsOf(delivery),
    status: delivery.status,
    attempts: delivery.attempts,
    next_attempt_at: delivery.nextAttemptAt?.toISOString() ?? null,
    first_attempt_at: delivery.firstAttemptAt?.toISOString() ?? null,
    last_error: delivery.lastError,
    sent_at: delivery.sentAt?.toISOString() ?? null,
    created_at: delivery.createdAt.toISOString(),
    subscription_id: delivery.channel === 'webhook' ? (delivery.payload as WebhookContent).subscriptionId : null,
    replay_of: delivery.replayOf,
    replay_reason: delivery.replayReason,
    attempt_log: attempts.map((attempt) => ({
      attempt: attempt.attemptNumber,
      at: attempt.attemptedAt.toISOString(),
      outcome: attempt.outcome,
      status_code: attempt.statusCode,
      error: attempt.error,
    })),
  };
}

/** What the log says of an email: its template, language and subject (none for a webhook). */
function emailFieldsOf(delivery: DeliverySnapshot): Pick<DeliveryResponse, 'template' | 'language' | 'subject'> {
  if (delivery.channel !== 'email') return { template: null, language: null, subject: null };
  const content = delivery.payload as EmailContent;
  return { template: content.template ?? null, language: content.language ?? null, subject: content.subject };
}
