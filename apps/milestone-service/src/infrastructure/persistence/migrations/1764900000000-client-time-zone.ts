import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 9 "Business dates in the client's time zone": each milestone keeps its client's IANA time
 * zone from contract.activated, so its planned date's notice, delay and billing date begin at the
 * client's midnight. Milestones scheduled before keep UTC, the zone their timers were set in.
 */
export class ClientTimeZone1764900000000 implements MigrationInterface {
  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE milestone.milestones ADD COLUMN client_time_zone text NOT NULL DEFAULT 'UTC'`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE milestone.milestones DROP COLUMN client_time_zone`);
  }
}
