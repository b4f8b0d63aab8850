import { MigrationInterface, QueryRunner } from 'typeorm';

/** Issue 9 "Approval windows": who approves a client's delivered milestones, as contract events name them. */
export class ClientApprovers1764900000000 implements MigrationInterface {
  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE notification.clients ADD COLUMN approver_email text`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE notification.clients DROP COLUMN approver_email`);
  }
}
