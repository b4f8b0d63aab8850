import { MigrationInterface, QueryRunner } from 'typeorm';

/** Issue 9 "Approval windows": who approves a client's delivered milestones; null for the AP contact. */
export class ClientApprovers1764950000000 implements MigrationInterface {
  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE contract.clients ADD COLUMN approver_email text CONSTRAINT clients_approver_email_is_a_mailbox CHECK (position('@' in approver_email) > 1)`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE contract.clients DROP COLUMN approver_email`);
  }
}
