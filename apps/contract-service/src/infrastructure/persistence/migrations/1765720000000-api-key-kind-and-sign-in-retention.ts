import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 15 follow-up, sign-in links and portal sessions do not pile up:
 * - each API key says what it is (`kind`): `api_key` (an admin made it) or `portal_session` (a
 *   sign-in link opened it). Until now a session was told by its `sign_in_link_id`, which the
 *   purge of links empties; existing rows are classed by that link (every session has one so far).
 * - purging a sign-in link leaves the session it opened, without its link (`ON DELETE SET NULL`).
 * - the housekeeping finds what to purge by index: links by expiry, sessions by when they ended.
 * The runtime role already has DELETE on both tables (the schema's default privileges); the audit
 * log keeps its own REVOKE, untouched.
 */
export class ApiKeyKindAndSignInRetention1765720000000 implements MigrationInterface {
  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE contract.api_keys ADD COLUMN kind text NOT NULL DEFAULT 'api_key' CHECK (kind IN ('api_key', 'portal_session'))`);
    await queryRunner.query(`UPDATE contract.api_keys SET kind = 'portal_session' WHERE sign_in_link_id IS NOT NULL`);
    // From now on every insert names its kind: a forgotten one must fail, not pass as an admin's key.
    await queryRunner.query(`ALTER TABLE contract.api_keys ALTER COLUMN kind DROP DEFAULT`);
    await queryRunner.query(`ALTER TABLE contract.api_keys DROP CONSTRAINT api_keys_portal_session_is_a_client_key_that_expires`);
    await queryRunner.query(`ALTER TABLE contract.api_keys ADD CONSTRAINT api_keys_portal_session_is_a_client_key_that_expires
       CHECK (kind = 'api_key' OR (role = 'client' AND expires_at IS NOT NULL))`);
    await queryRunner.query(`ALTER TABLE contract.api_keys ADD CONSTRAINT api_keys_only_a_portal_session_has_a_sign_in_link
       CHECK (sign_in_link_id IS NULL OR kind = 'portal_session')`);
    await queryRunner.query(`ALTER TABLE contract.api_keys DROP CONSTRAINT api_keys_sign_in_link_id_fkey`);
    await queryRunner.query(`ALTER TABLE contract.api_keys ADD CONSTRAINT api_keys_sign_in_link_id_fkey
       FOREIGN KEY (sign_in_link_id) REFERENCES contract.portal_sign_in_links (id) ON DELETE SET NULL`);
    await queryRunner.query(`CREATE INDEX portal_sign_in_links_by_expiry ON contract.portal_sign_in_links (expires_at)`);
    await queryRunner.query(`CREATE INDEX api_keys_portal_sessions_by_end ON contract.api_keys (LEAST(revoked_at, expires_at)) WHERE kind = 'portal_session'`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX contract.api_keys_portal_sessions_by_end`);
    await queryRunner.query(`DROP INDEX contract.portal_sign_in_links_by_expiry`);
    await queryRunner.query(`ALTER TABLE contract.api_keys DROP CONSTRAINT api_keys_sign_in_link_id_fkey`);
    await queryRunner.query(`ALTER TABLE contract.api_keys ADD CONSTRAINT api_keys_sign_in_link_id_fkey FOREIGN KEY (sign_in_link_id) REFERENCES contract.portal_sign_in_links (id)`);
    await queryRunner.query(`ALTER TABLE contract.api_keys DROP CONSTRAINT api_keys_only_a_portal_session_has_a_sign_in_link`);
    await queryRunner.query(`ALTER TABLE contract.api_keys DROP CONSTRAINT api_keys_portal_session_is_a_client_key_that_expires`);
    await queryRunner.query(`ALTER TABLE contract.api_keys ADD CONSTRAINT api_keys_portal_session_is_a_client_key_that_expires
       CHECK (sign_in_link_id IS NULL OR (role = 'client' AND expires_at IS NOT NULL))`);
    await queryRunner.query(`ALTER TABLE contract.api_keys DROP COLUMN kind`);
  }
}
