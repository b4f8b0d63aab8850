import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 11 item 8: the language the client's emails are written in (BCP 47: en or de); null when
 * it set none, and notification-service writes in English.
 */
export class ClientLanguage1765650000000 implements MigrationInterface {
  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE contract.clients ADD COLUMN language text`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE contract.clients DROP COLUMN language`);
  }
}
