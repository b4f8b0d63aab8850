import { MigrationInterface, QueryRunner } from 'typeorm';

export class NotificationTables1763856000000 implements MigrationInterface {
  async up(queryRunner: QueryRunner): Promise<void> {
    // Who to write to, learnt from contract.created / contract.activated.
    await queryRunner.query(`
      CREATE TABLE notification.clients (
        client_id text PRIMARY KEY,
        client_name text,
        ap_email text,
        updated_at timestamptz NOT NULL
      )`);
    await queryRunner.query(`
      CREATE TABLE notification.contracts (
        contract_id text PRIMARY KEY,
        client_id text NOT NULL,
        title text NOT NULL,
        updated_at timestamptz NOT NULL
      )`);
    // Events whose email waits for the recipient to be known (events of different topics arrive in any order).
    await queryRunner.query(`
      CREATE TABLE notification.parked_notices (
        event_id text PRIMARY KEY,
        client_id text NOT NULL,
        envelope jsonb NOT NULL,
        parked_at timestamptz NOT NULL
      )`);
    await queryRunner.query(`CREATE INDEX parked_notices_by_client ON notification.parked_notices (client_id)`);
    await queryRunner.query(`
      CREATE TABLE notification.webhook_subscriptions (
        id text PRIMARY KEY,
        url text NOT NULL,
        events text[] NOT NULL,
        secret text NOT NULL,
        created_at timestamptz NOT NULL
      )`);
    await queryRunner.query(`
      CREATE TABLE notification.deliveries (
        id text PRIMARY KEY,
        event_id text NOT NULL,
        event_name text NOT NULL,
        channel text NOT NULL CHECK (channel IN ('email', 'webhook')),
        recipient text NOT NULL,
        payload jsonb NOT NULL,
        status text NOT NULL CHECK (status IN ('pending', 'sent', 'failed', 'abandoned')),
        attempts integer NOT NULL DEFAULT 0,
        next_attempt_at timestamptz,
        first_attempt_at timestamptz,
        last_error text,
        sent_at timestamptz,
        created_at timestamptz NOT NULL,
        -- One event never produces the same message twice to the same recipient.
        CONSTRAINT deliveries_once_per_recipient UNIQUE (event_id, channel, recipient)
      )`);
    await queryRunner.query(`CREATE INDEX deliveries_due ON notification.deliveries (next_attempt_at) WHERE status = 'pending'`);
    await queryRunner.query(`
      CREATE TABLE notification.delivery_attempts (
        delivery_id text NOT NULL REFERENCES notification.deliveries (id),
        attempt_number integer NOT NULL,
        attempted_at timestamptz NOT NULL,
        outcome text NOT NULL CHECK (outcome IN ('sent', 'failed')),
        status_code integer,
        error text,
        PRIMARY KEY (delivery_id, attempt_number)
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of ['delivery_attempts', 'deliveries', 'webhook_subscriptions', 'parked_notices', 'contracts', 'clients']) {
      await queryRunner.query(`DROP TABLE notification.${table}`);
    }
  }
}
