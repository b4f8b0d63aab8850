import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 12 "Database roles": what a legal invoice and a recorded payment say cannot be rewritten,
 * whoever connects. Once an invoice has left draft, only what settles or announces it may change
 * (status, amount paid, the payments allocated, when it was paid, when its overdue notice went
 * out, and the optimistic-concurrency version); its number, dates, lines and amounts may not, it
 * never returns to draft, and it is never deleted (a wrong invoice is voided or credited). A
 * payment is never updated nor deleted (a wrong one is reversed by another entry).
 *
 * Triggers rather than column privileges: they hold for the schema's owner as well as the runtime
 * role, and they compare values, so the repository's UPDATE that repeats an unchanged number or
 * date passes while a changed total does not. The runtime role also loses UPDATE and DELETE on
 * payments, so the refusal comes from the privilege system before the trigger is reached.
 */
export class ImmutableIssuedInvoicesAndPayments1765050000000 implements MigrationInterface {
  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE FUNCTION invoicing.guard_issued_invoice() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE
        settling_columns text[] := ARRAY['status', 'amount_paid_cents', 'payment_ids', 'paid_at', 'overdue_announced_at', 'version', 'updated_at'];
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
      CREATE TRIGGER issued_invoice_is_immutable BEFORE UPDATE OR DELETE ON invoicing.invoices
      FOR EACH ROW EXECUTE FUNCTION invoicing.guard_issued_invoice()`);
    await queryRunner.query(`
      CREATE FUNCTION invoicing.refuse_payment_change() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'payment % is recorded: a payment is never changed or deleted', OLD.id
          USING ERRCODE = 'integrity_constraint_violation';
      END;
      $$`);
    await queryRunner.query(`
      CREATE TRIGGER recorded_payment_is_immutable BEFORE UPDATE OR DELETE ON invoicing.payments
      FOR EACH ROW EXECUTE FUNCTION invoicing.refuse_payment_change()`);
    // The runtime role is the one in the database's default privileges for this schema.
    await queryRunner.query(`
      DO $$
      BEGIN
        IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'invoicing_service') THEN
          REVOKE UPDATE, DELETE, TRUNCATE ON invoicing.payments FROM invoicing_service;
        END IF;
      END;
      $$`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TRIGGER recorded_payment_is_immutable ON invoicing.payments`);
    await queryRunner.query(`DROP FUNCTION invoicing.refuse_payment_change()`);
    await queryRunner.query(`DROP TRIGGER issued_invoice_is_immutable ON invoicing.invoices`);
    await queryRunner.query(`DROP FUNCTION invoicing.guard_issued_invoice()`);
  }
}
