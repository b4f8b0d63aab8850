import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 12 "Audit log": every command this service is asked to carry out, append-only (a trigger
 * refuses UPDATE, DELETE and TRUNCATE, whatever the role's grants), each row carrying the hash of
 * the one before (libs/platform/src/audit). Written by the platform's audit interceptor.
 */
export class AuditLog1765000000000 implements MigrationInterface {
  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE invoicing.audit_log (
       sequence        bigint      PRIMARY KEY CHECK (sequence > 0),
       recorded_at     timestamptz NOT NULL,
       actor_subject   text        NOT NULL,
       actor_role      text,
       actor_client_id text,
       command         text        NOT NULL,
       target_id       text,
       request_id      text,
       trace_id        text,
       outcome         text        NOT NULL CHECK (outcome IN ('succeeded', 'refused', 'failed')),
       status          text        NOT NULL,
       code            text,
       previous_hash   text        NOT NULL,
       hash            text        NOT NULL UNIQUE
     )`);
    await queryRunner.query(`CREATE INDEX audit_log_target ON invoicing.audit_log (target_id, sequence)`);
    await queryRunner.query(`CREATE INDEX audit_log_recorded_at ON invoicing.audit_log (recorded_at)`);
    await queryRunner.query(`CREATE FUNCTION invoicing.audit_log_is_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'the audit log is append-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
      END $$`);
    await queryRunner.query(
      `CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON invoicing.audit_log FOR EACH ROW EXECUTE FUNCTION invoicing.audit_log_is_append_only()`,
    );
    await queryRunner.query(
      `CREATE TRIGGER audit_log_never_truncated BEFORE TRUNCATE ON invoicing.audit_log FOR EACH STATEMENT EXECUTE FUNCTION invoicing.audit_log_is_append_only()`,
    );
    // The runtime role (in the schema's default privileges) appends and reads, nothing more.
    await queryRunner.query(`
      DO $$
      BEGIN
        IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'invoicing_service') THEN
          REVOKE UPDATE, DELETE, TRUNCATE ON invoicing.audit_log FROM invoicing_service;
        END IF;
      END;
      $$`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE invoicing.audit_log`);
    await queryRunner.query(`DROP FUNCTION invoicing.audit_log_is_append_only()`);
  }
}
