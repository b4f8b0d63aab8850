import type { DeliveryWithAttempts } from '../../application/queries/delivery.view';

/** The API's shape of a delivery: snake_case, instants as RFC 3339, with its attempts log. */
export function deliveryResponseOf({ delivery, attempts }: DeliveryWithAttempts) {
  return {
    id: delivery.id,
    channel: delivery.channel,
    recipient: delivery.recipient,
    event_id: delivery.eventId,
    event: delivery.eventName,
    status: delivery.status,
    attempts: delivery.attempts,
    next_attempt_at: delivery.nextAttemptAt?.toISOString() ?? null,
    last_error: delivery.lastError,
    sent_at: delivery.sentAt?.toISOString() ?? null,
    created_at: delivery.createdAt.toISOString(),
    attempt_log: attempts.map((attempt) => ({
      attempt: attempt.attemptNumber,
      at: attempt.attemptedAt.toISOString(),
      outcome: attempt.outcome,
      status_code: attempt.statusCode,
      error: attempt.error,
    })),
  };
}
