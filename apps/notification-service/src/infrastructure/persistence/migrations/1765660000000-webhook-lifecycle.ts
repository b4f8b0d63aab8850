import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 11, webhooks grown up. Subscriptions: a status (paused by their owner, disabled after three
 * days of failures, soft-deleted: the record stays for the delivery log), an owner to tell, the
 * secret a rotation replaced (sealed as the current one is) while it still signs, and the start of
 * the running failure streak. Deliveries: their subscription (so a pause, resume or delete finds
 * them), held and cancelled statuses, and replays, which send an event's message again to the same
 * recipient: the once-per-recipient key now holds for first deliveries only.
 */
export class WebhookLifecycle1765660000000 implements MigrationInterface {
  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE notification.webhook_subscriptions
       ADD COLUMN status text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'paused', 'disabled', 'deleted')),
       ADD COLUMN status_reason text,
       ADD COLUMN status_changed_at timestamptz,
       ADD COLUMN owner_email text,
       ADD COLUMN previous_secret_ciphertext bytea,
       ADD COLUMN previous_secret_key_id text,
       ADD COLUMN previous_secret_expires_at timestamptz,
       ADD COLUMN failing_since timestamptz`);
    await queryRunner.query(`ALTER TABLE notification.deliveries
       ADD COLUMN subscription_id text,
       ADD COLUMN replay_of text REFERENCES notification.deliveries (id),
       ADD COLUMN replay_reason text`);
    await queryRunner.query(`UPDATE notification.deliveries SET subscription_id = payload ->> 'subscriptionId' WHERE channel = 'webhook'`);
    await queryRunner.query(`ALTER TABLE notification.deliveries DROP CONSTRAINT deliveries_status_check`);
    await queryRunner.query(`ALTER TABLE notification.deliveries
       ADD CONSTRAINT deliveries_status_check CHECK (status IN ('pending', 'sent', 'failed', 'abandoned', 'held', 'cancelled'))`);
    // One event never produces the same message twice to the same recipient, unless asked to (a replay).
    await queryRunner.query(`ALTER TABLE notification.deliveries DROP CONSTRAINT deliveries_once_per_recipient`);
    await queryRunner.query(`CREATE UNIQUE INDEX deliveries_once_per_recipient ON notification.deliveries (event_id, channel, recipient) WHERE replay_of IS NULL`);
    await queryRunner.query(`CREATE INDEX deliveries_by_subscription ON notification.deliveries (subscription_id, status) WHERE subscription_id IS NOT NULL`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX notification.deliveries_by_subscription`);
    await queryRunner.query(`DELETE FROM notification.delivery_attempts WHERE delivery_id IN (SELECT id FROM notification.deliveries WHERE replay_of IS NOT NULL)`);
    await queryRunner.query(`DELETE FROM notification.deliveries WHERE replay_of IS NOT NULL`);
    await queryRunner.query(`DROP INDEX notification.deliveries_once_per_recipient`);
    await queryRunner.query(`ALTER TABLE notification.deliveries ADD CONSTRAINT deliveries_once_per_recipient UNIQUE (event_id, channel, recipient)`);
    await queryRunner.query(`UPDATE notification.deliveries SET status = 'pending', next_attempt_at = now() WHERE status = 'held'`);
    await queryRunner.query(`UPDATE notification.deliveries SET status = 'failed' WHERE status = 'cancelled'`);
    await queryRunner.query(`ALTER TABLE notification.deliveries DROP CONSTRAINT deliveries_status_check`);
    await queryRunner.query(`ALTER TABLE notification.deliveries ADD CONSTRAINT deliveries_status_check CHECK (status IN ('pending', 'sent', 'failed', 'abandoned'))`);
    await queryRunner.query(`ALTER TABLE notification.deliveries DROP COLUMN replay_reason, DROP COLUMN replay_of, DROP COLUMN subscription_id`);
    await queryRunner.query(`ALTER TABLE notification.webhook_subscriptions
       DROP COLUMN failing_since, DROP COLUMN previous_secret_expires_at, DROP COLUMN previous_secret_key_id, DROP COLUMN previous_secret_ciphertext,
       DROP COLUMN owner_email, DROP COLUMN status_changed_at, DROP COLUMN status_reason, DROP COLUMN status`);
  }
}
