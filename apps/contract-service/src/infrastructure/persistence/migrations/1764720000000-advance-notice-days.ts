import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 9 "Advance notices": each contract says how many days before a milestone's planned date its
 * client's accounts-payable contact is told it is coming (0 for no notice). Contracts drafted
 * before this column existed keep the default, a week.
 */
export class AdvanceNoticeDays1764720000000 implements MigrationInterface {
  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      ALTER TABLE contract.contracts
        ADD COLUMN advance_notice_days integer NOT NULL DEFAULT 7
          CONSTRAINT contracts_advance_notice_days_range CHECK (advance_notice_days BETWEEN 0 AND 90)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE contract.contracts DROP COLUMN advance_notice_days`);
  }
}
