import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The invoicing schema: contracts as invoicing knows them (from contract.activated, for the terms
 * and the financial status), invoices (drafts and issued), the yearly number series, payments, and
 * billing triggers that arrived before their contract.
 */
export class InvoicingTables1763856000000 implements MigrationInterface {
  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE invoicing.contracts (
        contract_id text PRIMARY KEY,
        client_id text NOT NULL,
        client_name text,
        title text NOT NULL,
        currency text NOT NULL,
        total_value_cents bigint NOT NULL CHECK (total_value_cents >= 0),
        net_days integer NOT NULL CHECK (net_days >= 0),
        tax_rate_bps integer NOT NULL CHECK (tax_rate_bps BETWEEN 0 AND 10000),
        retainage_bps integer NOT NULL CHECK (retainage_bps BETWEEN 0 AND 10000),
        purchase_order_ref text,
        schedule_version integer NOT NULL,
        activated_at timestamptz NOT NULL,
        recorded_at timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(`
      CREATE TABLE invoicing.invoices (
        id text PRIMARY KEY,
        number text UNIQUE,
        status text NOT NULL CHECK (status IN ('draft', 'open', 'paid', 'void', 'uncollectible')),
        contract_id text NOT NULL REFERENCES invoicing.contracts (contract_id),
        client_id text NOT NULL,
        client_name text,
        contract_title text NOT NULL,
        purchase_order_ref text,
        milestone_index integer NOT NULL CHECK (milestone_index >= 1),
        milestone_title text NOT NULL,
        milestone_id text,
        currency text NOT NULL,
        net_days integer NOT NULL,
        tax_rate_bps integer NOT NULL,
        retainage_bps integer NOT NULL,
        lines jsonb NOT NULL,
        subtotal_cents bigint NOT NULL CHECK (subtotal_cents >= 0),
        tax_cents bigint NOT NULL CHECK (tax_cents >= 0),
        retainage_cents bigint NOT NULL CHECK (retainage_cents >= 0),
        total_cents bigint NOT NULL CHECK (total_cents = subtotal_cents + tax_cents),
        payable_cents bigint NOT NULL CHECK (payable_cents = total_cents - retainage_cents),
        amount_paid_cents bigint NOT NULL DEFAULT 0 CHECK (amount_paid_cents >= 0 AND amount_paid_cents <= payable_cents),
        payment_ids text[] NOT NULL DEFAULT '{}',
        issue_date date,
        due_date date,
        overdue_announced_at timestamptz,
        paid_at timestamptz,
        version integer NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (contract_id, milestone_index),
        -- An issued invoice always has its number and dates; only a draft (or a voided draft) has none.
        CHECK (status IN ('draft', 'void') OR (number IS NOT NULL AND issue_date IS NOT NULL AND due_date IS NOT NULL))
      )`);
    // The overdue scan's question: open invoices past due and not yet announced.
    await queryRunner.query(
      `CREATE INDEX invoices_overdue_scan ON invoicing.invoices (due_date) WHERE status = 'open' AND overdue_announced_at IS NULL`,
    );
    await queryRunner.query(`
      CREATE TABLE invoicing.invoice_number_series (
        series text PRIMARY KEY,
        last_sequence integer NOT NULL CHECK (last_sequence >= 0)
      )`);
    await queryRunner.query(`
      CREATE TABLE invoicing.payments (
        id text PRIMARY KEY,
        invoice_id text NOT NULL REFERENCES invoicing.invoices (id),
        contract_id text NOT NULL,
        client_id text NOT NULL,
        currency text NOT NULL,
        amount_cents bigint NOT NULL CHECK (amount_cents > 0),
        received_on date NOT NULL,
        reference text,
        recorded_at timestamptz NOT NULL
      )`);
    await queryRunner.query(`CREATE INDEX payments_invoice ON invoicing.payments (invoice_id)`);
    await queryRunner.query(`
      CREATE TABLE invoicing.pending_billing_triggers (
        contract_id text NOT NULL,
        milestone_index integer NOT NULL,
        milestone_id text,
        milestone_title text NOT NULL,
        amount_cents bigint NOT NULL,
        currency text NOT NULL,
        event_id text NOT NULL,
        received_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (contract_id, milestone_index)
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of ['pending_billing_triggers', 'payments', 'invoice_number_series', 'invoices', 'contracts']) {
      await queryRunner.query(`DROP TABLE invoicing.${table}`);
    }
  }
}
