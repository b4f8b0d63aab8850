import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 11 item 5: payment plans. A plan splits a case's overdue balance in one currency into a
 * down payment and instalments; the invoices it covers are kept so payments to them can be matched.
 */
export class PaymentPlans1765620000000 implements MigrationInterface {
  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE collections.payment_plans (
        id text PRIMARY KEY,
        case_id text NOT NULL REFERENCES collections.cases (id),
        client_id text NOT NULL,
        currency text NOT NULL,
        total_cents bigint NOT NULL CHECK (total_cents > 0),
        status text NOT NULL CHECK (status IN ('agreed', 'completed', 'broken')),
        time_zone text NOT NULL,
        grace_days integer NOT NULL CHECK (grace_days >= 0),
        reminder_days_before integer NOT NULL CHECK (reminder_days_before >= 0),
        agreed_at timestamptz NOT NULL,
        agreed_by text NOT NULL,
        ended_at timestamptz,
        version integer NOT NULL
      )`);
    // One active plan per case and currency: two agreements at once cannot both hold.
    await queryRunner.query(`CREATE UNIQUE INDEX payment_plans_one_active_per_case_currency ON collections.payment_plans (case_id, currency) WHERE status = 'agreed'`);
    await queryRunner.query(`CREATE INDEX payment_plans_by_case ON collections.payment_plans (case_id, agreed_at)`);
    await queryRunner.query(`
      CREATE TABLE collections.payment_plan_invoices (
        payment_plan_id text NOT NULL REFERENCES collections.payment_plans (id),
        invoice_id text NOT NULL,
        invoice_number text NOT NULL,
        contract_id text NOT NULL,
        amount_cents bigint NOT NULL CHECK (amount_cents > 0),
        position integer NOT NULL,
        PRIMARY KEY (payment_plan_id, invoice_id)
      )`);
    await queryRunner.query(`CREATE INDEX payment_plan_invoices_by_invoice ON collections.payment_plan_invoices (invoice_id)`);
    await queryRunner.query(`
      CREATE TABLE collections.payment_plan_instalments (
        payment_plan_id text NOT NULL REFERENCES collections.payment_plans (id),
        number integer NOT NULL CHECK (number >= 0),
        kind text NOT NULL CHECK (kind IN ('down_payment', 'instalment')),
        due_date date NOT NULL,
        amount_cents bigint NOT NULL CHECK (amount_cents > 0),
        paid_cents bigint NOT NULL CHECK (paid_cents >= 0 AND paid_cents <= amount_cents),
        paid_at timestamptz,
        PRIMARY KEY (payment_plan_id, number)
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE collections.payment_plan_instalments`);
    await queryRunner.query(`DROP TABLE collections.payment_plan_invoices`);
    await queryRunner.query(`DROP TABLE collections.payment_plans`);
  }
}
