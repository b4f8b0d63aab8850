import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 12 "Egress": the attempts log keeps neutral reasons, never our side of the network. The
 * errors recorded before (`HTTP 503`, or a library's message such as `connect ECONNREFUSED
 * 10.0.0.5:5432`) are rewritten to the reasons recorded from now on: `http_503`, or
 * `request_failed` when the old text cannot say more without the details it must not keep.
 */
export class NeutralDeliveryErrors1765100000001 implements MigrationInterface {
  async up(queryRunner: QueryRunner): Promise<void> {
    for (const [table, column] of [
      ['delivery_attempts', 'error'],
      ['deliveries', 'last_error'],
    ]) {
      await queryRunner.query(`
        UPDATE notification.${table}
           SET ${column} = CASE WHEN ${column} ~ '^HTTP [0-9]{3}$' THEN 'http_' || substring(${column} FROM 6) ELSE 'request_failed' END
         WHERE ${column} IS NOT NULL
           AND ${column} !~ '^subscription whs_[0-9A-Za-z]+ no longer exists$'`);
    }
  }

  async down(): Promise<void> {
    // The texts replaced are gone on purpose; there is nothing to restore.
  }
}
