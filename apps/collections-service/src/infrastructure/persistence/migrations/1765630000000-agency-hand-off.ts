import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 11 items 6 and 7: a case can be handed to a collection agency (status handed_off, with who,
 * to whom and why, and the case file built then, stored whole with its digests), the agency's
 * recoveries are kept with their fee apart from the payment recorded in invoicing, and a case
 * written off by hand keeps who did it and why. Separate tables keep the cases table as it is.
 */
export class AgencyHandOff1765630000000 implements MigrationInterface {
  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE collections.cases DROP CONSTRAINT cases_status_check`);
    await queryRunner.query(`ALTER TABLE collections.cases ADD CONSTRAINT cases_status_check CHECK (status IN ('open', 'handed_off', 'closed'))`);
    await queryRunner.query(`
      CREATE TABLE collections.case_hand_offs (
        case_id text PRIMARY KEY REFERENCES collections.cases (id),
        agency text NOT NULL CHECK (agency <> ''),
        reason text NOT NULL CHECK (reason <> ''),
        handed_off_by text NOT NULL,
        handed_off_at timestamptz NOT NULL
      )`);
    await queryRunner.query(`
      CREATE TABLE collections.case_closures (
        case_id text PRIMARY KEY REFERENCES collections.cases (id),
        closed_by text NOT NULL,
        reason text NOT NULL CHECK (reason <> '')
      )`);
    // The zip is kept whole: it is what the agency got, and its digest is in collections.handed_off.
    await queryRunner.query(`
      CREATE TABLE collections.case_files (
        id text PRIMARY KEY,
        case_id text NOT NULL UNIQUE REFERENCES collections.cases (id),
        content bytea NOT NULL,
        sha256 text NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),
        manifest_sha256 text NOT NULL CHECK (manifest_sha256 ~ '^[0-9a-f]{64}$'),
        size_bytes integer NOT NULL CHECK (size_bytes > 0),
        built_at timestamptz NOT NULL
      )`);
    await queryRunner.query(`
      CREATE TABLE collections.agency_recoveries (
        id text PRIMARY KEY,
        case_id text NOT NULL REFERENCES collections.cases (id),
        agency text NOT NULL,
        payment_id text NOT NULL,
        currency text NOT NULL,
        gross_cents bigint NOT NULL CHECK (gross_cents > 0),
        agency_fee_cents bigint NOT NULL CHECK (agency_fee_cents >= 0 AND agency_fee_cents <= gross_cents),
        received_on date NOT NULL,
        external_reference text NOT NULL,
        recorded_by text NOT NULL,
        recorded_at timestamptz NOT NULL,
        UNIQUE (case_id, external_reference)
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE collections.agency_recoveries`);
    await queryRunner.query(`DROP TABLE collections.case_files`);
    await queryRunner.query(`DROP TABLE collections.case_closures`);
    await queryRunner.query(`DROP TABLE collections.case_hand_offs`);
    await queryRunner.query(`ALTER TABLE collections.cases DROP CONSTRAINT cases_status_check`);
    await queryRunner.query(`ALTER TABLE collections.cases ADD CONSTRAINT cases_status_check CHECK (status IN ('open', 'closed'))`);
  }
}
