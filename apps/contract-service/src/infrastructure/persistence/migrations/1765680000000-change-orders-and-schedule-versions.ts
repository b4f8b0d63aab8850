import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 14 "Change orders": whether a contract lets the supplier change it without the client's
 * approval (false for every contract signed before, as none agreed to it); the change orders; and
 * every schedule version as it was agreed, the terms in full as JSON with who approved it. The
 * versions table is filled here for the existing contracts (their version 1, as created).
 */
export class ChangeOrdersAndScheduleVersions1765680000000 implements MigrationInterface {
  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE contract.contracts ADD COLUMN allows_unilateral_changes boolean NOT NULL DEFAULT false`);
    await queryRunner.query(`
      CREATE TABLE contract.change_orders (
        id text PRIMARY KEY CHECK (id ~ '^chg_[0-9A-Za-z]+$'),
        contract_id text NOT NULL REFERENCES contract.contracts (id),
        client_id text NOT NULL REFERENCES contract.clients (id),
        status text NOT NULL CHECK (status IN ('proposed', 'approved', 'rejected', 'expired')),
        apply text NOT NULL CHECK (apply IN ('on_client_approval', 'unilateral')),
        reason text NOT NULL CHECK (length(reason) > 0),
        base_schedule_version integer NOT NULL CHECK (base_schedule_version >= 1),
        previous_total_value_cents bigint NOT NULL,
        previous_net_days integer NOT NULL,
        total_value_cents bigint NOT NULL CHECK (total_value_cents > 0),
        net_days integer NOT NULL CHECK (net_days >= 0),
        milestones jsonb NOT NULL,
        milestone_changes jsonb NOT NULL,
        warnings jsonb NOT NULL DEFAULT '[]',
        proposed_by text NOT NULL,
        proposed_at timestamptz NOT NULL,
        respond_by timestamptz,
        decided_by text,
        decided_at timestamptz,
        rejection_reason text,
        resulting_schedule_version integer,
        updated_at timestamptz NOT NULL,
        version integer NOT NULL DEFAULT 1,
        CHECK ((apply = 'unilateral') = (respond_by IS NULL)),
        CHECK ((status = 'approved') = (resulting_schedule_version IS NOT NULL))
      )`);
    await queryRunner.query(`CREATE INDEX change_orders_contract_idx ON contract.change_orders (contract_id, proposed_at)`);
    // One open change order per contract: a second would be built on a schedule the first may change.
    await queryRunner.query(`CREATE UNIQUE INDEX change_orders_one_open_per_contract ON contract.change_orders (contract_id) WHERE status = 'proposed'`);
    await queryRunner.query(`
      CREATE TABLE contract.contract_schedule_versions (
        contract_id text NOT NULL REFERENCES contract.contracts (id),
        schedule_version integer NOT NULL CHECK (schedule_version >= 1),
        terms jsonb NOT NULL,
        change_order_id text REFERENCES contract.change_orders (id),
        approval text CHECK (approval IN ('client', 'unilateral')),
        approved_by text,
        created_at timestamptz NOT NULL,
        PRIMARY KEY (contract_id, schedule_version),
        CHECK ((schedule_version = 1) = (change_order_id IS NULL)),
        CHECK ((change_order_id IS NULL) = (approval IS NULL) AND (approval IS NULL) = (approved_by IS NULL))
      )`);
    await queryRunner.query(`
      INSERT INTO contract.contract_schedule_versions (contract_id, schedule_version, terms, created_at)
      SELECT c.id, c.schedule_version,
        jsonb_build_object(
          'title', c.title, 'currency', c.currency, 'total_value_cents', c.total_value_cents, 'net_days', c.net_days,
          'tax_rate_bps', c.tax_rate_bps, 'retainage_bps', c.retainage_bps, 'purchase_order_ref', c.purchase_order_ref,
          'advance_notice_days', c.advance_notice_days, 'retainage_release_date', c.retainage_release_date,
          'warnings', c.warnings,
          'milestones', (
            SELECT coalesce(jsonb_agg(jsonb_build_object(
              'milestone_index', m.milestone_index, 'title', m.title, 'acceptance_criteria', m.acceptance_criteria,
              'deliverables', m.deliverables, 'amount_cents', m.amount_cents, 'amount_bps', m.amount_bps,
              'billing_trigger', m.billing_trigger, 'planned_date', m.planned_date,
              'approval_window_days', m.approval_window_days, 'deemed_acceptance', m.deemed_acceptance,
              'payout_destination', CASE WHEN m.payout_account_token IS NULL THEN NULL
                ELSE jsonb_build_object('account_token', m.payout_account_token, 'auto_clear', m.payout_auto_clear) END
            ) ORDER BY m.milestone_index), '[]'::jsonb)
            FROM contract.contract_milestones m WHERE m.contract_id = c.id AND m.schedule_version = c.schedule_version
          )
        ),
        c.created_at
      FROM contract.contracts c`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE contract.contract_schedule_versions');
    await queryRunner.query('DROP TABLE contract.change_orders');
    await queryRunner.query('ALTER TABLE contract.contracts DROP COLUMN allows_unilateral_changes');
  }
}
