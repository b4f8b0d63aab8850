import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 15 "Client portal": a payment plan may be proposed to the client (and superseded by a
 * newer proposal) before it is agreed, and a client may withdraw its dispute.
 */
export class ProposedPaymentPlansAndWithdrawnDisputes1765710000000 implements MigrationInterface {
  async up(queryRunner: QueryRunner): Promise<void> {
    // Every plan so far was agreed the moment it was made: proposed then, by whoever agreed it.
    await queryRunner.query(`ALTER TABLE collections.payment_plans ADD COLUMN proposed_at timestamptz, ADD COLUMN proposed_by text`);
    await queryRunner.query(`UPDATE collections.payment_plans SET proposed_at = agreed_at, proposed_by = agreed_by`);
    await queryRunner.query(`ALTER TABLE collections.payment_plans ALTER COLUMN proposed_at SET NOT NULL, ALTER COLUMN proposed_by SET NOT NULL`);
    await queryRunner.query(`ALTER TABLE collections.payment_plans ALTER COLUMN agreed_at DROP NOT NULL, ALTER COLUMN agreed_by DROP NOT NULL`);
    await queryRunner.query(`ALTER TABLE collections.payment_plans DROP CONSTRAINT payment_plans_status_check`);
    await queryRunner.query(`
      ALTER TABLE collections.payment_plans
        ADD CONSTRAINT payment_plans_status_check CHECK (status IN ('proposed', 'agreed', 'completed', 'broken', 'superseded')),
        ADD CONSTRAINT payment_plans_agreed_when_not_a_proposal CHECK ((status IN ('proposed', 'superseded')) = (agreed_at IS NULL)),
        ADD CONSTRAINT payment_plans_agreed_by_with_agreed_at CHECK ((agreed_at IS NULL) = (agreed_by IS NULL))`);
    // One proposal per case: a newer one supersedes it, and two made at once cannot both stand.
    await queryRunner.query(`CREATE UNIQUE INDEX payment_plans_one_proposed_per_case ON collections.payment_plans (case_id) WHERE status = 'proposed'`);
    await queryRunner.query(`DROP INDEX collections.payment_plans_by_case`);
    await queryRunner.query(`CREATE INDEX payment_plans_by_case ON collections.payment_plans (case_id, proposed_at)`);

    // A withdrawal ends a dispute as a resolution does: who, when and the optional note go in the
    // resolved_* columns and resolution_note (so "open = not yet ended" keeps holding).
    await queryRunner.query(`ALTER TABLE collections.disputes DROP CONSTRAINT disputes_status_check`);
    await queryRunner.query(`ALTER TABLE collections.disputes ADD CONSTRAINT disputes_status_check CHECK (status IN ('open', 'upheld', 'rejected', 'withdrawn'))`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE collections.disputes DROP CONSTRAINT disputes_status_check`);
    await queryRunner.query(`ALTER TABLE collections.disputes ADD CONSTRAINT disputes_status_check CHECK (status IN ('open', 'upheld', 'rejected'))`);
    await queryRunner.query(`DROP INDEX collections.payment_plans_by_case`);
    await queryRunner.query(`CREATE INDEX payment_plans_by_case ON collections.payment_plans (case_id, agreed_at)`);
    await queryRunner.query(`DROP INDEX collections.payment_plans_one_proposed_per_case`);
    await queryRunner.query(`
      ALTER TABLE collections.payment_plans
        DROP CONSTRAINT payment_plans_agreed_by_with_agreed_at,
        DROP CONSTRAINT payment_plans_agreed_when_not_a_proposal,
        DROP CONSTRAINT payment_plans_status_check`);
    await queryRunner.query(`ALTER TABLE collections.payment_plans ADD CONSTRAINT payment_plans_status_check CHECK (status IN ('agreed', 'completed', 'broken'))`);
    await queryRunner.query(`ALTER TABLE collections.payment_plans ALTER COLUMN agreed_at SET NOT NULL, ALTER COLUMN agreed_by SET NOT NULL`);
    await queryRunner.query(`ALTER TABLE collections.payment_plans DROP COLUMN proposed_by, DROP COLUMN proposed_at`);
  }
}
