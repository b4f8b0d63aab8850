import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Clients, contracts and their payment schedules. Milestones are keyed by schedule version so an
 * amendment adds a version and keeps the history (ARCHITECTURE.md "Amendments ... history is kept").
 * Money is bigint cents, percentages integer basis points; never numeric or float.
 */
export class ClientsAndContracts1763856000000 implements MigrationInterface {
  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE contract.clients (
        id text PRIMARY KEY CHECK (id ~ '^cli_[0-9A-Za-z]+$'),
        name text NOT NULL CHECK (length(name) > 0),
        ap_contact_email text NOT NULL CHECK (position('@' in ap_contact_email) > 1),
        created_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL,
        version integer NOT NULL DEFAULT 1
      )`);
    await queryRunner.query(`
      CREATE TABLE contract.contracts (
        id text PRIMARY KEY CHECK (id ~ '^con_[0-9A-Za-z]+$'),
        client_id text NOT NULL REFERENCES contract.clients (id),
        title text NOT NULL CHECK (length(title) > 0),
        currency text NOT NULL CHECK (currency ~ '^[a-z]{3}$'),
        total_value_cents bigint NOT NULL CHECK (total_value_cents > 0),
        net_days integer NOT NULL CHECK (net_days >= 0),
        tax_rate_bps integer NOT NULL CHECK (tax_rate_bps BETWEEN 0 AND 10000),
        retainage_bps integer NOT NULL CHECK (retainage_bps BETWEEN 0 AND 10000),
        purchase_order_ref text,
        status text NOT NULL CHECK (status IN ('draft', 'active', 'completed', 'terminated')),
        schedule_version integer NOT NULL CHECK (schedule_version >= 1),
        warnings jsonb NOT NULL DEFAULT '[]',
        created_at timestamptz NOT NULL,
        activated_at timestamptz,
        completed_at timestamptz,
        terminated_at timestamptz,
        termination_reason text,
        updated_at timestamptz NOT NULL,
        version integer NOT NULL DEFAULT 1
      )`);
    await queryRunner.query(`CREATE INDEX contracts_client_idx ON contract.contracts (client_id, created_at)`);
    await queryRunner.query(`
      CREATE TABLE contract.contract_milestones (
        contract_id text NOT NULL REFERENCES contract.contracts (id),
        schedule_version integer NOT NULL,
        milestone_index integer NOT NULL CHECK (milestone_index >= 1),
        title text NOT NULL CHECK (length(title) > 0),
        acceptance_criteria text NOT NULL,
        deliverables jsonb NOT NULL DEFAULT '[]',
        amount_cents bigint NOT NULL CHECK (amount_cents >= 0),
        amount_bps integer CHECK (amount_bps BETWEEN 0 AND 10000),
        billing_trigger text NOT NULL CHECK (billing_trigger IN ('on_signing', 'on_approval', 'on_completion')),
        planned_date date,
        approval_window_days integer CHECK (approval_window_days >= 1),
        deemed_acceptance boolean NOT NULL,
        payout_account_token text,
        payout_auto_clear boolean,
        PRIMARY KEY (contract_id, schedule_version, milestone_index),
        UNIQUE (contract_id, schedule_version, title),
        CHECK ((payout_account_token IS NULL) = (payout_auto_clear IS NULL))
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE contract.contract_milestones');
    await queryRunner.query('DROP TABLE contract.contracts');
    await queryRunner.query('DROP TABLE contract.clients');
  }
}
