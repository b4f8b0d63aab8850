import { MigrationInterface, QueryRunner } from 'typeorm';

/** Issue 12 "Trust": a subscription made by (or for) one client receives only that client's events. */
export class ClientScopedWebhookSubscriptions1765200000000 implements MigrationInterface {
  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE notification.webhook_subscriptions ADD COLUMN client_id text`);
    await queryRunner.query(`CREATE INDEX webhook_subscriptions_client_id ON notification.webhook_subscriptions (client_id)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE notification.webhook_subscriptions DROP COLUMN client_id`);
  }
}
