import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 11 item 8: the language a client is written to in (BCP 47, from the contract events'
 * client_language); null when it set none, and English is used.
 */
export class ClientLanguage1765650000000 implements MigrationInterface {
  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE notification.clients ADD COLUMN language text`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE notification.clients DROP COLUMN language`);
  }
}
