import { MigrationInterface, QueryRunner } from 'typeorm';

export class Cases1763856000000 implements MigrationInterface {
  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE collections.cases (
        id text PRIMARY KEY,
        client_id text NOT NULL,
        status text NOT NULL CHECK (status IN ('open', 'closed')),
        stage text NOT NULL,
        opened_at timestamptz NOT NULL,
        closed_at timestamptz,
        version integer NOT NULL
      )`);
    // One open case per client: two overdue invoices handled at once cannot open two cases.
    await queryRunner.query(`CREATE UNIQUE INDEX cases_one_open_per_client ON collections.cases (client_id) WHERE status = 'open'`);
    await queryRunner.query(`
      CREATE TABLE collections.case_invoices (
        case_id text NOT NULL REFERENCES collections.cases (id),
        invoice_id text NOT NULL,
        invoice_number text NOT NULL,
        contract_id text NOT NULL,
        currency text NOT NULL,
        amount_due_cents bigint NOT NULL CHECK (amount_due_cents > 0),
        balance_cents bigint NOT NULL CHECK (balance_cents >= 0),
        due_date date NOT NULL,
        days_overdue integer NOT NULL,
        position integer NOT NULL,
        PRIMARY KEY (case_id, invoice_id)
      )`);
    await queryRunner.query(`CREATE INDEX case_invoices_by_invoice ON collections.case_invoices (invoice_id)`);
    // Invoices known to be paid, so that an invoice.overdue handled after its invoice.paid opens nothing.
    await queryRunner.query(`CREATE TABLE collections.settled_invoices (invoice_id text PRIMARY KEY, settled_at timestamptz NOT NULL)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE collections.settled_invoices`);
    await queryRunner.query(`DROP TABLE collections.case_invoices`);
    await queryRunner.query(`DROP TABLE collections.cases`);
  }
}
