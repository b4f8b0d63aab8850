import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 14 groundwork: each milestone's status as contract-service last heard it from
 * milestone.status_updated, one row per milestone of a contract. milestone_version (the event's
 * `version`, when it has one) keeps a late transition from rolling a status back; last_event_id
 * names the event that told it.
 */
export class MilestoneProgress1765670000000 implements MigrationInterface {
  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE contract.milestone_progress (
       contract_id       text        NOT NULL,
       milestone_index   integer     NOT NULL CHECK (milestone_index >= 1),
       milestone_id      text,
       status            text        NOT NULL CHECK (status IN ('planned', 'in_progress', 'submitted', 'approved', 'rejected',
                                                               'triggered_for_disbursement', 'invoiced', 'paid', 'cancelled')),
       milestone_version integer,
       updated_at        timestamptz NOT NULL,
       last_event_id     text        NOT NULL,
       PRIMARY KEY (contract_id, milestone_index)
     )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE contract.milestone_progress`);
  }
}
