import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 9 "Advance notices" and "Delays": what a milestone needs to know of its contract to announce
 * its planned date (the payment terms and the advance notice period, from contract.activated), which
 * planned date each announcement went out for (once per date; moving the date clears them), and the
 * history of planned-date moves with their reasons. Milestones scheduled earlier keep the default
 * notice period and no payment terms (their advance notice then names no due date).
 */
export class PlannedDates1764720000000 implements MigrationInterface {
  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      ALTER TABLE milestone.milestones
        ADD COLUMN net_days               integer CONSTRAINT milestones_net_days_not_negative CHECK (net_days >= 0),
        ADD COLUMN advance_notice_days    integer NOT NULL DEFAULT 7 CONSTRAINT milestones_advance_notice_days_not_negative CHECK (advance_notice_days >= 0),
        ADD COLUMN due_soon_announced_for date,
        ADD COLUMN delay_announced_for    date`);
    await queryRunner.query(`
      CREATE TABLE milestone.planned_date_changes (
        id           text PRIMARY KEY,
        milestone_id text NOT NULL REFERENCES milestone.milestones (id),
        from_date    date,
        to_date      date NOT NULL,
        reason       text NOT NULL CHECK (reason <> ''),
        changed_at   timestamptz NOT NULL
      )`);
    await queryRunner.query(`CREATE INDEX planned_date_changes_milestone_idx ON milestone.planned_date_changes (milestone_id, changed_at)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE milestone.planned_date_changes`);
    await queryRunner.query(`
      ALTER TABLE milestone.milestones
        DROP COLUMN delay_announced_for,
        DROP COLUMN due_soon_announced_for,
        DROP COLUMN advance_notice_days,
        DROP COLUMN net_days`);
  }
}
