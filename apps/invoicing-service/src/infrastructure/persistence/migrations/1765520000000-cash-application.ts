import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 10 "Cash application". A payment belongs to a client and a currency: it carries its
 * method and an external reference unique per client (a unique index, so that the same bank
 * reference recorded twice at the same moment is refused by the database, not only by a read),
 * and no longer one invoice. Its allocations to invoices are rows of their own (those of the
 * payments recorded before are copied there: each paid its one invoice in full); a credit applied
 * to an invoice at issue is an allocation without a payment. What a payment does not allocate is
 * the client's unapplied credit, one row per client and currency, locked while it changes and
 * never below zero. Refunds pay credit back. Allocations and refunds, like payments, are never
 * updated nor deleted.
 *
 * Frozen SQL only: nothing here calls library code.
 */
export class CashApplication1765520000000 implements MigrationInterface {
  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE invoicing.payments ALTER COLUMN invoice_id DROP NOT NULL, ALTER COLUMN contract_id DROP NOT NULL`);
    await queryRunner.query(`ALTER TABLE invoicing.payments RENAME COLUMN reference TO external_reference`);
    await queryRunner.query(`
      ALTER TABLE invoicing.payments
        ADD COLUMN method text NOT NULL DEFAULT 'other' CHECK (method IN ('bank_transfer', 'card', 'cheque', 'other')),
        ADD COLUMN unapplied_cents bigint NOT NULL DEFAULT 0 CHECK (unapplied_cents >= 0 AND unapplied_cents <= amount_cents)`);
    await queryRunner.query(`ALTER TABLE invoicing.payments ALTER COLUMN method DROP DEFAULT`);
    await queryRunner.query(`
      CREATE UNIQUE INDEX payments_client_external_reference ON invoicing.payments (client_id, external_reference)
      WHERE external_reference IS NOT NULL`);
    await queryRunner.query(`CREATE INDEX payments_client_listing ON invoicing.payments (client_id, id)`);
    // Oldest-first allocation reads a client's open invoices in a currency; a client's time zone is its latest contract's.
    await queryRunner.query(`CREATE INDEX invoices_client_open ON invoicing.invoices (client_id, currency) WHERE status = 'open'`);
    await queryRunner.query(`CREATE INDEX contracts_client ON invoicing.contracts (client_id, activated_at)`);

    await queryRunner.query(`
      CREATE TABLE invoicing.payment_allocations (
        id text PRIMARY KEY,
        payment_id text REFERENCES invoicing.payments (id),
        source text NOT NULL CHECK (source IN ('payment', 'credit')),
        invoice_id text NOT NULL REFERENCES invoicing.invoices (id),
        contract_id text NOT NULL,
        client_id text NOT NULL,
        currency text NOT NULL,
        amount_cents bigint NOT NULL CHECK (amount_cents > 0),
        allocated_at timestamptz NOT NULL,
        CHECK ((source = 'payment') = (payment_id IS NOT NULL)),
        UNIQUE (payment_id, invoice_id)
      )`);
    await queryRunner.query(`CREATE INDEX payment_allocations_invoice ON invoicing.payment_allocations (invoice_id, payment_id)`);
    await queryRunner.query(`
      INSERT INTO invoicing.payment_allocations (id, payment_id, source, invoice_id, contract_id, client_id, currency, amount_cents, allocated_at)
      SELECT 'pal_' || substr(id, 5), id, 'payment', invoice_id, contract_id, client_id, currency, amount_cents, recorded_at
      FROM invoicing.payments WHERE invoice_id IS NOT NULL`);

    await queryRunner.query(`
      CREATE TABLE invoicing.client_balances (
        client_id text NOT NULL,
        currency text NOT NULL,
        unapplied_cents bigint NOT NULL CHECK (unapplied_cents >= 0 AND unapplied_cents <= 1000000000000000),
        updated_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (client_id, currency)
      )`);

    await queryRunner.query(`
      CREATE TABLE invoicing.refunds (
        id text PRIMARY KEY,
        client_id text NOT NULL,
        currency text NOT NULL,
        amount_cents bigint NOT NULL CHECK (amount_cents > 0),
        refunded_on date NOT NULL,
        method text NOT NULL CHECK (method IN ('bank_transfer', 'card', 'cheque', 'other')),
        external_reference text,
        reason text,
        unapplied_cents_after bigint NOT NULL CHECK (unapplied_cents_after >= 0),
        recorded_at timestamptz NOT NULL
      )`);
    await queryRunner.query(`CREATE INDEX refunds_client ON invoicing.refunds (client_id, id)`);

    for (const table of ['payment_allocations', 'refunds']) {
      await queryRunner.query(`
        CREATE FUNCTION invoicing.refuse_${table}_change() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
          RAISE EXCEPTION '${table} row % is recorded: it is never changed or deleted', OLD.id
            USING ERRCODE = 'integrity_constraint_violation';
        END;
        $$`);
      await queryRunner.query(`
        CREATE TRIGGER ${table}_are_immutable BEFORE UPDATE OR DELETE ON invoicing.${table}
        FOR EACH ROW EXECUTE FUNCTION invoicing.refuse_${table}_change()`);
      await queryRunner.query(`
        DO $$
        BEGIN
          IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'invoicing_service') THEN
            REVOKE UPDATE, DELETE, TRUNCATE ON invoicing.${table} FROM invoicing_service;
          END IF;
        END;
        $$`);
    }
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of ['payment_allocations', 'refunds']) {
      await queryRunner.query(`DROP TRIGGER ${table}_are_immutable ON invoicing.${table}`);
      await queryRunner.query(`DROP FUNCTION invoicing.refuse_${table}_change()`);
    }
    await queryRunner.query(`DROP TABLE invoicing.refunds`);
    await queryRunner.query(`DROP TABLE invoicing.client_balances`);
    await queryRunner.query(`DROP TABLE invoicing.payment_allocations`);
    await queryRunner.query(`DROP INDEX invoicing.contracts_client`);
    await queryRunner.query(`DROP INDEX invoicing.invoices_client_open`);
    await queryRunner.query(`DROP INDEX invoicing.payments_client_listing`);
    await queryRunner.query(`DROP INDEX invoicing.payments_client_external_reference`);
    await queryRunner.query(`ALTER TABLE invoicing.payments DROP COLUMN unapplied_cents, DROP COLUMN method`);
    await queryRunner.query(`ALTER TABLE invoicing.payments RENAME COLUMN external_reference TO reference`);
  }
}
