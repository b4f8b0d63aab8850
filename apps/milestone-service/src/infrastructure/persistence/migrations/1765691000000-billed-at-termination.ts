import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 14 "Termination that settles": unfinished work may be billed for an agreed share when its
 * contract is terminated; the milestone keeps what it is billed for (milestone.status_updated's
 * amount_due_cents). Null: billed, if ever, for its whole amount.
 */
export class BilledAtTermination1765691000000 implements MigrationInterface {
  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      ALTER TABLE milestone.milestones
        ADD COLUMN billed_amount_cents bigint,
        ADD CONSTRAINT milestones_billed_amount_within_amount CHECK (billed_amount_cents IS NULL OR billed_amount_cents BETWEEN 0 AND amount_cents)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE milestone.milestones DROP CONSTRAINT milestones_billed_amount_within_amount, DROP COLUMN billed_amount_cents`);
  }
}
