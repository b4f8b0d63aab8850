import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * What encrypts the secrets: the service's keyring (WEBHOOK_SECRET_KEYS), handed over by the
 * service definition. Passed in rather than imported, so the migration stays frozen while what it
 * writes is exactly what the running service reads.
 */
export interface SecretSealer {
  seal(plaintext: string, context: string): { keyId: string; ciphertext: Buffer };
  open(sealed: { keyId: string; ciphertext: Buffer }, context: string): string;
}

/**
 * Issue 12 "Secrets at rest": webhook signing secrets encrypted in place (AES-256-GCM under the
 * keyring's current key, the row's id as associated data) and the plain-text column dropped.
 */
export class EncryptedWebhookSecrets1765100000000 implements MigrationInterface {
  readonly name = 'EncryptedWebhookSecrets1765100000000';

  constructor(private readonly sealer?: SecretSealer) {}

  /** The migration as TypeORM builds it (without arguments), encrypting with the sealer given. */
  static sealingWith(sealer: SecretSealer): new () => EncryptedWebhookSecrets1765100000000 {
    return class extends EncryptedWebhookSecrets1765100000000 {
      constructor() {
        super(sealer);
      }
    };
  }

  async up(queryRunner: QueryRunner): Promise<void> {
    const sealer = this.requireSealer();
    await queryRunner.query(`ALTER TABLE notification.webhook_subscriptions ADD COLUMN secret_ciphertext bytea, ADD COLUMN secret_key_id text`);
    const rows: { id: string; secret: string }[] = await queryRunner.query(`SELECT id, secret FROM notification.webhook_subscriptions ORDER BY id FOR UPDATE`);
    for (const row of rows) {
      const sealed = sealer.seal(row.secret, row.id);
      await queryRunner.query(`UPDATE notification.webhook_subscriptions SET secret_ciphertext = $2, secret_key_id = $3, secret = '' WHERE id = $1`, [row.id, sealed.ciphertext, sealed.keyId]);
    }
    await queryRunner.query(`
      ALTER TABLE notification.webhook_subscriptions
        ALTER COLUMN secret_ciphertext SET NOT NULL,
        ALTER COLUMN secret_key_id SET NOT NULL,
        DROP COLUMN secret`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    const sealer = this.requireSealer();
    await queryRunner.query(`ALTER TABLE notification.webhook_subscriptions ADD COLUMN secret text`);
    const rows: { id: string; secret_ciphertext: Buffer; secret_key_id: string }[] = await queryRunner.query(
      `SELECT id, secret_ciphertext, secret_key_id FROM notification.webhook_subscriptions ORDER BY id FOR UPDATE`,
    );
    for (const row of rows) {
      const secret = sealer.open({ keyId: row.secret_key_id, ciphertext: row.secret_ciphertext }, row.id);
      await queryRunner.query(`UPDATE notification.webhook_subscriptions SET secret = $2 WHERE id = $1`, [row.id, secret]);
    }
    await queryRunner.query(`
      ALTER TABLE notification.webhook_subscriptions
        ALTER COLUMN secret SET NOT NULL,
        DROP COLUMN secret_ciphertext,
        DROP COLUMN secret_key_id`);
  }

  private requireSealer(): SecretSealer {
    if (!this.sealer) throw new Error('EncryptedWebhookSecrets1765100000000 needs the keyring: list it as EncryptedWebhookSecrets1765100000000.sealingWith(keyring)');
    return this.sealer;
  }
}
