import { Client } from 'pg';
import { bootstrapService, type BootstrappedService } from '@mb/platform';
import { testAuthEnvironment, testServiceDatabaseUrl, testServiceEnvironment, testServiceMigrationDatabaseUrl, uniqueName } from '@mb/testing';
import { invoicingServiceDefinition } from '../../src/invoicing-service.definition';

/** One connection as a given role, closed after the test. */
async function connectAs(url: string): Promise<Client> {
  const client = new Client({ connectionString: url });
  await client.connect();
  return client;
}

describe('the invoicing database roles', () => {
  let service: BootstrappedService<unknown>;
  let runtime: Client;
  let owner: Client;

  beforeAll(async () => {
    // the service migrated its schema at start, as its owner
    service = await bootstrapService(invoicingServiceDefinition, { ...testServiceEnvironment('invoicing-service'), ...(await testAuthEnvironment()), LOG_LEVEL: 'warn' });
    runtime = await connectAs(testServiceDatabaseUrl('invoicing-service'));
    owner = await connectAs(testServiceMigrationDatabaseUrl('invoicing-service'));
  });

  afterAll(async () => {
    await runtime?.end();
    await owner?.end();
    await service?.close();
  });

  /** An issued (open) invoice and a payment on it, written as the service writes them: as the runtime role. */
  async function anIssuedInvoiceWithAPayment(): Promise<{ invoiceId: string; paymentId: string }> {
    const contractId = uniqueName('con');
    const invoiceId = uniqueName('inv');
    const paymentId = uniqueName('pay');
    await runtime.query(
      `INSERT INTO invoicing.contracts (contract_id, client_id, title, currency, total_value_cents, net_days, tax_rate_bps, retainage_bps, schedule_version, activated_at)
       VALUES ($1, 'cli_roles', 'Roles', 'usd', 100000, 30, 0, 0, 1, now())`,
      [contractId],
    );
    await runtime.query(
      `INSERT INTO invoicing.invoices (id, number, status, contract_id, client_id, contract_title, milestone_index, milestone_title, currency, net_days,
         tax_rate_bps, retainage_bps, lines, subtotal_cents, tax_cents, retainage_cents, total_cents, payable_cents, issue_date, due_date, version)
       VALUES ($1, $2, 'open', $3, 'cli_roles', 'Roles', 1, 'Deposit', 'usd', 30, 0, 0, '[]', 100000, 0, 0, 100000, 100000, current_date, current_date + 30, 1)`,
      [invoiceId, `INV-ROLES-${invoiceId}`, contractId],
    );
    await runtime.query(
      `INSERT INTO invoicing.payments (id, client_id, currency, amount_cents, received_on, method, external_reference, unapplied_cents, recorded_at)
       VALUES ($1, 'cli_roles', 'usd', 40000, current_date, 'bank_transfer', $1, 0, now())`,
      [paymentId],
    );
    await runtime.query(
      `INSERT INTO invoicing.payment_allocations (id, payment_id, source, invoice_id, contract_id, client_id, currency, amount_cents, allocated_at)
       VALUES ($1, $1, 'payment', $2, $3, 'cli_roles', 'usd', 40000, now())`,
      [paymentId, invoiceId, contractId],
    );
    return { invoiceId, paymentId };
  }

  it("refuses the runtime role an UPDATE of an issued invoice's total", async () => {
    // given an issued invoice
    const { invoiceId } = await anIssuedInvoiceWithAPayment();
    // when the runtime role rewrites its amounts
    const rewrite = runtime.query(`UPDATE invoicing.invoices SET subtotal_cents = 1, total_cents = 1, payable_cents = 1 WHERE id = $1`, [invoiceId]);
    // then the database refuses, and the invoice still says what it said
    await expect(rewrite).rejects.toThrow(/only its status and settlement may change/);
    const { rows } = await runtime.query(`SELECT total_cents FROM invoicing.invoices WHERE id = $1`, [invoiceId]);
    expect(rows).toEqual([{ total_cents: '100000' }]);
  });

  it('lets the runtime role settle an issued invoice, repeating its unchanged number as the repository does', async () => {
    const { invoiceId, paymentId } = await anIssuedInvoiceWithAPayment();
    await runtime.query(
      `UPDATE invoicing.invoices SET number = number, issue_date = issue_date, amount_paid_cents = 40000, payment_ids = ARRAY[$2], version = version + 1 WHERE id = $1`,
      [invoiceId, paymentId],
    );
    const { rows } = await runtime.query(`SELECT amount_paid_cents, version FROM invoicing.invoices WHERE id = $1`, [invoiceId]);
    expect(rows).toEqual([{ amount_paid_cents: '40000', version: 2 }]);
  });

  it('refuses to delete an issued invoice or turn it back into a draft, even to the schema owner', async () => {
    const { invoiceId } = await anIssuedInvoiceWithAPayment();
    await expect(owner.query(`DELETE FROM invoicing.payments WHERE id IN (SELECT payment_id FROM invoicing.payment_allocations WHERE invoice_id = $1)`, [invoiceId])).rejects.toThrow(
      /never changed or deleted/,
    );
    await expect(owner.query(`DELETE FROM invoicing.invoices WHERE id = $1`, [invoiceId])).rejects.toThrow(/never deleted/);
    await expect(runtime.query(`UPDATE invoicing.invoices SET status = 'draft' WHERE id = $1`, [invoiceId])).rejects.toThrow(/never returns to draft/);
  });

  it('refuses the runtime role a DELETE or UPDATE of a payment', async () => {
    // given a recorded payment
    const { paymentId } = await anIssuedInvoiceWithAPayment();
    // when the runtime role deletes it or changes its amount, then it has no privilege to
    await expect(runtime.query(`DELETE FROM invoicing.payments WHERE id = $1`, [paymentId])).rejects.toThrow(/permission denied for table payments/);
    await expect(runtime.query(`UPDATE invoicing.payments SET amount_cents = 1 WHERE id = $1`, [paymentId])).rejects.toThrow(/permission denied for table payments/);
    // and the owner, who has the privilege, is stopped by the trigger
    await expect(owner.query(`UPDATE invoicing.payments SET amount_cents = 1 WHERE id = $1`, [paymentId])).rejects.toThrow(/never changed or deleted/);
  });

  it('refuses the runtime role a DELETE or UPDATE of an allocation or a refund, and the owner too (issue 10)', async () => {
    // given an allocation and a refund
    const { paymentId } = await anIssuedInvoiceWithAPayment();
    const refundId = uniqueName('rfd');
    await runtime.query(
      `INSERT INTO invoicing.refunds (id, client_id, currency, amount_cents, refunded_on, method, unapplied_cents_after, recorded_at)
       VALUES ($1, 'cli_roles', 'usd', 100, current_date, 'cheque', 0, now())`,
      [refundId],
    );
    // then neither can be changed nor deleted by the runtime role (no privilege) nor the owner (trigger)
    for (const [table, id] of [['payment_allocations', paymentId], ['refunds', refundId]]) {
      await expect(runtime.query(`UPDATE invoicing.${table} SET amount_cents = 1 WHERE id = $1`, [id])).rejects.toThrow(new RegExp(`permission denied for table ${table}`));
      await expect(runtime.query(`DELETE FROM invoicing.${table} WHERE id = $1`, [id])).rejects.toThrow(new RegExp(`permission denied for table ${table}`));
      await expect(owner.query(`UPDATE invoicing.${table} SET amount_cents = 1 WHERE id = $1`, [id])).rejects.toThrow(/never changed or deleted/);
      await expect(owner.query(`DELETE FROM invoicing.${table} WHERE id = $1`, [id])).rejects.toThrow(/never changed or deleted/);
    }
  });

  it("refuses a client's external reference twice and a negative credit, whoever writes (issue 10)", async () => {
    const { paymentId } = await anIssuedInvoiceWithAPayment();
    await expect(
      runtime.query(
        `INSERT INTO invoicing.payments (id, client_id, currency, amount_cents, received_on, method, external_reference, unapplied_cents, recorded_at)
         VALUES ($1, 'cli_roles', 'usd', 1, current_date, 'card', $2, 1, now())`,
        [uniqueName('pay'), paymentId],
      ),
    ).rejects.toThrow(/payments_client_external_reference/);
    await expect(
      runtime.query(`INSERT INTO invoicing.client_balances (client_id, currency, unapplied_cents) VALUES ($1, 'usd', -1)`, [uniqueName('cli')]),
    ).rejects.toThrow(/check constraint/);
  });

  it('refuses the runtime role any DDL: no DROP, no CREATE in its schema, no ALTER', async () => {
    await expect(runtime.query(`DROP TABLE invoicing.payments`)).rejects.toThrow(/must be owner of table payments/);
    await expect(runtime.query(`CREATE TABLE invoicing.smuggled (id int)`)).rejects.toThrow(/permission denied for schema invoicing/);
    await expect(runtime.query(`ALTER TABLE invoicing.invoices DISABLE TRIGGER issued_invoice_is_immutable`)).rejects.toThrow(/must be owner of table invoices/);
    await expect(runtime.query(`CREATE TEMPORARY TABLE scratch (id int)`)).rejects.toThrow(/permission denied to create temporary tables/);
  });

  it("refuses the runtime role every other service's schema", async () => {
    await expect(runtime.query(`SELECT * FROM contract.clients`)).rejects.toThrow(/permission denied for schema contract/);
    await expect(runtime.query(`CREATE TABLE public.smuggled (id int)`)).rejects.toThrow(/permission denied for schema public/);
  });

  it("gives the runtime role DML on pg-boss's tables, which the owner installed", async () => {
    const { rows } = await runtime.query(
      `SELECT c.relname AS table, pg_get_userbyid(c.relowner) AS owner, has_table_privilege('invoicing_service', c.oid, 'INSERT, UPDATE, DELETE') AS writable
         FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE n.nspname = 'invoicing' AND c.relname IN ('job', 'queue', 'version')
        ORDER BY c.relname`,
    );
    expect(rows).toEqual([
      { table: 'job', owner: 'invoicing_owner', writable: true },
      { table: 'queue', owner: 'invoicing_owner', writable: true },
      { table: 'version', owner: 'invoicing_owner', writable: true },
    ]);
  });
});
