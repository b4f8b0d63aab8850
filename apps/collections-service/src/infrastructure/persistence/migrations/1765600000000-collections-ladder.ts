import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 11 "A ladder that moves": a case keeps the ladder it opened with, when it entered its
 * stage, the client's zone, its holds and promises to pay (small lists read with the case, kept as
 * JSON on it), and which of its invoices are disputed; cases may be handed off. The receivable
 * ledger knows every invoice from its issue; the dunning ladder is configured per account and per
 * client; the client's zone comes from its contract.
 */
export class CollectionsLadder1765600000000 implements MigrationInterface {
  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE collections.cases DROP CONSTRAINT IF EXISTS cases_status_check`);
    await queryRunner.query(`ALTER TABLE collections.cases ADD CONSTRAINT cases_status_check CHECK (status IN ('open', 'handed_off', 'closed'))`);
    await queryRunner.query(`ALTER TABLE collections.cases ADD COLUMN stage_entered_at timestamptz`);
    await queryRunner.query(`UPDATE collections.cases SET stage_entered_at = opened_at`);
    await queryRunner.query(`ALTER TABLE collections.cases ALTER COLUMN stage_entered_at SET NOT NULL`);
    // Cases opened before the ladder was configurable ran on the default ladder of the time.
    await queryRunner.query(`ALTER TABLE collections.cases ADD COLUMN ladder jsonb NOT NULL DEFAULT '${JSON.stringify(LADDER_BEFORE_ISSUE_11)}'::jsonb`);
    await queryRunner.query(`ALTER TABLE collections.cases ALTER COLUMN ladder DROP DEFAULT`);
    await queryRunner.query(`ALTER TABLE collections.cases ADD COLUMN client_time_zone text NOT NULL DEFAULT 'UTC'`);
    await queryRunner.query(`ALTER TABLE collections.cases ADD COLUMN holds jsonb NOT NULL DEFAULT '[]'::jsonb`);
    await queryRunner.query(`ALTER TABLE collections.cases ADD COLUMN promises jsonb NOT NULL DEFAULT '[]'::jsonb`);
    await queryRunner.query(`ALTER TABLE collections.case_invoices ADD COLUMN disputed boolean NOT NULL DEFAULT false`);
    await queryRunner.query(`
      CREATE TABLE collections.receivables (
        invoice_id text PRIMARY KEY,
        client_id text,
        contract_id text,
        invoice_number text,
        currency text,
        amount_due_cents bigint CHECK (amount_due_cents >= 0),
        due_date date,
        reduced_cents bigint NOT NULL DEFAULT 0 CHECK (reduced_cents >= 0),
        closed_as text CHECK (closed_as IN ('settled', 'written_off')),
        issued_at timestamptz,
        updated_at timestamptz NOT NULL
      )`);
    await queryRunner.query(`CREATE INDEX receivables_by_client ON collections.receivables (client_id)`);
    await queryRunner.query(`
      CREATE TABLE collections.dunning_ladders (
        scope text PRIMARY KEY,
        stages jsonb NOT NULL,
        updated_at timestamptz NOT NULL,
        updated_by text NOT NULL
      )`);
    await queryRunner.query(`CREATE TABLE collections.client_time_zones (client_id text PRIMARY KEY, time_zone text NOT NULL, updated_at timestamptz NOT NULL)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE collections.client_time_zones`);
    await queryRunner.query(`DROP TABLE collections.dunning_ladders`);
    await queryRunner.query(`DROP TABLE collections.receivables`);
    await queryRunner.query(`ALTER TABLE collections.case_invoices DROP COLUMN disputed`);
    await queryRunner.query(`ALTER TABLE collections.cases DROP COLUMN promises, DROP COLUMN holds, DROP COLUMN client_time_zone, DROP COLUMN ladder, DROP COLUMN stage_entered_at`);
    await queryRunner.query(`ALTER TABLE collections.cases DROP CONSTRAINT cases_status_check`);
    await queryRunner.query(`ALTER TABLE collections.cases ADD CONSTRAINT cases_status_check CHECK (status IN ('open', 'closed'))`);
  }
}

const LADDER_BEFORE_ISSUE_11 = [
  { stage: 'friendly_reminder', dayOffset: 1, template: 'friendly', channel: 'email', pausesForDecision: false },
  { stage: 'firm_notice', dayOffset: 15, template: 'firm', channel: 'email', pausesForDecision: false },
  { stage: 'final_demand', dayOffset: 30, template: 'final', channel: 'email', pausesForDecision: false },
  { stage: 'agency_handoff', dayOffset: 60, template: 'handoff', channel: 'email', pausesForDecision: true },
  { stage: 'write_off_proposal', dayOffset: 90, template: 'final', channel: 'none', pausesForDecision: true },
];
