import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 13, per-key order past a dead letter: when a consumer group dead-letters a message with a
 * key (the contract id), the key is held back for that group (dead_lettered_keys) and the group's
 * later messages of the key wait in parked_events, in arrival order (seq), until the dead letter is
 * replayed or discarded. A parked message keeps its bytes and headers, to be applied later as it
 * came; the unique delivery makes a redelivered message park once. The runtime role gets its
 * privileges from the schema's default privileges.
 */
export class DeadLetteredKeysAndParkedEvents1765730000000 implements MigrationInterface {
  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE collections.dead_lettered_keys (
       consumer_group     text        NOT NULL,
       partition_key      text        NOT NULL,
       dead_letter_source text        NOT NULL,
       event_id           text,
       reason             text        NOT NULL,
       dead_lettered_at   timestamptz NOT NULL DEFAULT clock_timestamp(),
       PRIMARY KEY (consumer_group, partition_key)
     )`);
    await queryRunner.query(`CREATE TABLE collections.parked_events (
       seq             bigserial   PRIMARY KEY,
       consumer_group  text        NOT NULL,
       partition_key   text        NOT NULL,
       topic           text        NOT NULL,
       kafka_partition integer     NOT NULL,
       kafka_offset    bigint      NOT NULL,
       event_id        text,
       message_value   bytea,
       headers         jsonb       NOT NULL,
       parked_at       timestamptz NOT NULL DEFAULT clock_timestamp(),
       UNIQUE (consumer_group, topic, kafka_partition, kafka_offset)
     )`);
    await queryRunner.query(`CREATE INDEX parked_events_by_key ON collections.parked_events (consumer_group, partition_key, seq)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE collections.parked_events`);
    await queryRunner.query(`DROP TABLE collections.dead_lettered_keys`);
  }
}
