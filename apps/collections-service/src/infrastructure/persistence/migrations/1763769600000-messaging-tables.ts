import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The outbox and inbox tables of the transactional outbox and the idempotent consumer.
 *
 * outbox.position orders publication. Two transactions touching the same aggregate are serialised
 * by the aggregate's row lock, and the outbox row is written after that lock is taken, so for one
 * partition key position order is commit order.
 * payload holds the exact JSON text that is published, so what was validated is what is sent.
 */
export class MessagingTables1763769600000 implements MigrationInterface {
  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE collections.outbox (
       position       bigserial   PRIMARY KEY,
       event_id       text        NOT NULL UNIQUE,
       topic          text        NOT NULL,
       partition_key  text        NOT NULL,
       payload        text        NOT NULL,
       headers        jsonb       NOT NULL,
       recorded_at    timestamptz NOT NULL DEFAULT clock_timestamp(),
       published_at   timestamptz
     )`);
    await queryRunner.query(`CREATE INDEX outbox_pending ON collections.outbox (position) WHERE published_at IS NULL`);
    await queryRunner.query(`CREATE TABLE collections.inbox (
       consumer_group text        NOT NULL,
       event_id       text        NOT NULL,
       topic          text        NOT NULL,
       kafka_partition integer    NOT NULL,
       kafka_offset   bigint      NOT NULL,
       processed_at   timestamptz NOT NULL DEFAULT clock_timestamp(),
       PRIMARY KEY (consumer_group, event_id)
     )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE collections.inbox`);
    await queryRunner.query(`DROP TABLE collections.outbox`);
  }
}
