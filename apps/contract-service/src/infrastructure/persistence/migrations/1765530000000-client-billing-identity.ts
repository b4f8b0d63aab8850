import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 10 items 4 and 5: who the client is on an e-invoice, all optional. The billing address
 * (street, city, postal_code, country_code) as one jsonb value, its VAT id, and its Peppol
 * participant id (scheme:identifier) where its e-invoices go.
 */
export class ClientBillingIdentity1765530000000 implements MigrationInterface {
  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE contract.clients
       ADD COLUMN billing_address jsonb CONSTRAINT clients_billing_address_has_a_country CHECK (billing_address IS NULL OR billing_address ? 'countryCode'),
       ADD COLUMN vat_id text,
       ADD COLUMN peppol_id text CONSTRAINT clients_peppol_id_is_scheme_and_id CHECK (position(':' in peppol_id) > 1)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE contract.clients DROP COLUMN billing_address, DROP COLUMN vat_id, DROP COLUMN peppol_id`);
  }
}
