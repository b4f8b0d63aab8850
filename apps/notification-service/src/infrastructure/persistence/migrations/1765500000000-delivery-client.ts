import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 12: a client may list its own deliveries, so each delivery records the client of the event
 * it carries. Webhook deliveries planned before keep the event in their body, and get its client
 * here; older email deliveries cannot tell theirs and stay unattributed (staff still see them).
 */
export class DeliveryClient1765500000000 implements MigrationInterface {
  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE notification.deliveries ADD COLUMN client_id text`);
    await queryRunner.query(`UPDATE notification.deliveries
       SET client_id = (payload ->> 'body')::jsonb -> 'data' ->> 'client_id'
       WHERE channel = 'webhook' AND jsonb_typeof(payload -> 'body') = 'string'`);
    await queryRunner.query(`CREATE INDEX deliveries_client_event ON notification.deliveries (client_id, event_id)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX notification.deliveries_client_event`);
    await queryRunner.query(`ALTER TABLE notification.deliveries DROP COLUMN client_id`);
  }
}
