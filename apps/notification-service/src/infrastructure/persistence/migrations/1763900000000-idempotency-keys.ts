import { MigrationInterface, QueryRunner } from 'typeorm';

/** The keys and first answers of POSTs sent with an Idempotency-Key (libs/platform's IdempotencyInterceptor). */
export class IdempotencyKeys1763900000000 implements MigrationInterface {
  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE notification.idempotency_keys (
       idempotency_key text        NOT NULL,
       method          text        NOT NULL,
       path            text        NOT NULL,
       fingerprint     text        NOT NULL,
       status_code     integer,
       response        jsonb,
       created_at      timestamptz NOT NULL DEFAULT clock_timestamp(),
       PRIMARY KEY (idempotency_key, method, path)
     )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE notification.idempotency_keys`);
  }
}
