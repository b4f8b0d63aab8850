import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 11 item 6: money a collection agency recovers is recorded as the client's payment with the
 * method `collection_agency` (collections-service records it through the payments API). Refunds
 * share the list of methods, so they take it too.
 */
export class CollectionAgencyPaymentMethod1765630000001 implements MigrationInterface {
  async up(queryRunner: QueryRunner): Promise<void> {
    for (const table of ['payments', 'refunds']) {
      await queryRunner.query(`ALTER TABLE invoicing.${table} DROP CONSTRAINT ${table}_method_check`);
      await queryRunner.query(
        `ALTER TABLE invoicing.${table} ADD CONSTRAINT ${table}_method_check CHECK (method IN ('bank_transfer', 'card', 'cheque', 'collection_agency', 'other'))`,
      );
    }
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of ['payments', 'refunds']) {
      await queryRunner.query(`ALTER TABLE invoicing.${table} DROP CONSTRAINT ${table}_method_check`);
      await queryRunner.query(`ALTER TABLE invoicing.${table} ADD CONSTRAINT ${table}_method_check CHECK (method IN ('bank_transfer', 'card', 'cheque', 'other'))`);
    }
  }
}
