import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 13, concurrent dispatch. A delivery being sent is claimed: the claim's token and the end of
 * its lease, renewed while the send runs. Another instance takes the delivery only once the lease
 * has run out (its holder crashed or froze), never while a send is in flight.
 */
export class DeliveryClaims1765750000000 implements MigrationInterface {
  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE notification.deliveries
       ADD COLUMN claimed_by uuid,
       ADD COLUMN claimed_until timestamptz`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE notification.deliveries DROP COLUMN claimed_by, DROP COLUMN claimed_until`);
  }
}
