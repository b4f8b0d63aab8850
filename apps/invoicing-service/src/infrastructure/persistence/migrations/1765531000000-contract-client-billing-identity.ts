import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 10 item 5: the client as an e-invoice names the buyer, from contract.activated (optional
 * fields): its billing address (jsonb: street, city, postalCode, countryCode), VAT id and Peppol
 * participant id. Null for contracts heard of before, and for clients that gave none.
 */
export class ContractClientBillingIdentity1765531000000 implements MigrationInterface {
  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE invoicing.contracts
       ADD COLUMN client_billing_address jsonb,
       ADD COLUMN client_vat_id text,
       ADD COLUMN client_peppol_id text`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE invoicing.contracts DROP COLUMN client_billing_address, DROP COLUMN client_vat_id, DROP COLUMN client_peppol_id`);
  }
}
