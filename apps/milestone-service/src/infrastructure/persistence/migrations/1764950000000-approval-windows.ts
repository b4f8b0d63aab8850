import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 9 "Approval windows and deemed acceptance": when a window closed unanswered, either as
 * acceptance (the contract deems silence acceptance) or as a lapse the supplier has to chase.
 */
export class ApprovalWindows1764950000000 implements MigrationInterface {
  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      ALTER TABLE milestone.milestones
        ADD COLUMN deemed_accepted_at timestamptz,
        ADD COLUMN approval_lapsed_at timestamptz,
        ADD CONSTRAINT milestones_deemed_or_lapsed CHECK (deemed_accepted_at IS NULL OR approval_lapsed_at IS NULL)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE milestone.milestones DROP COLUMN deemed_accepted_at, DROP COLUMN approval_lapsed_at`);
  }
}
