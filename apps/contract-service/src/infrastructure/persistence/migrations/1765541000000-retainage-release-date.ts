import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 10 "Retainage released": a contract may set the day the retainage withheld so far is
 * released (billed by invoicing), a calendar date in the client's time zone. Only a contract that
 * withholds retainage has one to release.
 */
export class RetainageReleaseDate1765541000000 implements MigrationInterface {
  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      ALTER TABLE contract.contracts
        ADD COLUMN retainage_release_date date,
        ADD CONSTRAINT contracts_retainage_release_date_needs_retainage CHECK (retainage_release_date IS NULL OR retainage_bps > 0)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE contract.contracts DROP CONSTRAINT contracts_retainage_release_date_needs_retainage, DROP COLUMN retainage_release_date`);
  }
}
