import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Billing holds placed on milestones, kept as history: who placed each, why and when, and who
 * released it and when. At most one hold per milestone is in force (not released).
 */
export class BillingHolds1764500000000 implements MigrationInterface {
  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE milestone.billing_holds (
        id           text PRIMARY KEY,
        milestone_id text NOT NULL REFERENCES milestone.milestones (id),
        reason       text NOT NULL CHECK (reason <> ''),
        placed_by    text NOT NULL CHECK (placed_by <> ''),
        placed_at    timestamptz NOT NULL,
        released_by  text CHECK (released_by <> ''),
        released_at  timestamptz,
        CONSTRAINT billing_holds_released_together CHECK ((released_by IS NULL) = (released_at IS NULL))
      )`);
    await queryRunner.query(`CREATE INDEX billing_holds_milestone_idx ON milestone.billing_holds (milestone_id, placed_at)`);
    await queryRunner.query(`CREATE UNIQUE INDEX billing_holds_one_in_force ON milestone.billing_holds (milestone_id) WHERE released_at IS NULL`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE milestone.billing_holds`);
  }
}
