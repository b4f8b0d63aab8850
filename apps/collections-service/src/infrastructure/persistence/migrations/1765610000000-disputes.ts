import { MigrationInterface, QueryRunner } from 'typeorm';

/** Issue 11 "Disputes": the invoices collections knows from invoice.issued, and the disputes raised on them. */
export class Disputes1765610000000 implements MigrationInterface {
  async up(queryRunner: QueryRunner): Promise<void> {
    // Payments or credits may be heard before the invoice's issue (different topics), so a row may
    // start with reductions only; it is disputable once its issue fields are known.
    await queryRunner.query(`
      CREATE TABLE collections.dispute_invoices (
        invoice_id text PRIMARY KEY,
        invoice_number text,
        contract_id text,
        client_id text,
        currency text,
        amount_due_cents bigint CHECK (amount_due_cents >= 0),
        reduced_cents bigint NOT NULL DEFAULT 0 CHECK (reduced_cents >= 0),
        closed boolean NOT NULL DEFAULT false
      )`);
    await queryRunner.query(`
      CREATE TABLE collections.disputes (
        id text PRIMARY KEY,
        client_id text NOT NULL,
        invoice_id text NOT NULL,
        invoice_number text NOT NULL,
        contract_id text NOT NULL,
        currency text NOT NULL,
        amount_cents bigint NOT NULL CHECK (amount_cents > 0),
        invoice_balance_cents bigint NOT NULL CHECK (invoice_balance_cents >= amount_cents),
        whole_invoice boolean NOT NULL,
        reason text NOT NULL,
        status text NOT NULL CHECK (status IN ('open', 'upheld', 'rejected')),
        opened_by_role text NOT NULL,
        opened_by_subject text NOT NULL,
        opened_at timestamptz NOT NULL,
        resolution_note text,
        credit_amount_cents bigint CHECK (credit_amount_cents > 0 AND credit_amount_cents <= amount_cents),
        resolved_by_role text,
        resolved_by_subject text,
        resolved_at timestamptz,
        version integer NOT NULL,
        CHECK ((status = 'open') = (resolved_at IS NULL)),
        CHECK (status = 'upheld' OR credit_amount_cents IS NULL)
      )`);
    // One open dispute per invoice: two opened at once cannot both stand.
    await queryRunner.query(`CREATE UNIQUE INDEX disputes_one_open_per_invoice ON collections.disputes (invoice_id) WHERE status = 'open'`);
    await queryRunner.query(`CREATE INDEX disputes_by_client ON collections.disputes (client_id, opened_at DESC)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE collections.disputes`);
    await queryRunner.query(`DROP TABLE collections.dispute_invoices`);
  }
}
