import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 10 "Retainage released" and "a draft of a cancelled or terminated milestone is discarded":
 *
 * - An invoice has a kind: a milestone's, or a retainage release billing the retainage withheld on
 *   earlier invoices of the contract, which bills no milestone (milestone_index and _title null)
 *   and names the invoices it releases (released_invoices, as its lines do).
 * - retainage_releases holds, per invoice whose retainage was billed, the release that billed it:
 *   its primary key is what makes each withheld amount released exactly once, whatever path
 *   (final acceptance, the release date, a redelivery, two at once) tries it again.
 * - `discarded` joins the statuses (after 1765510000000's `credited`): a draft whose milestone was
 *   cancelled, never numbered.
 * - contracts keep the retainage release date the contract set (contract events'
 *   retainage_release_date) and when the contract was terminated (contract.terminated).
 */
export class RetainageReleaseAndDiscardedDrafts1765540000000 implements MigrationInterface {
  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      ALTER TABLE invoicing.invoices
        ADD COLUMN kind text NOT NULL DEFAULT 'milestone' CONSTRAINT invoices_kind_check CHECK (kind IN ('milestone', 'retainage_release')),
        ADD COLUMN released_invoices jsonb NOT NULL DEFAULT '[]',
        ALTER COLUMN milestone_index DROP NOT NULL,
        ALTER COLUMN milestone_title DROP NOT NULL,
        ADD CONSTRAINT invoices_milestone_of_kind CHECK (
          (kind = 'milestone' AND milestone_index IS NOT NULL AND milestone_title IS NOT NULL)
          OR (kind = 'retainage_release' AND milestone_index IS NULL AND milestone_title IS NULL)
        )`);
    await queryRunner.query(`ALTER TABLE invoicing.invoices DROP CONSTRAINT invoices_status_check`);
    await queryRunner.query(`
      ALTER TABLE invoicing.invoices ADD CONSTRAINT invoices_status_check
        CHECK (status IN ('draft', 'discarded', 'open', 'paid', 'credited', 'void', 'uncollectible'))`);
    // The check of 1763856000000 that an issued invoice has its number and dates: a discarded draft,
    // like a draft, has none. It was left unnamed, and PostgreSQL numbered it among the table's other
    // unnamed checks (invoices_check, _check1 ...), so it is found by what it says.
    await queryRunner.query(`
      DO $$
      DECLARE
        issued_check text;
      BEGIN
        SELECT conname INTO STRICT issued_check FROM pg_constraint
         WHERE conrelid = 'invoicing.invoices'::regclass AND contype = 'c'
           AND pg_get_constraintdef(oid) LIKE '%number IS NOT NULL%issue_date IS NOT NULL%due_date IS NOT NULL%';
        EXECUTE format('ALTER TABLE invoicing.invoices DROP CONSTRAINT %I', issued_check);
      END;
      $$`);
    await queryRunner.query(`
      ALTER TABLE invoicing.invoices ADD CONSTRAINT invoices_issued_has_number_and_dates
        CHECK (status IN ('draft', 'discarded', 'void') OR (number IS NOT NULL AND issue_date IS NOT NULL AND due_date IS NOT NULL))`);
    await queryRunner.query(`
      CREATE TABLE invoicing.retainage_releases (
        released_invoice_id text PRIMARY KEY REFERENCES invoicing.invoices (id),
        release_invoice_id text NOT NULL REFERENCES invoicing.invoices (id),
        contract_id text NOT NULL REFERENCES invoicing.contracts (contract_id),
        retainage_cents bigint NOT NULL CHECK (retainage_cents > 0),
        recorded_at timestamptz NOT NULL DEFAULT now(),
        CHECK (released_invoice_id <> release_invoice_id)
      )`);
    await queryRunner.query(`CREATE INDEX retainage_releases_contract ON invoicing.retainage_releases (contract_id)`);
    await queryRunner.query(`
      ALTER TABLE invoicing.contracts
        ADD COLUMN retainage_release_date date,
        ADD COLUMN terminated_at timestamptz,
        ADD COLUMN termination_reason text`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE invoicing.contracts DROP COLUMN termination_reason, DROP COLUMN terminated_at, DROP COLUMN retainage_release_date`);
    await queryRunner.query(`DROP TABLE invoicing.retainage_releases`);
    await queryRunner.query(`DELETE FROM invoicing.invoices WHERE status = 'discarded' OR kind = 'retainage_release'`);
    await queryRunner.query(`ALTER TABLE invoicing.invoices DROP CONSTRAINT invoices_issued_has_number_and_dates`);
    await queryRunner.query(`
      ALTER TABLE invoicing.invoices ADD CONSTRAINT invoices_issued_has_number_and_dates
        CHECK (status IN ('draft', 'void') OR (number IS NOT NULL AND issue_date IS NOT NULL AND due_date IS NOT NULL))`);
    await queryRunner.query(`ALTER TABLE invoicing.invoices DROP CONSTRAINT invoices_status_check`);
    await queryRunner.query(`ALTER TABLE invoicing.invoices ADD CONSTRAINT invoices_status_check CHECK (status IN ('draft', 'open', 'paid', 'credited', 'void', 'uncollectible'))`);
    await queryRunner.query(`
      ALTER TABLE invoicing.invoices
        DROP CONSTRAINT invoices_milestone_of_kind,
        ALTER COLUMN milestone_title SET NOT NULL,
        ALTER COLUMN milestone_index SET NOT NULL,
        DROP COLUMN released_invoices,
        DROP COLUMN kind`);
  }
}
