import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 10 item 6: a milestone draft keeps the milestone's planned date that contract.activated
 * carried, for the cash-flow forecast to place the draft in a week. Nullable: a milestone without a
 * planned date, a retainage release, and every draft prepared before this migration (left null,
 * so counted as unscheduled). A draft-only field: invoicing.guard_issued_invoice (latest in
 * 1765510000000-corrections) lets a draft change freely and refuses any change of an issued
 * invoice's columns other than its settlement, planned_date included; issuing never writes it.
 */
export class DraftPlannedDate1765570000000 implements MigrationInterface {
  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE invoicing.invoices ADD COLUMN planned_date date`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE invoicing.invoices DROP COLUMN planned_date`);
  }
}
