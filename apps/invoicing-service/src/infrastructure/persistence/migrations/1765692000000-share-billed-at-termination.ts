import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 14 "Termination that settles": a milestone's draft may be issued for a share of the
 * milestone only; the rest of its amount is cancelled, and the contract's financial status counts
 * it as cancelled.
 */
export class ShareBilledAtTermination1765692000000 implements MigrationInterface {
  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      ALTER TABLE invoicing.invoices
        ADD COLUMN cancelled_subtotal_cents bigint NOT NULL DEFAULT 0 CHECK (cancelled_subtotal_cents >= 0)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE invoicing.invoices DROP COLUMN cancelled_subtotal_cents`);
  }
}
