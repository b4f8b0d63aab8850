import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 9 "Business dates in the client's time zone": the contracts invoicing keeps remember their
 * client's IANA time zone (contract.activated's client_time_zone), and each invoice carries it from
 * its draft on, for its issue date, its due date and when it falls overdue. Rows from before keep
 * UTC, the zone their dates were kept in.
 */
export class ClientTimeZone1764900000000 implements MigrationInterface {
  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE invoicing.contracts ADD COLUMN client_time_zone text NOT NULL DEFAULT 'UTC'`);
    await queryRunner.query(`ALTER TABLE invoicing.invoices ADD COLUMN client_time_zone text NOT NULL DEFAULT 'UTC'`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE invoicing.invoices DROP COLUMN client_time_zone`);
    await queryRunner.query(`ALTER TABLE invoicing.contracts DROP COLUMN client_time_zone`);
  }
}
