import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A parked billing trigger keeps when the milestone became billable, so that the invoice issued
 * once its contract arrives is dated by the trigger, not by the day it was released. Nullable:
 * triggers parked before this migration fall back to when they were parked.
 */
export class PendingTriggerOccurredAt1764460800000 implements MigrationInterface {
  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE invoicing.pending_billing_triggers ADD COLUMN triggered_at timestamptz');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE invoicing.pending_billing_triggers DROP COLUMN triggered_at');
  }
}
