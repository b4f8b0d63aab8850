import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 10: credit notes take money off an issued invoice's balance without touching its total
 * (the invoice as issued stays as issued). The balance is payable − paid − credited, so what was
 * credited is a settlement column: the immutability guard lets it change after issue.
 */
export class InvoiceCreditedAmount1765400000000 implements MigrationInterface {
  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE invoicing.invoices ADD COLUMN amount_credited_cents bigint NOT NULL DEFAULT 0 CHECK (amount_credited_cents >= 0)`);
    await queryRunner.query(settlingColumnsGuard(['status', 'amount_paid_cents', 'amount_credited_cents', 'payment_ids', 'paid_at', 'overdue_announced_at', 'version', 'updated_at']));
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(settlingColumnsGuard(['status', 'amount_paid_cents', 'payment_ids', 'paid_at', 'overdue_announced_at', 'version', 'updated_at']));
    await queryRunner.query(`ALTER TABLE invoicing.invoices DROP COLUMN amount_credited_cents`);
  }
}

/** The guard of 1765050000000, with the columns an issued invoice may still change. */
function settlingColumnsGuard(settlingColumns: readonly string[]): string {
  const columns = settlingColumns.map((column) => `'${column}'`).join(', ');
  return `
    CREATE OR REPLACE FUNCTION invoicing.guard_issued_invoice() RETURNS trigger LANGUAGE plpgsql AS $$
    DECLARE
      settling_columns text[] := ARRAY[${columns}];
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
    $$`;
}
