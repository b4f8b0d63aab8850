import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Idempotency keys done right (issue 12): scoped per caller as well as operation, kept until
 * `expires_at` (24 h unless configured) and then purged, the first answer stored whatever its
 * status with its content type. A key is only ever written with its answer, in the transaction of
 * the request's effect, so a row without an answer (the old interceptor's abandoned claims) means
 * nothing and goes.
 */
export class IdempotencyScopeAndRetention1765300000000 implements MigrationInterface {
  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DELETE FROM milestone.idempotency_keys WHERE status_code IS NULL OR response IS NULL`);
    await queryRunner.query(`ALTER TABLE milestone.idempotency_keys
       ADD COLUMN caller       text        NOT NULL DEFAULT 'anonymous',
       ADD COLUMN content_type text        NOT NULL DEFAULT 'application/json',
       ADD COLUMN expires_at   timestamptz`);
    await queryRunner.query(`UPDATE milestone.idempotency_keys SET expires_at = created_at + interval '24 hours'`);
    await queryRunner.query(`ALTER TABLE milestone.idempotency_keys
       ALTER COLUMN caller DROP DEFAULT,
       ALTER COLUMN content_type DROP DEFAULT,
       ALTER COLUMN expires_at SET NOT NULL,
       ALTER COLUMN status_code SET NOT NULL,
       ALTER COLUMN response SET NOT NULL,
       DROP CONSTRAINT idempotency_keys_pkey,
       ADD PRIMARY KEY (caller, method, path, idempotency_key)`);
    await queryRunner.query(`CREATE INDEX idempotency_keys_expires_at ON milestone.idempotency_keys (expires_at)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX milestone.idempotency_keys_expires_at`);
    await queryRunner.query(`DELETE FROM milestone.idempotency_keys WHERE caller <> 'anonymous'`);
    await queryRunner.query(`ALTER TABLE milestone.idempotency_keys
       DROP CONSTRAINT idempotency_keys_pkey,
       ADD PRIMARY KEY (idempotency_key, method, path),
       ALTER COLUMN status_code DROP NOT NULL,
       ALTER COLUMN response DROP NOT NULL,
       DROP COLUMN caller,
       DROP COLUMN content_type,
       DROP COLUMN expires_at`);
  }
}
