import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 12 item 1, API keys for system-to-system calls: contract-service keeps them for every
 * service. Only the SHA-256 of each key's secret is stored (64 hex characters, checked here), never
 * the secret; a revoked key stays, with who revoked it and when.
 */
export class ApiKeys1765500000000 implements MigrationInterface {
  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE contract.api_keys (
       id            text        PRIMARY KEY CHECK (id ~ '^mbk_[0-9A-HJKMNP-TV-Z]{26}$'),
       name          text        NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
       role          text        NOT NULL,
       client_id     text        REFERENCES contract.clients (id),
       secret_sha256 text        NOT NULL CHECK (secret_sha256 ~ '^[0-9a-f]{64}$'),
       created_at    timestamptz NOT NULL,
       created_by    text        NOT NULL,
       revoked_at    timestamptz,
       revoked_by    text,
       last_used_at  timestamptz,
       CHECK ((role = 'client') = (client_id IS NOT NULL)),
       CHECK ((revoked_at IS NULL) = (revoked_by IS NULL))
     )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE contract.api_keys`);
  }
}
