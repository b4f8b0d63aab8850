import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 10: invoicing writes invoices off (invoice.uncollectible). A case keeps what each of its
 * invoices had written off, so that it closes as written off, or partly, rather than as paid.
 */
export class CaseInvoiceWriteOffs1765510000000 implements MigrationInterface {
  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE collections.case_invoices ADD COLUMN written_off_cents bigint NOT NULL DEFAULT 0 CHECK (written_off_cents >= 0 AND written_off_cents <= amount_due_cents)`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE collections.case_invoices DROP COLUMN written_off_cents`);
  }
}
