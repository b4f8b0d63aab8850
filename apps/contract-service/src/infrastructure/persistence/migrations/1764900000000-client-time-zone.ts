import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 9 "Business dates in the client's time zone": each client has an IANA time zone, checked by
 * the domain when it is registered. Clients registered before keep UTC, the zone their dates were
 * kept in until now.
 */
export class ClientTimeZone1764900000000 implements MigrationInterface {
  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      ALTER TABLE contract.clients
        ADD COLUMN time_zone text NOT NULL DEFAULT 'UTC' CONSTRAINT clients_time_zone_not_empty CHECK (time_zone <> '')`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE contract.clients DROP COLUMN time_zone`);
  }
}
