import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 15, client portal sign-in: the magic links emailed to a client contact. Only the SHA-256
 * of each link's secret is kept (64 hex characters, checked here, as for API keys); a link is used
 * once, within its validity. A portal session is an API key, and names the link that opened it
 * (one session per link). Clients are found by contact address whatever its case, and the links
 * sent to one address are counted over the last quarter of an hour: both indexed.
 */
export class PortalSignInLinks1765701000000 implements MigrationInterface {
  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE contract.portal_sign_in_links (
       id          text        PRIMARY KEY CHECK (id ~ '^psl_[0-9A-HJKMNP-TV-Z]{26}$'),
       client_id   text        NOT NULL REFERENCES contract.clients (id),
       email       text        NOT NULL CHECK (length(email) BETWEEN 3 AND 254 AND email = lower(email)),
       secret_hash text        NOT NULL CHECK (secret_hash ~ '^[0-9a-f]{64}$'),
       created_at  timestamptz NOT NULL,
       expires_at  timestamptz NOT NULL,
       used_at     timestamptz,
       CHECK (expires_at > created_at),
       CHECK (used_at IS NULL OR (used_at >= created_at AND used_at < expires_at))
     )`);
    await queryRunner.query(`CREATE INDEX portal_sign_in_links_by_address ON contract.portal_sign_in_links (email, created_at)`);
    await queryRunner.query(`ALTER TABLE contract.api_keys ADD COLUMN sign_in_link_id text UNIQUE REFERENCES contract.portal_sign_in_links (id)`);
    // A portal session is a client's key, and always expires.
    await queryRunner.query(`ALTER TABLE contract.api_keys ADD CONSTRAINT api_keys_portal_session_is_a_client_key_that_expires
       CHECK (sign_in_link_id IS NULL OR (role = 'client' AND expires_at IS NOT NULL))`);
    await queryRunner.query(`CREATE INDEX clients_by_ap_contact_email ON contract.clients (lower(ap_contact_email))`);
    await queryRunner.query(`CREATE INDEX clients_by_approver_email ON contract.clients (lower(approver_email)) WHERE approver_email IS NOT NULL`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX contract.clients_by_approver_email`);
    await queryRunner.query(`DROP INDEX contract.clients_by_ap_contact_email`);
    await queryRunner.query(`ALTER TABLE contract.api_keys DROP COLUMN sign_in_link_id`);
    await queryRunner.query(`DROP TABLE contract.portal_sign_in_links`);
  }
}
