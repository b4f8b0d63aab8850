import { MigrationInterface, QueryRunner } from 'typeorm';

/** Issue 15: a dispute the client withdrew (collections.dispute_withdrawn) no longer holds its invoice in dispute. */
export class WithdrawnInvoiceDisputes1765710000001 implements MigrationInterface {
  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE invoicing.invoice_disputes DROP CONSTRAINT invoice_disputes_status_check`);
    await queryRunner.query(`ALTER TABLE invoicing.invoice_disputes ADD CONSTRAINT invoice_disputes_status_check CHECK (status IN ('open', 'upheld', 'rejected', 'withdrawn'))`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE invoicing.invoice_disputes DROP CONSTRAINT invoice_disputes_status_check`);
    await queryRunner.query(`ALTER TABLE invoicing.invoice_disputes ADD CONSTRAINT invoice_disputes_status_check CHECK (status IN ('open', 'upheld', 'rejected'))`);
  }
}
