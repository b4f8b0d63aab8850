import { bootstrapService, BootstrappedService } from '@mb/platform';
import {
  injectAs,
  multiplyRows,
  planOf,
  queriesDuring,
  readsOf,
  sequentiallyScanned,
  testAuthEnvironment,
  testServiceEnvironment,
  testServiceMigrationDatabaseUrl,
  uniqueName,
} from '@mb/testing';
import { contractServiceDefinition } from '../../src/contract-service.definition';
import { referenceMilestones } from './contract-test-kit';

// The tables that grow with the business: a read of one of them must never scan it whole.
const GROWING_TABLES = ['clients', 'contracts', 'contract_milestones', 'contract_schedule_versions', 'milestone_progress', 'change_orders'];
const COPIES = 5000;

describe('contract-service reads use indexes, whatever the number of contracts', () => {
  let service: BootstrappedService<unknown>;
  let clientId: string;
  let contractId: string;
  let changeOrderId: string;

  beforeAll(async () => {
    service = await bootstrapService(contractServiceDefinition, { ...testServiceEnvironment('contract-service'), ...(await testAuthEnvironment()), LOG_LEVEL: 'warn' });
    const client = await injectAs(service.app, 'admin', { method: 'POST', url: '/v1/clients', payload: { name: uniqueName('Acme Corp'), ap_contact_email: 'ap@acme.example' } });
    clientId = client.json().id;
    const contract = await injectAs(service.app, 'admin', {
      method: 'POST',
      url: '/v1/contracts',
      payload: { client_id: clientId, title: 'Customer portal rebuild', currency: 'usd', total_value_cents: 3_000_000, net_days: 15, milestones: referenceMilestones() },
    });
    contractId = contract.json().id;
    expect((await injectAs(service.app, 'admin', { method: 'POST', url: `/v1/contracts/${contractId}/activate` })).statusCode).toBe(200);
    const changeOrder = await injectAs(service.app, 'admin', {
      method: 'POST',
      url: `/v1/contracts/${contractId}/change-orders`,
      payload: { reason: 'Scope grew', changes: { milestones: [{ kind: 'change', milestone_index: 4, amount_cents: 500_000 }] } },
    });
    expect(changeOrder.statusCode).toBe(201);
    changeOrderId = changeOrder.json().id;
    // and the progress milestone-service announced for each of its milestones (as its consumer keeps it)
    await service.runtime.dataSource.query(
      `INSERT INTO contract.milestone_progress (contract_id, milestone_index, milestone_id, status, milestone_version, updated_at, last_event_id)
       SELECT $1, i, 'ms_' || i, 'in_progress', 2, now(), 'evt_' || i FROM generate_series(1, 4) i`,
      [contractId],
    );
    // given thousands of clients and contracts like these beside them
    await multiplyRows(
      testServiceMigrationDatabaseUrl('contract-service'),
      'contract',
      [
        { table: 'clients', column: 'id', values: [clientId] },
        { table: 'contracts', column: 'id', values: [contractId] },
        { table: 'contract_milestones', column: 'contract_id', values: [contractId] },
        { table: 'change_orders', column: 'id', values: [changeOrderId] },
        { table: 'contract_schedule_versions', column: 'contract_id', values: [contractId] },
        { table: 'milestone_progress', column: 'contract_id', values: [contractId] },
      ],
      ['id', 'client_id', 'contract_id', 'change_order_id'],
      COPIES,
    );
  });

  afterAll(async () => {
    await service?.close();
  });

  const reads: [string, () => string][] = [
    ['GET a client', () => `/v1/clients/${clientId}`],
    ['GET a contract', () => `/v1/contracts/${contractId}`],
    ["GET a client's contracts", () => `/v1/contracts?client_id=${clientId}`],
    ["GET a contract's change orders", () => `/v1/contracts/${contractId}/change-orders`],
    ['GET a change order', () => `/v1/change-orders/${changeOrderId}`],
    ["GET a contract's schedule versions", () => `/v1/contracts/${contractId}/versions`],
    ['GET one schedule version', () => `/v1/contracts/${contractId}/versions/1`],
  ];

  it.each(reads)('%s reads the growing tables through indexes only', async (_name, url) => {
    // when the API call runs
    let status = 0;
    const queries = await queriesDuring(service.runtime.dataSource, async () => {
      status = (await injectAs(service.app, 'admin', { method: 'GET', url: url() })).statusCode;
    });
    expect(status).toBe(200);
    // then every statement it sent to a growing table is planned without a sequential scan of one
    const selects = readsOf(queries, 'contract', GROWING_TABLES);
    expect(selects.length).toBeGreaterThan(0);
    for (const query of selects) {
      expect({ sql: query.sql, scanned: sequentiallyScanned(await planOf(service.runtime.dataSource, query), GROWING_TABLES) }).toEqual({ sql: query.sql, scanned: [] });
    }
  });
});
