import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 9 "Date-based billing": a milestone may be billed on its planned date (`on_date`). The
 * billing trigger's check (named by PostgreSQL when the table was created) admits the new value.
 */
export class OnDateBillingTrigger1764806400000 implements MigrationInterface {
  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      ALTER TABLE milestone.milestones
        DROP CONSTRAINT milestones_billing_trigger_check,
        ADD CONSTRAINT milestones_billing_trigger_check
          CHECK (billing_trigger IN ('on_signing', 'on_approval', 'on_completion', 'on_date'))`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      ALTER TABLE milestone.milestones
        DROP CONSTRAINT milestones_billing_trigger_check,
        ADD CONSTRAINT milestones_billing_trigger_check
          CHECK (billing_trigger IN ('on_signing', 'on_approval', 'on_completion'))`);
  }
}
