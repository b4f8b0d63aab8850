import { ApiProperty } from '@nestjs/swagger';
import { ApiIdProperty } from '@mb/platform';
import type { DeliveryAttempt, DeliverySnapshot, WebhookContent } from '../../domain/delivery/delivery';
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
    status: delivery.status,
    attempts: delivery.attempts,
    next_attempt_at: delivery.nextAttemptAt?.toISOString() ?? null,
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
