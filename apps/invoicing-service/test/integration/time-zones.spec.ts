import { aBillingTrigger, anActivatedContract, eventually, InvoicingTestKit, type InvoiceJson } from './invoicing-test-kit';

// Issue 9 "Business dates in the client's time zone", against the real PostgreSQL, Kafka and timers.
// The test clock only moves forward from the real now, so the Los Angeles case runs in 2031 (the
// same calendar days as the issue's 2026 example; due-date.spec.ts checks those exact instants).
describe("invoicing service: business dates in the client's time zone", () => {
  let kit: InvoicingTestKit;

  beforeAll(async () => {
    kit = await InvoicingTestKit.start();
  });

  afterAll(async () => {
    await kit?.close();
  });

  async function anActiveContractIn(clientTimeZone: string | undefined) {
    const contract = anActivatedContract(clientTimeZone === undefined ? {} : { client_time_zone: clientTimeZone });
    await kit.publish('contract.activated', contract);
    const contractId = contract.contract_id as string;
    await eventually(() => kit.invoicesOf(contractId), (invoices) => invoices.length === (contract.milestones ?? []).length, `drafts of ${contractId}`);
    return contractId;
  }

  async function issuedInvoice(contractId: string, milestoneIndex: number): Promise<InvoiceJson> {
    const invoices = await eventually(
      () => kit.invoicesOf(contractId),
      (all) => all.find((invoice) => invoice.milestone_index === milestoneIndex)?.status === 'open',
      `milestone ${milestoneIndex} of ${contractId} issued`,
    );
    return invoices.find((invoice) => invoice.milestone_index === milestoneIndex) as InvoiceJson;
  }

  it('dates a Pacific/Auckland client\'s invoice whose trigger occurred at 2026-12-31T23:30Z on 2027-01-01, numbered INV-2027-…', async () => {
    // given a contract of a client in Auckland
    const contractId = await anActiveContractIn('Pacific/Auckland');
    // when a milestone became billable at 23:30 UTC on 31 December 2026 (12:30 on 1 January in Auckland)
    await kit.publish('milestone.status_updated', { ...aBillingTrigger(contractId, 2, 750_000), occurred_at: '2026-12-31T23:30:00Z' });
    // then its invoice is dated 1 January 2027 and numbered in the 2027 series, due 15 days later
    const invoice = await issuedInvoice(contractId, 2);
    expect(invoice).toMatchObject({ issue_date: '2027-01-01', due_date: '2027-01-16' });
    expect(invoice.number).toMatch(/^INV-2027-\d{6}$/);
    const [issued] = await kit.awaitEvents('invoice.issued', contractId, 1);
    expect(issued.data).toMatchObject({ invoice_number: invoice.number, issue_date: '2027-01-01', due_date: '2027-01-16' });
  });

  it('dates the invoice of a contract whose event names no zone (older producers) by UTC', async () => {
    const contractId = await anActiveContractIn(undefined);
    await kit.publish('milestone.status_updated', { ...aBillingTrigger(contractId, 2, 750_000), occurred_at: '2026-12-31T23:30:00Z' });
    const invoice = await issuedInvoice(contractId, 2);
    expect(invoice).toMatchObject({ issue_date: '2026-12-31', due_date: '2027-01-15' });
    expect(invoice.number).toMatch(/^INV-2026-\d{6}$/);
  });

  it("keeps a Los Angeles client's invoice due on 15 June current at 00:30Z on the 16th and announces it overdue at 08:00Z", async () => {
    // given a Los Angeles client's milestone billed at noon on 31 May there (19:00Z), on net-15
    const contractId = await anActiveContractIn('America/Los_Angeles');
    await kit.moveClockTo('2031-05-31T19:00:00Z');
    await kit.publish('milestone.status_updated', aBillingTrigger(contractId, 2, 750_000));
    const invoice = await issuedInvoice(contractId, 2);
    expect(invoice).toMatchObject({ issue_date: '2031-05-31', due_date: '2031-06-15' });
    // then its overdue timer waits for midnight of the 16th in Los Angeles (07:00Z, daylight time)
    expect(await kit.overdueTimerOf(invoice.id)).toEqual({ state: 'created', due_at: '2031-06-16T07:00:00.000Z' });

    // when the clock reaches 00:30Z on the 16th (17:30 on the 15th in Los Angeles)
    await kit.moveClockTo('2031-06-16T00:30:00Z');
    // then the invoice is not overdue: its timer still waits, the API says so, nothing is announced
    expect(await kit.overdueTimerOf(invoice.id)).toMatchObject({ state: 'created' });
    expect((await kit.request('GET', `/v1/invoices/${invoice.id}`)).json()).toMatchObject({ status: 'open', overdue: false });
    expect(kit.eventsOf('invoice.overdue', contractId)).toEqual([]);

    // when the clock reaches 08:00Z on the 16th (01:00 on the 16th in Los Angeles)
    await kit.moveClockTo('2031-06-16T08:00:00Z');
    // then the invoice is announced overdue, one day past due in the client's calendar
    const [overdue] = await kit.awaitEvents('invoice.overdue', contractId, 1);
    expect(overdue.data).toMatchObject({ invoice_id: invoice.id, due_date: '2031-06-15', days_overdue: 1, amount_due_cents: 750_000 });
    await eventually(() => kit.overdueTimerOf(invoice.id), (timer) => timer?.state === 'completed', `the overdue timer of ${invoice.id} done`);
    expect((await kit.request('GET', `/v1/invoices/${invoice.id}`)).json()).toMatchObject({ status: 'open', overdue: true });
  });

  it('keeps the client zone with the contract terms and the invoices', async () => {
    const contractId = await anActiveContractIn('Asia/Kolkata');
    const rows: { contracts: string; invoices: string[] }[] = await kit.service.runtime.dataSource.query(
      `SELECT c.client_time_zone AS contracts, array_agg(DISTINCT i.client_time_zone) AS invoices
         FROM invoicing.contracts c JOIN invoicing.invoices i USING (contract_id)
        WHERE c.contract_id = $1 GROUP BY c.client_time_zone`,
      [contractId],
    );
    expect(rows).toEqual([{ contracts: 'Asia/Kolkata', invoices: ['Asia/Kolkata'] }]);
  });
});
