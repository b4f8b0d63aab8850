import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 10 item 6: the portfolio-wide invoice list and the receivables reports read across every
 * contract. The list pages by id within a client or a status (keyset pagination); aging and the
 * forecast read open balances grouped by client, currency, zone and due date, which the partial
 * covering index answers without visiting the table; payment habits read paid invoices per client.
 * (Plain CREATE INDEX: migrations run in a transaction; on a large table, build them CONCURRENTLY
 * by hand first, with the same names, and this migration finds them there.)
 */
export class ReceivablesReportIndexes1765550000000 implements MigrationInterface {
  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE INDEX IF NOT EXISTS invoices_client_position ON invoicing.invoices (client_id, contract_id, milestone_index)`);
    await queryRunner.query(`CREATE INDEX IF NOT EXISTS invoices_status_position ON invoicing.invoices (status, contract_id, milestone_index)`);
    await queryRunner.query(`CREATE INDEX IF NOT EXISTS invoices_due_date ON invoicing.invoices (due_date)`);
    await queryRunner.query(`
      CREATE INDEX IF NOT EXISTS invoices_open_balances ON invoicing.invoices (client_id, currency, client_time_zone, due_date)
        INCLUDE (payable_cents, amount_paid_cents, amount_credited_cents, client_name) WHERE status = 'open'`);
    await queryRunner.query(`CREATE INDEX IF NOT EXISTS invoices_paid_by_client ON invoicing.invoices (client_id) INCLUDE (due_date, paid_at, client_time_zone) WHERE status = 'paid'`);
    await queryRunner.query(`CREATE INDEX IF NOT EXISTS payment_allocations_for_ratios ON invoicing.payment_allocations (invoice_id) INCLUDE (amount_cents, payment_id, allocated_at)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const index of ['payment_allocations_for_ratios', 'invoices_paid_by_client', 'invoices_open_balances', 'invoices_due_date', 'invoices_status_position', 'invoices_client_position']) {
      await queryRunner.query(`DROP INDEX IF EXISTS invoicing.${index}`);
    }
  }
}
