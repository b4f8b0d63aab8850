import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 15, client portal sessions: an API key may expire. A portal session is a client-role key
 * that expires hours after sign-in; keys an admin creates keep no expiry (NULL), as before. A key
 * cannot expire before it exists.
 */
export class ApiKeyExpiry1765700000000 implements MigrationInterface {
  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE contract.api_keys ADD COLUMN expires_at timestamptz`);
    await queryRunner.query(`ALTER TABLE contract.api_keys ADD CONSTRAINT api_keys_expire_after_creation CHECK (expires_at IS NULL OR expires_at > created_at)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE contract.api_keys DROP COLUMN expires_at`);
  }
}
