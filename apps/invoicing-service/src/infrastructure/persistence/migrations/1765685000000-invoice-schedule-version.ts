import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 14 "Change orders": every invoice names the version of the contract's payment schedule it
 * was billed under (a draft: the version it was prepared or last revised under). Invoices before
 * change orders existed were all billed under version 1, the default; the repository names the
 * version of every invoice it adds. Adding a column with a default rewrites no row, so the trigger
 * guarding issued invoices is not involved.
 */
export class InvoiceScheduleVersion1765685000000 implements MigrationInterface {
  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE invoicing.invoices ADD COLUMN schedule_version integer NOT NULL DEFAULT 1 CHECK (schedule_version >= 1)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE invoicing.invoices DROP COLUMN schedule_version`);
  }
}
