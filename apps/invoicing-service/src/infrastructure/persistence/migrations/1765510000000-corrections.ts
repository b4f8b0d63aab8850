import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 10 "Corrections, the accountant's way": an issued invoice is corrected by documents, never
 * edited.
 *
 * - Invoices may end `credited` (cancelled in full by credit notes) besides paid, void and
 *   uncollectible; when and why one was closed, and what a write-off gave up, become settlement
 *   columns the immutability guard lets change. What was paid and credited together never exceeds
 *   what was payable.
 * - Credit notes, numbered in their own CN series (a row of invoice_number_series per year), are
 *   append-only like payments: a trigger refuses any change or deletion whoever connects, and the
 *   runtime role has no UPDATE, DELETE or TRUNCATE on them.
 */
export class Corrections1765510000000 implements MigrationInterface {
  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE invoicing.invoices DROP CONSTRAINT invoices_status_check`);
    await queryRunner.query(`
      ALTER TABLE invoicing.invoices
        ADD CONSTRAINT invoices_status_check CHECK (status IN ('draft', 'open', 'paid', 'credited', 'void', 'uncollectible')),
        ADD COLUMN closed_at timestamptz,
        ADD COLUMN closing_reason text CHECK (char_length(closing_reason) BETWEEN 1 AND 500),
        ADD COLUMN amount_written_off_cents bigint NOT NULL DEFAULT 0 CHECK (amount_written_off_cents >= 0),
        ADD CONSTRAINT invoices_settled_within_payable CHECK (amount_paid_cents + amount_credited_cents + amount_written_off_cents <= payable_cents)`);
    await queryRunner.query(`
      CREATE OR REPLACE FUNCTION invoicing.guard_issued_invoice() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE
        settling_columns text[] := ARRAY['status', 'amount_paid_cents', 'amount_credited_cents', 'amount_written_off_cents', 'payment_ids',
                                         'paid_at', 'closed_at', 'closing_reason', 'overdue_announced_at', 'version', 'updated_at'];
      BEGIN
        IF OLD.status = 'draft' THEN
          RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
        END IF;
        IF TG_OP = 'DELETE' THEN
          RAISE EXCEPTION 'invoice % is %: an issued invoice is never deleted', OLD.id, OLD.status
            USING ERRCODE = 'integrity_constraint_violation';
        END IF;
        IF NEW.status = 'draft' THEN
          RAISE EXCEPTION 'invoice % is %: an issued invoice never returns to draft', OLD.id, OLD.status
            USING ERRCODE = 'integrity_constraint_violation';
        END IF;
        IF (to_jsonb(NEW) - settling_columns) IS DISTINCT FROM (to_jsonb(OLD) - settling_columns) THEN
          RAISE EXCEPTION 'invoice % is %: only its status and settlement may change', OLD.id, OLD.status
            USING ERRCODE = 'integrity_constraint_violation';
        END IF;
        RETURN NEW;
      END;
      $$`);
    await queryRunner.query(`
      CREATE TABLE invoicing.credit_notes (
        id text PRIMARY KEY,
        number text NOT NULL UNIQUE CHECK (number ~ '^CN-[0-9]{4}-[0-9]{6}$'),
        invoice_id text NOT NULL REFERENCES invoicing.invoices (id),
        contract_id text NOT NULL,
        client_id text NOT NULL,
        currency text NOT NULL,
        issue_date date NOT NULL,
        reason text NOT NULL CHECK (char_length(reason) BETWEEN 1 AND 500),
        lines jsonb NOT NULL CHECK (jsonb_typeof(lines) = 'array' AND jsonb_array_length(lines) >= 1),
        subtotal_cents bigint NOT NULL CHECK (subtotal_cents > 0),
        tax_cents bigint NOT NULL CHECK (tax_cents >= 0),
        retainage_cents bigint NOT NULL CHECK (retainage_cents >= 0),
        total_cents bigint NOT NULL CHECK (total_cents = subtotal_cents + tax_cents),
        amount_credited_cents bigint NOT NULL CHECK (amount_credited_cents = total_cents - retainage_cents AND amount_credited_cents >= 0),
        issued_at timestamptz NOT NULL
      )`);
    await queryRunner.query(`CREATE INDEX credit_notes_invoice ON invoicing.credit_notes (invoice_id, issued_at)`);
    await queryRunner.query(`
      CREATE FUNCTION invoicing.refuse_credit_note_change() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'credit note % is issued: a credit note is never changed or deleted', OLD.id
          USING ERRCODE = 'integrity_constraint_violation';
      END;
      $$`);
    await queryRunner.query(`
      CREATE TRIGGER issued_credit_note_is_immutable BEFORE UPDATE OR DELETE ON invoicing.credit_notes
      FOR EACH ROW EXECUTE FUNCTION invoicing.refuse_credit_note_change()`);
    await queryRunner.query(`
      CREATE TRIGGER issued_credit_notes_never_truncated BEFORE TRUNCATE ON invoicing.credit_notes
      FOR EACH STATEMENT EXECUTE FUNCTION invoicing.refuse_credit_note_change()`);
    await queryRunner.query(`
      DO $$
      BEGIN
        IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'invoicing_service') THEN
          REVOKE UPDATE, DELETE, TRUNCATE ON invoicing.credit_notes FROM invoicing_service;
        END IF;
      END;
      $$`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE invoicing.credit_notes`);
    await queryRunner.query(`DROP FUNCTION invoicing.refuse_credit_note_change()`);
    await queryRunner.query(`
      CREATE OR REPLACE FUNCTION invoicing.guard_issued_invoice() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE
        settling_columns text[] := ARRAY['status', 'amount_paid_cents', 'amount_credited_cents', 'payment_ids', 'paid_at', 'overdue_announced_at', 'version', 'updated_at'];
      BEGIN
        IF OLD.status = 'draft' THEN
          RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
        END IF;
        IF TG_OP = 'DELETE' THEN
          RAISE EXCEPTION 'invoice % is %: an issued invoice is never deleted', OLD.id, OLD.status
            USING ERRCODE = 'integrity_constraint_violation';
        END IF;
        IF NEW.status = 'draft' THEN
          RAISE EXCEPTION 'invoice % is %: an issued invoice never returns to draft', OLD.id, OLD.status
            USING ERRCODE = 'integrity_constraint_violation';
        END IF;
        IF (to_jsonb(NEW) - settling_columns) IS DISTINCT FROM (to_jsonb(OLD) - settling_columns) THEN
          RAISE EXCEPTION 'invoice % is %: only its status and settlement may change', OLD.id, OLD.status
            USING ERRCODE = 'integrity_constraint_violation';
        END IF;
        RETURN NEW;
      END;
      $$`);
    await queryRunner.query(`
      ALTER TABLE invoicing.invoices
        DROP CONSTRAINT invoices_settled_within_payable,
        DROP COLUMN amount_written_off_cents,
        DROP COLUMN closing_reason,
        DROP COLUMN closed_at,
        DROP CONSTRAINT invoices_status_check,
        ADD CONSTRAINT invoices_status_check CHECK (status IN ('draft', 'open', 'paid', 'void', 'uncollectible'))`);
  }
}
