import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Milestones as milestone-service keeps them (built from contract.activated), and which invoice
 * billed which milestone (from invoice.issued), so that invoice.paid finds its milestone even when
 * it names only the invoice.
 */
export class Milestones1763856000000 implements MigrationInterface {
  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE milestone.milestones (
        id                   text PRIMARY KEY,
        contract_id          text NOT NULL,
        client_id            text NOT NULL,
        milestone_index      integer NOT NULL CHECK (milestone_index >= 1),
        title                text NOT NULL,
        acceptance_criteria  text NOT NULL,
        amount_cents         bigint NOT NULL CHECK (amount_cents >= 0),
        currency             text NOT NULL CHECK (currency ~ '^[a-z]{3}$'),
        billing_trigger      text NOT NULL CHECK (billing_trigger IN ('on_signing', 'on_approval', 'on_completion')),
        planned_date         date,
        approval_window_days integer CHECK (approval_window_days >= 1),
        deemed_acceptance    boolean NOT NULL,
        payout_destination   jsonb,
        schedule_version     integer NOT NULL CHECK (schedule_version >= 1),
        status               text NOT NULL CHECK (status IN ('planned', 'in_progress', 'submitted', 'approved', 'rejected',
                                                             'triggered_for_disbursement', 'invoiced', 'paid', 'cancelled')),
        evidence_url         text,
        rejection_reason     text,
        cancellation_reason  text,
        started_at           timestamptz,
        submitted_at         timestamptz,
        approval_due_at      timestamptz,
        approved_at          timestamptz,
        rejected_at          timestamptz,
        triggered_at         timestamptz,
        invoiced_at          timestamptz,
        paid_at              timestamptz,
        cancelled_at         timestamptz,
        created_at           timestamptz NOT NULL,
        updated_at           timestamptz NOT NULL,
        version              integer NOT NULL CHECK (version >= 1),
        CONSTRAINT milestones_contract_index_unique UNIQUE (contract_id, milestone_index)
      )`);
    await queryRunner.query(`CREATE INDEX milestones_status_idx ON milestone.milestones (status)`);
    await queryRunner.query(`
      CREATE TABLE milestone.milestone_invoices (
        invoice_id     text PRIMARY KEY,
        invoice_number text NOT NULL,
        milestone_id   text NOT NULL REFERENCES milestone.milestones (id),
        issued_on      date NOT NULL,
        recorded_at    timestamptz NOT NULL
      )`);
    await queryRunner.query(`CREATE INDEX milestone_invoices_milestone_idx ON milestone.milestone_invoices (milestone_id)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE milestone.milestone_invoices`);
    await queryRunner.query(`DROP TABLE milestone.milestones`);
  }
}
