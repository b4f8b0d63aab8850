import { EntitySchema } from 'typeorm';
import type { DeliveryPayload, DeliverySnapshot } from '../../domain/delivery/delivery';
import type { DeliveryChannel, DeliveryStatus } from '../../domain/delivery/delivery-status';

/** A row of notification.deliveries: its fields are the delivery's snapshot. */
export interface DeliveryRecord {
  id: string;
  eventId: string;
  eventName: string;
  clientId: string | null;
  channel: DeliveryChannel;
  recipient: string;
  payload: DeliveryPayload;
  status: DeliveryStatus;
  attempts: number;
  nextAttemptAt: Date | null;
  firstAttemptAt: Date | null;
  lastError: string | null;
  sentAt: Date | null;
  createdAt: Date;
  /** The webhook subscription it is for (its payload's), for finding a subscription's deliveries; null for an email. */
  subscriptionId: string | null;
  replayOf: string | null;
  replayReason: string | null;
  /** The claim of the send in flight (its token) and when its lease runs out unless renewed; null when none is. */
  claimedBy?: string | null;
  claimedUntil?: Date | null;
}

/** A row of notification.delivery_attempts: one try at sending, kept for the attempts log. */
export interface DeliveryAttemptRecord {
  deliveryId: string;
  attemptNumber: number;
  attemptedAt: Date;
  outcome: 'sent' | 'failed';
  statusCode: number | null;
  error: string | null;
}

export const DeliveryEntity = new EntitySchema<DeliveryRecord>({
  name: 'Delivery',
  schema: 'notification',
  tableName: 'deliveries',
  columns: {
    id: { type: 'text', primary: true },
    eventId: { type: 'text', name: 'event_id' },
    eventName: { type: 'text', name: 'event_name' },
    clientId: { type: 'text', name: 'client_id', nullable: true },
    channel: { type: 'text' },
    recipient: { type: 'text' },
    payload: { type: 'jsonb' },
    status: { type: 'text' },
    attempts: { type: 'integer' },
    nextAttemptAt: { type: 'timestamptz', name: 'next_attempt_at', nullable: true },
    firstAttemptAt: { type: 'timestamptz', name: 'first_attempt_at', nullable: true },
    lastError: { type: 'text', name: 'last_error', nullable: true },
    sentAt: { type: 'timestamptz', name: 'sent_at', nullable: true },
    createdAt: { type: 'timestamptz', name: 'created_at' },
    subscriptionId: { type: 'text', name: 'subscription_id', nullable: true },
    replayOf: { type: 'text', name: 'replay_of', nullable: true },
    replayReason: { type: 'text', name: 'replay_reason', nullable: true },
    claimedBy: { type: 'uuid', name: 'claimed_by', nullable: true },
    claimedUntil: { type: 'timestamptz', name: 'claimed_until', nullable: true },
  },
});

export const DeliveryAttemptEntity = new EntitySchema<DeliveryAttemptRecord>({
  name: 'DeliveryAttempt',
  schema: 'notification',
  tableName: 'delivery_attempts',
  columns: {
    deliveryId: { type: 'text', name: 'delivery_id', primary: true },
    attemptNumber: { type: 'integer', name: 'attempt_number', primary: true },
    attemptedAt: { type: 'timestamptz', name: 'attempted_at' },
    outcome: { type: 'text' },
    statusCode: { type: 'integer', name: 'status_code', nullable: true },
    error: { type: 'text', nullable: true },
  },
});

/** The delivery a row holds: its subscription_id is the payload's, kept apart for queries only. */
export function deliverySnapshotOf(record: DeliveryRecord): DeliverySnapshot {
  // eslint-disable-next-line @typescript-eslint/no-unused-vars
  const { subscriptionId, claimedBy, claimedUntil, ...snapshot } = record;
  return snapshot;
}
