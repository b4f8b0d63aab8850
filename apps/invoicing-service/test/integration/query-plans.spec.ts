import { multiplyRows, planOf, queriesDuring, readsOf, sequentiallyScanned, testServiceMigrationDatabaseUrl } from '@mb/testing';
import { InvoicingTestKit, type InvoiceJson } from './invoicing-test-kit';

// The tables that grow with the business: a read of one of them must never scan it whole.
const GROWING_TABLES = ['contracts', 'invoices', 'invoice_lines', 'milestone_acceptances', 'payments', 'payment_allocations', 'credit_notes'];
const COPIES = 3000;

describe('invoicing-service reads use indexes, whatever the number of invoices', () => {
  let kit: InvoicingTestKit;
  let contractId: string;
  let clientId: string;
  let invoice: InvoiceJson;

  beforeAll(async () => {
    kit = await InvoicingTestKit.start();
    const active = await kit.anActiveContract();
    contractId = active.contractId;
    clientId = active.contract.client_id as string;
    invoice = await kit.issued(contractId, 1, 750_000);
    // given thousands of contracts with their invoices like these beside them
    await multiplyRows(
      testServiceMigrationDatabaseUrl('invoicing-service'),
      'invoicing',
      [
        { table: 'contracts', column: 'contract_id', values: [contractId] },
        { table: 'invoices', column: 'contract_id', values: [contractId] },
      ],
      ['id', 'contract_id', 'client_id', 'number', 'milestone_id'],
      COPIES,
    );
  });

  afterAll(async () => {
    await kit?.close();
  });

  const reads: [string, () => string][] = [
    ['GET an invoice', () => `/v1/invoices/${invoice.id}`],
    ["GET a contract's invoices", () => `/v1/invoices?contract_id=${contractId}`],
    ["GET a contract's financial status", () => `/v1/contracts/${contractId}/financial-status`],
    ["GET a client's balances", () => `/v1/clients/${clientId}/balances`],
  ];

  it.each(reads)('%s reads the growing tables through indexes only', async (_name, url) => {
    // when the API call runs
    let status = 0;
    const dataSource = kit.service.runtime.dataSource;
    const queries = await queriesDuring(dataSource, async () => {
      status = (await kit.request('GET', url())).status;
    });
    expect(status).toBe(200);
    // then every statement it sent to a growing table is planned without a sequential scan of one
    const selects = readsOf(queries, 'invoicing', GROWING_TABLES);
    expect(selects.length).toBeGreaterThan(0);
    for (const query of selects) {
      expect({ sql: query.sql, scanned: sequentiallyScanned(await planOf(dataSource, query), GROWING_TABLES) }).toEqual({ sql: query.sql, scanned: [] });
    }
  });
});
