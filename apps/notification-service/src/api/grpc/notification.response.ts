import { protoEnumValue, timestampOf } from '@mb/grpc';
import type { DeliveryWithAttempts } from '../../application/queries/delivery.view';
import type { WebhookSubscriptionSnapshot } from '../../domain/webhook-subscription/webhook-subscription';

// The REST shapes (the same snake_case fields) with proto's types: enums by value name, instants
// as google.protobuf.Timestamp; a null leaves its field unset.

export function deliveryMessage({ delivery, attempts }: DeliveryWithAttempts) {
  return {
    id: delivery.id,
    channel: protoEnumValue('DELIVERY_CHANNEL', delivery.channel),
    recipient: delivery.recipient,
    event_id: delivery.eventId,
    event: delivery.eventName,
    ...(delivery.clientId === null ? {} : { client_id: delivery.clientId }),
    status: protoEnumValue('DELIVERY_STATUS', delivery.status),
    attempts: delivery.attempts,
    next_attempt_at: timestampOf(delivery.nextAttemptAt),
    last_error: delivery.lastError,
    sent_at: timestampOf(delivery.sentAt),
    created_at: timestampOf(delivery.createdAt),
    attempt_log: attempts.map((attempt) => ({
      attempt: attempt.attemptNumber,
      at: timestampOf(attempt.attemptedAt),
      outcome: protoEnumValue('ATTEMPT_OUTCOME', attempt.outcome),
      status_code: attempt.statusCode,
      error: attempt.error,
    })),
  };
}

/** A subscription without its secret, which only the REST answer to its creation shows. */
export function webhookSubscriptionMessage(subscription: WebhookSubscriptionSnapshot) {
  return { id: subscription.id, url: subscription.url, events: [...subscription.events], created_at: timestampOf(subscription.createdAt) };
}
