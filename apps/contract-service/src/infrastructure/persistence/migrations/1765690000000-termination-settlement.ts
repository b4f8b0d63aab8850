import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 14 "Termination that settles": a termination records the day it takes effect (the
 * client's calendar) and who terminated. completed_at and the `completed` status were in the
 * first schema already; contract completion now sets them.
 */
export class TerminationSettlement1765690000000 implements MigrationInterface {
  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      ALTER TABLE contract.contracts
        ADD COLUMN termination_effective_date date,
        ADD COLUMN terminated_by text`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE contract.contracts DROP COLUMN termination_effective_date, DROP COLUMN terminated_by`);
  }
}
