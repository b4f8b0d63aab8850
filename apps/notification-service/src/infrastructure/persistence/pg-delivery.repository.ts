import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { DeliveryRepository } from '../../application/ports/delivery.repository';
import { Delivery, DeliveryAttempt, DeliveryPayload, DeliverySnapshot } from '../../domain/delivery/delivery';
import { DeliveryChannel, DeliveryStatus } from '../../domain/delivery/delivery-status';

interface DeliveryRow {
  id: string;
  event_id: string;
  event_name: string;
  channel: DeliveryChannel;
  recipient: string;
  payload: DeliveryPayload;
  status: DeliveryStatus;
  attempts: number;
  next_attempt_at: Date | null;
  first_attempt_at: Date | null;
  last_error: string | null;
  sent_at: Date | null;
  created_at: Date;
}

interface AttemptRow {
  delivery_id: string;
  attempt_number: number;
  attempted_at: Date;
  outcome: 'sent' | 'failed';
  status_code: number | null;
  error: string | null;
}

@Injectable()
export class PgDeliveryRepository implements DeliveryRepository {
  async planOnce(manager: EntityManager, delivery: Delivery): Promise<boolean> {
    const d = delivery.snapshot();
    const inserted: unknown[] = await manager.query(
      `INSERT INTO notification.deliveries (id, event_id, event_name, channel, recipient, payload, status, attempts, next_attempt_at, created_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
       ON CONFLICT ON CONSTRAINT deliveries_once_per_recipient DO NOTHING
       RETURNING id`,
      [d.id, d.eventId, d.eventName, d.channel, d.recipient, JSON.stringify(d.payload), d.status, d.attempts, d.nextAttemptAt, d.createdAt],
    );
    return inserted.length === 1;
  }

  async claimDue(manager: EntityManager, now: Date, leaseUntil: Date, limit: number): Promise<DeliverySnapshot[]> {
    const rows: DeliveryRow[] = await manager.query(
      `UPDATE notification.deliveries SET next_attempt_at = $2
        WHERE id IN (SELECT id FROM notification.deliveries
                      WHERE status = 'pending' AND next_attempt_at <= $1
                      ORDER BY next_attempt_at, id LIMIT $3 FOR UPDATE SKIP LOCKED)
        RETURNING *`,
      [now, leaseUntil, limit],
    ).then((result: [DeliveryRow[], number]) => result[0]);
    return rows.map(toSnapshot);
  }

  async lock(manager: EntityManager, deliveryId: string): Promise<Delivery | undefined> {
    const rows: DeliveryRow[] = await manager.query(`SELECT * FROM notification.deliveries WHERE id = $1 FOR UPDATE`, [deliveryId]);
    return rows[0] ? Delivery.restore(toSnapshot(rows[0])) : undefined;
  }

  async saveAttempt(manager: EntityManager, delivery: Delivery, attempt: DeliveryAttempt): Promise<void> {
    const d = delivery.snapshot();
    await manager.query(
      `UPDATE notification.deliveries
          SET status = $2, attempts = $3, next_attempt_at = $4, first_attempt_at = $5, last_error = $6, sent_at = $7
        WHERE id = $1`,
      [d.id, d.status, d.attempts, d.nextAttemptAt, d.firstAttemptAt, d.lastError, d.sentAt],
    );
    await manager.query(
      `INSERT INTO notification.delivery_attempts (delivery_id, attempt_number, attempted_at, outcome, status_code, error) VALUES ($1, $2, $3, $4, $5, $6)`,
      [attempt.deliveryId, attempt.attemptNumber, attempt.attemptedAt, attempt.outcome, attempt.statusCode, attempt.error],
    );
  }

  async ofEvent(manager: EntityManager, eventId: string): Promise<{ delivery: DeliverySnapshot; attempts: DeliveryAttempt[] }[]> {
    const rows: DeliveryRow[] = await manager.query(`SELECT * FROM notification.deliveries WHERE event_id = $1 ORDER BY created_at, id`, [eventId]);
    const attempts: AttemptRow[] = await manager.query(
      `SELECT a.* FROM notification.delivery_attempts a JOIN notification.deliveries d ON d.id = a.delivery_id
        WHERE d.event_id = $1 ORDER BY a.delivery_id, a.attempt_number`,
      [eventId],
    );
    return rows.map((row) => ({
      delivery: toSnapshot(row),
      attempts: attempts
        .filter((attempt) => attempt.delivery_id === row.id)
        .map((attempt) => ({
          deliveryId: attempt.delivery_id,
          attemptNumber: attempt.attempt_number,
          attemptedAt: new Date(attempt.attempted_at),
          outcome: attempt.outcome,
          statusCode: attempt.status_code,
          error: attempt.error,
        })),
    }));
  }
}

function toSnapshot(row: DeliveryRow): DeliverySnapshot {
  const date = (value: Date | null) => (value === null ? null : new Date(value));
  return {
    id: row.id,
    eventId: row.event_id,
    eventName: row.event_name,
    channel: row.channel,
    recipient: row.recipient,
    payload: row.payload,
    status: row.status,
    attempts: row.attempts,
    nextAttemptAt: date(row.next_attempt_at),
    firstAttemptAt: date(row.first_attempt_at),
    lastError: row.last_error,
    sentAt: date(row.sent_at),
    createdAt: new Date(row.created_at),
  };
}
