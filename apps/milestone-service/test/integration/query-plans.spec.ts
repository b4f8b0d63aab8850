import { newId } from '@mb/kernel';
import { injectAs, multiplyRows, planOf, queriesDuring, readsOf, sequentiallyScanned, testServiceMigrationDatabaseUrl } from '@mb/testing';
import { aContractActivatedFor, eventually, EventPublisher, MilestoneService, startMilestoneService, testKafka } from './milestone-test-kit';

// The tables that grow with the business: a read of one of them must never scan it whole.
const GROWING_TABLES = ['milestones', 'milestone_invoices', 'billing_holds', 'planned_date_changes', 'work_item_links'];
const COPIES = 3000;

describe('milestone-service reads use indexes, whatever the number of milestones', () => {
  let service: MilestoneService;
  let publisher: EventPublisher;
  let contractId: string;
  let milestoneId: string;

  beforeAll(async () => {
    service = await startMilestoneService();
    publisher = await EventPublisher.connect(testKafka());
    contractId = newId('con');
    await publisher.publish(aContractActivatedFor(contractId));
    const milestones = await eventually(
      async () => (await injectAs(service.app, 'admin', { method: 'GET', url: `/v1/contracts/${contractId}/milestones` })).json().data as { id: string }[],
      (found) => found.length === 4,
      `milestones of ${contractId}`,
    );
    milestoneId = milestones[0].id;
    // given thousands of contracts' milestones like these beside them
    await multiplyRows(
      testServiceMigrationDatabaseUrl('milestone-service'),
      'milestone',
      [{ table: 'milestones', column: 'contract_id', values: [contractId] }],
      ['id', 'contract_id', 'client_id'],
      COPIES,
    );
  });

  afterAll(async () => {
    await publisher?.close();
    await service?.close();
  });

  const reads: [string, () => string][] = [
    ['GET a milestone', () => `/v1/milestones/${milestoneId}`],
    ["GET a contract's milestones", () => `/v1/contracts/${contractId}/milestones`],
    ["GET a milestone's billing holds", () => `/v1/milestones/${milestoneId}/billing-holds`],
    ["GET a milestone's planned-date changes", () => `/v1/milestones/${milestoneId}/planned-date-changes`],
    ["GET a milestone's work-item links", () => `/v1/milestones/${milestoneId}/work-item-links`],
  ];

  it.each(reads)('%s reads the growing tables through indexes only', async (_name, url) => {
    // when the API call runs
    let status = 0;
    const dataSource = service.runtime.dataSource;
    const queries = await queriesDuring(dataSource, async () => {
      status = (await injectAs(service.app, 'admin', { method: 'GET', url: url() })).statusCode;
    });
    expect(status).toBe(200);
    // then every statement it sent to a growing table is planned without a sequential scan of one
    const selects = readsOf(queries, 'milestone', GROWING_TABLES);
    expect(selects.length).toBeGreaterThan(0);
    for (const query of selects) {
      expect({ sql: query.sql, scanned: sequentiallyScanned(await planOf(dataSource, query), GROWING_TABLES) }).toEqual({ sql: query.sql, scanned: [] });
    }
  });
});
