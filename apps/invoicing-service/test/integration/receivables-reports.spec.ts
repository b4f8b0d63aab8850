import { addDays, calendarDateOf, calendarDaysBetween, newId } from '@mb/kernel';
import { injectAs, metricValue, parsePrometheusText } from '@mb/testing';
import { isoWeekStartOf } from '../../src/domain/receivables/cash-forecast';
import { aBillingTrigger, anActivatedContract, eventually, InvoicingTestKit, type InvoiceJson } from './invoicing-test-kit';

// Issue 10 items 6 and 7, against the real PostgreSQL and Kafka: the portfolio-wide invoice list,
// AR aging, DSO and CEI, unbilled value, the cash-flow forecast (JSON and CSV), and their gauges.
// Every test bills a client of its own (a fresh id), and filters by it: the tables are shared with
// the other tests of the run. Invoices are dated in the past through their trigger's occurred_at
// (the issue date is the client's date of the trigger), so the clock never needs to move.
describe('invoicing service: receivables reports', () => {
  let kit: InvoicingTestKit;

  beforeAll(async () => {
    kit = await InvoicingTestKit.start();
  });

  afterAll(async () => {
    await kit?.close();
  });

  function today(): string {
    return calendarDateOf(kit.service.runtime.clock.now());
  }

  /**
   * A $30,000 contract of the client (milestones of 7,500, 7,500, 10,500 and 4,500 dollars), net-15, no tax, UTC.
   * Its milestones are not planned unless told (the catalogue's example plans them in the past).
   */
  async function aContractOf(clientId: string, currency = 'usd', overrides: Parameters<typeof anActivatedContract>[0] = {}): Promise<string> {
    const base = anActivatedContract();
    const milestones = (base.milestones ?? []).map((milestone) => ({ ...milestone, planned_date: null }));
    const contract = anActivatedContract({ client_id: clientId, client_name: 'Initech, "Ltd"', currency, milestones, ...overrides });
    await kit.publish('contract.activated', contract);
    const contractId = contract.contract_id as string;
    await eventually(() => kit.invoicesOf(contractId), (invoices) => invoices.length === (contract.milestones ?? []).length, `drafts of ${contractId}`);
    return contractId;
  }

  /** Bills a milestone as if it became billable on `issueDate` (so due 15 days later). */
  async function issuedOn(contractId: string, milestoneIndex: number, issueDate: string): Promise<InvoiceJson> {
    await kit.publish('milestone.status_updated', { ...aBillingTrigger(contractId, milestoneIndex, 0), occurred_at: `${issueDate}T12:00:00Z` });
    const invoices = await eventually(
      () => kit.invoicesOf(contractId),
      (all) => all.find((invoice) => invoice.milestone_index === milestoneIndex)?.status !== 'draft',
      `milestone ${milestoneIndex} of ${contractId} issued`,
    );
    const invoice = invoices.find((candidate) => candidate.milestone_index === milestoneIndex) as InvoiceJson;
    expect(invoice).toMatchObject({ issue_date: issueDate, due_date: addDays(issueDate, 15) });
    return invoice;
  }

  async function get(url: string, headers: Record<string, string> = {}) {
    const response = await kit.request('GET', url, undefined, headers);
    return { ...response, text: response.body.toString('utf8') };
  }

  async function getAs(caller: Parameters<typeof injectAs>[1], url: string) {
    const response = await injectAs(kit.service.app, caller, { method: 'GET', url });
    return { status: response.statusCode, json: () => response.json() };
  }

  async function allPages(url: string, limit: number): Promise<{ pages: number; ids: string[] }> {
    const ids: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const response = await get(`${url}&limit=${limit}${cursor ? `&cursor=${cursor}` : ''}`);
      expect(response.status).toBe(200);
      const page = response.json() as { data: { id: string }[]; next_cursor: string | null };
      ids.push(...page.data.map((invoice) => invoice.id));
      cursor = page.next_cursor;
      pages += 1;
    } while (cursor !== null);
    return { pages, ids };
  }

  describe('GET /v1/invoices across the portfolio', () => {
    let clientId: string;
    let dollars: string;
    let euros: string;
    let longOverdue: InvoiceJson;
    let notDueYet: InvoiceJson;
    let overdueEuros: InvoiceJson;

    beforeAll(async () => {
      // given a client with a contract in dollars and one in euros (8 invoices), three of them issued:
      clientId = newId('cli');
      dollars = await aContractOf(clientId, 'usd');
      euros = await aContractOf(clientId, 'eur');
      // one due in August (overdue), one due in 15 days (not yet), one in euros due in October (overdue)
      longOverdue = await issuedOn(dollars, 1, '2026-08-01');
      notDueYet = await issuedOn(dollars, 2, today());
      overdueEuros = await issuedOn(euros, 1, '2026-10-01');
    });

    it("needs no contract: lists the client's invoices of every contract, a page at a time in one stable order, each once", async () => {
      const everything = (await get(`/v1/invoices?client_id=${clientId}&limit=200`)).json() as { data: InvoiceJson[]; next_cursor: string | null };
      expect(everything.data).toHaveLength(8);
      expect(everything.next_cursor).toBeNull();
      expect(new Set(everything.data.map((invoice) => invoice.contract_id))).toEqual(new Set([dollars, euros]));
      // when read three at a time
      const paged = await allPages(`/v1/invoices?client_id=${clientId}`, 3);
      // then three pages give every invoice once, in the one order: by contract, then milestone
      expect(paged.pages).toBe(3);
      expect(paged.ids).toEqual(everything.data.map((invoice) => invoice.id));
      const positions = everything.data.map((invoice) => `${invoice.contract_id}/${invoice.milestone_index}`);
      expect(positions).toEqual([dollars, euros].sort().flatMap((contractId) => [1, 2, 3, 4].map((index) => `${contractId}/${index}`)));
    });

    it('filters by status, currency, due date range and overdue (by the client calendar), combined', async () => {
      const idsOf = async (query: string) => ((await get(`/v1/invoices?client_id=${clientId}&${query}`)).json() as { data: InvoiceJson[] }).data.map((invoice) => invoice.id).sort();
      expect(await idsOf('status=open')).toEqual([longOverdue.id, notDueYet.id, overdueEuros.id].sort());
      expect(await idsOf('status=draft')).toHaveLength(5);
      expect(await idsOf('currency=eur')).toHaveLength(4);
      expect(await idsOf('currency=eur&status=open')).toEqual([overdueEuros.id]);
      expect(await idsOf('due_from=2026-08-01&due_to=2026-08-31')).toEqual([longOverdue.id]);
      expect(await idsOf('overdue=true')).toEqual([longOverdue.id, overdueEuros.id].sort());
      expect(await idsOf('overdue=false')).toHaveLength(6);
      expect(await idsOf(`overdue=true&contract_id=${dollars}`)).toEqual([longOverdue.id]);
      const overdue = (await get(`/v1/invoices?client_id=${clientId}&overdue=true`)).json() as { data: InvoiceJson[] };
      expect(overdue.data.every((invoice) => invoice.overdue === true)).toBe(true);
    });

    it("confines a client-role caller to its own client's invoices", async () => {
      const own = await getAs({ role: 'client', clientId }, '/v1/invoices?status=open');
      expect(own.status).toBe(200);
      expect((own.json() as { data: InvoiceJson[] }).data.map((invoice) => invoice.client_id)).toEqual([clientId, clientId, clientId]);
      const other = await getAs({ role: 'client', clientId: newId('cli') }, `/v1/invoices?client_id=${clientId}`);
      expect(other.json()).toEqual({ data: [], next_cursor: null });
      const unfiltered = await getAs({ role: 'client', clientId: newId('cli') }, '/v1/invoices');
      expect(unfiltered.json()).toEqual({ data: [], next_cursor: null });
    });

    it('refuses a cursor it did not give, a limit over the maximum and a date that is none, naming the field', async () => {
      for (const [query, field] of [
        ['cursor=bm90LWEtY3Vyc29y', 'cursor'],
        ['limit=201', 'limit'],
        ['due_from=2026-02-30', 'due_from'],
        ['overdue=yes', 'overdue'],
        ['status=late', 'status'],
      ]) {
        const response = await get(`/v1/invoices?${query}`);
        expect(response.status).toBe(400);
        expect(response.headers['content-type']).toContain('application/problem+json');
        expect(response.json()).toMatchObject({ code: 'request.invalid', errors: expect.arrayContaining([expect.objectContaining({ field })]) });
      }
    });
  });

  describe('GET /v1/reports/ar-aging', () => {
    let clientId: string;
    let contractId: string;

    beforeAll(async () => {
      // given a client's four invoices, as of 1 December 2026 due:
      clientId = newId('cli');
      contractId = await aContractOf(clientId);
      await issuedOn(contractId, 1, '2026-11-20'); // 5 December: current (7,500)
      const partlyPaid = await issuedOn(contractId, 2, '2026-10-20'); // 4 November: 27 days past due (7,500, 2,500 paid)
      await issuedOn(contractId, 3, '2026-09-10'); // 25 September: 67 days (10,500)
      await issuedOn(contractId, 4, '2026-07-01'); // 16 July: 138 days (4,500)
      expect((await kit.pay({ invoice_id: partlyPaid.id, amount_cents: 250_000, currency: 'usd' })).status).toBe(201);
    });

    it("puts each open balance in its bucket as of a date, and the total is the sum of the client's open balances", async () => {
      const report = (await get(`/v1/reports/ar-aging?client_id=${clientId}&as_of=2026-12-01`)).json();
      const row = {
        client_id: clientId,
        client_name: 'Initech, "Ltd"',
        currency: 'usd',
        current_cents: 750_000,
        days_1_30_cents: 500_000,
        days_31_60_cents: 0,
        days_61_90_cents: 1_050_000,
        days_over_90_cents: 450_000,
        total_cents: 2_750_000,
        invoice_count: 4,
      };
      const { client_id: _client, client_name: _name, ...total } = row;
      expect(report).toMatchObject({ as_of: '2026-12-01', data: [row], totals: [total] });
      // and the total reconciles with the invoices' own balances
      const open = ((await get(`/v1/invoices?client_id=${clientId}&status=open`)).json() as { data: InvoiceJson[] }).data;
      expect(open.reduce((sum, invoice) => sum + invoice.amount_due_cents, 0)).toBe(report.data[0].total_cents);
    });

    it('moves balances to older buckets as the as-of date moves on, and ages as of today by default', async () => {
      // as of 6 December: the one due on the 5th is 1 day past due, the one due 4 November 32 days
      const later = (await get(`/v1/reports/ar-aging?client_id=${clientId}&as_of=2026-12-06`)).json();
      expect(later.data[0]).toMatchObject({ current_cents: 0, days_1_30_cents: 750_000, days_31_60_cents: 500_000, days_61_90_cents: 1_050_000, days_over_90_cents: 450_000 });
      const now = (await get(`/v1/reports/ar-aging?client_id=${clientId}`)).json();
      expect(now).toMatchObject({ as_of: null, data: [{ total_cents: 2_750_000 }] });
    });

    it('answers CSV (RFC 4180) for ?format=csv and for Accept: text/csv, amounts in minor units beside the currency', async () => {
      const expected =
        'client_id,client_name,currency,current_cents,days_1_30_cents,days_31_60_cents,days_61_90_cents,days_over_90_cents,total_cents,invoice_count\r\n' +
        `${clientId},"Initech, ""Ltd""",usd,750000,500000,0,1050000,450000,2750000,4\r\n`;
      const byQuery = await get(`/v1/reports/ar-aging?client_id=${clientId}&as_of=2026-12-01&format=csv`);
      expect(byQuery.status).toBe(200);
      expect(byQuery.headers['content-type']).toMatch(/^text\/csv/);
      expect(byQuery.headers['content-disposition']).toBe('attachment; filename="ar-aging.csv"');
      expect(byQuery.text).toBe(expected);
      const byAccept = await get(`/v1/reports/ar-aging?client_id=${clientId}&as_of=2026-12-01`, { accept: 'text/csv' });
      expect(byAccept.text).toBe(expected);
    });

    it("lets a client read its own aging only, and keeps project managers out of finance's reports", async () => {
      const own = await getAs({ role: 'client', clientId }, '/v1/reports/ar-aging?as_of=2026-12-01');
      expect(own.status).toBe(200);
      expect((own.json() as { data: { client_id: string }[] }).data.map((row) => row.client_id)).toEqual([clientId]);
      const foreign = await getAs({ role: 'client', clientId: newId('cli') }, `/v1/reports/ar-aging?client_id=${clientId}`);
      expect(foreign.json()).toMatchObject({ data: [], totals: [] });
      expect((await getAs({ role: 'client', clientId }, '/v1/reports/cash-flow-forecast')).status).toBe(403);
      expect((await getAs('project_manager', '/v1/reports/ar-aging')).status).toBe(403);
      expect((await getAs('auditor', `/v1/reports/ar-aging?client_id=${clientId}`)).status).toBe(200);
    });
  });

  describe('GET /v1/reports/collection-ratios', () => {
    it('computes DSO and CEI of a period from the invoices issued and the payments received, per currency', async () => {
      // given a client billed 7,500 on 10 September (due the 25th) and 7,500 on 20 October (due 4 November)
      const clientId = newId('cli');
      const contractId = await aContractOf(clientId);
      const first = await issuedOn(contractId, 1, '2026-09-10');
      await issuedOn(contractId, 2, '2026-10-20');
      // when the period is September to November (91 days), before any payment
      const before = (await get(`/v1/reports/collection-ratios?client_id=${clientId}&from=2026-09-01&to=2026-11-30`)).json();
      // then all 15,000 sold is still owed and past due: DSO = 15,000 / 15,000 × 91, CEI = 0 %
      expect(before).toEqual({
        from: '2026-09-01',
        to: '2026-11-30',
        days: 91,
        currencies: [{ currency: 'usd', begin_ar_cents: 0, end_ar_cents: 1_500_000, end_current_ar_cents: 0, credit_sales_cents: 1_500_000, dso_days: 91, cei_percent: 0 }],
      });

      // when the first is paid today, and the period runs from October to today
      expect((await kit.pay({ invoice_id: first.id, amount_cents: 750_000, currency: 'usd' })).status).toBe(201);
      const to = today();
      const days = calendarDaysBetween('2026-10-01', to) + 1;
      const after = (await get(`/v1/reports/collection-ratios?client_id=${clientId}&from=2026-10-01&to=${to}&format=json`)).json();
      // then 7,500 was owed at the start, 7,500 sold in it, 7,500 owed at its end (all past due):
      // DSO = 7,500 / 7,500 × days; CEI = (7,500 + 7,500 − 7,500) / (7,500 + 7,500 − 0) = 50 %
      expect(after.currencies).toEqual([
        { currency: 'usd', begin_ar_cents: 750_000, end_ar_cents: 750_000, end_current_ar_cents: 0, credit_sales_cents: 750_000, dso_days: days, cei_percent: 50 },
      ]);
      const csv = await get(`/v1/reports/collection-ratios?client_id=${clientId}&from=2026-10-01&to=${to}&format=csv`);
      expect(csv.text).toBe(`from,to,days,currency,begin_ar_cents,end_ar_cents,end_current_ar_cents,credit_sales_cents,dso_days,cei_percent\r\n2026-10-01,${to},${days},usd,750000,750000,0,750000,${days},50\r\n`);
    });

    it('refuses a period that ends before it starts (422 naming the field)', async () => {
      const response = await get('/v1/reports/collection-ratios?from=2026-10-01&to=2026-09-30');
      expect(response.status).toBe(422);
      expect(response.json()).toMatchObject({ code: 'report.period_invalid', errors: [{ field: 'to', rule: 'report.period_invalid' }] });
    });
  });

  describe('GET /v1/reports/unbilled', () => {
    it("gives each contract's value, billed and unbilled as the contract's financial status does, a page at a time", async () => {
      // given a client's two contracts, one with its first two milestones billed
      const clientId = newId('cli');
      const billed = await aContractOf(clientId);
      const untouched = await aContractOf(clientId);
      await issuedOn(billed, 1, '2026-11-02');
      await issuedOn(billed, 2, '2026-11-03');
      // when the report is read one contract per page
      const first = (await get(`/v1/reports/unbilled?client_id=${clientId}&limit=1`)).json();
      const second = (await get(`/v1/reports/unbilled?client_id=${clientId}&limit=1&cursor=${first.next_cursor}`)).json();
      expect(second.next_cursor).toBeNull();
      const rows = [...first.data, ...second.data];
      // then the billed contract has 30,000 − 15,000 to bill, the other all of it
      expect(rows.map((row: { contract_id: string }) => row.contract_id)).toEqual([billed, untouched].sort());
      const byContract = Object.fromEntries(rows.map((row: { contract_id: string }) => [row.contract_id, row]));
      expect(byContract[billed]).toMatchObject({ client_id: clientId, currency: 'usd', total_value_cents: 3_000_000, billed_cents: 1_500_000, unbilled_cents: 1_500_000 });
      expect(byContract[untouched]).toMatchObject({ total_value_cents: 3_000_000, billed_cents: 0, unbilled_cents: 3_000_000 });
      // and agrees with the financial status
      expect((await kit.financialStatusOf(billed)).unbilled_cents).toBe(1_500_000);
      // and as CSV, the file holds every contract, whatever the page size
      const csv = await get(`/v1/reports/unbilled?client_id=${clientId}&limit=1`, { accept: 'text/csv' });
      const [header, ...lines] = csv.text.split('\r\n');
      expect(header).toBe('contract_id,client_id,client_name,title,currency,total_value_cents,billed_cents,unbilled_cents');
      const lineOf = (contractId: string) =>
        `${contractId},${clientId},"Initech, ""Ltd""",Customer portal rebuild,usd,3000000,${contractId === billed ? '1500000,1500000' : '0,3000000'}`;
      expect(lines).toEqual([...[billed, untouched].sort().map(lineOf), '']);
    });
  });

  describe('GET /v1/reports/cash-flow-forecast', () => {
    it("expects an open invoice on its due date shifted by the client's average days late, in its ISO week, drafts apart", async () => {
      // given a client that paid an invoice due 16 October today, so N days late on average
      const clientId = newId('cli');
      const contractId = await aContractOf(clientId, 'nzd');
      const paidLate = await issuedOn(contractId, 1, '2026-10-01');
      expect((await kit.pay({ invoice_id: paidLate.id, amount_cents: 750_000, currency: 'nzd' })).status).toBe(201);
      const daysLate = calendarDaysBetween('2026-10-16', today());
      // and an open invoice issued today, due in 15 days
      const open = await issuedOn(contractId, 2, today());
      // when the forecast is taken today
      const forecast = (await get(`/v1/reports/cash-flow-forecast?client_id=${clientId}`)).json();
      // then its 7,500 is expected in the week of due date + N days (or beyond the 13 weeks)
      const expectedOn = addDays(String(open.due_date), daysLate);
      const week = Math.floor(calendarDaysBetween(isoWeekStartOf(today()), expectedOn) / 7);
      expect(forecast.as_of).toBe(today());
      const [nzd] = forecast.currencies;
      expect(nzd.currency).toBe('nzd');
      expect(nzd.weeks).toHaveLength(13);
      expect(nzd.weeks[0].week_start).toBe(isoWeekStartOf(today()));
      const expectedWeeks = nzd.weeks.map((_week: unknown, index: number) => (index === week ? 750_000 : 0));
      expect(nzd.weeks.map((entry: { expected_cents: number }) => entry.expected_cents)).toEqual(expectedWeeks);
      expect(nzd.beyond_horizon_cents).toBe(week >= 13 ? 750_000 : 0);
      // and the two milestones not billed yet are counted apart: 10,500 + 4,500
      expect(nzd).toMatchObject({ draft_count: 2, unscheduled_draft_cents: 1_500_000 });
      const csv = await get(`/v1/reports/cash-flow-forecast?client_id=${clientId}&format=csv`);
      const lines = csv.text.split('\r\n');
      expect(lines[0]).toBe('currency,iso_week,week_start,week_end,expected_cents');
      expect(lines).toHaveLength(15);
    });
    it("places each draft in the week of its milestone's planned date (at activation) + net days + the client's days late; unplanned drafts apart, discarded ones nowhere", async () => {
      // given a contract activated with planned dates: the deposit planned 20 September, two
      // milestones planned 5 and 20 days from today, one not planned, and one planned then cancelled
      const clientId = newId('cli');
      const planned = (milestoneIndex: number, amountCents: number, plannedDate: string | null) => ({
        ...(anActivatedContract().milestones ?? [])[0],
        milestone_index: milestoneIndex,
        title: `Milestone ${milestoneIndex}`,
        amount_cents: amountCents,
        planned_date: plannedDate,
      });
      const contractId = await aContractOf(clientId, 'sek', {
        total_value_cents: 3_200_000,
        milestones: [
          planned(1, 750_000, '2026-09-20'),
          planned(2, 750_000, addDays(today(), 5)),
          planned(3, 1_050_000, addDays(today(), 20)),
          planned(4, 450_000, null),
          planned(5, 200_000, addDays(today(), 5)),
        ],
      });
      // then each draft keeps its planned date
      const plannedDates = async () =>
        (await kit.service.runtime.dataSource.query(
          `SELECT milestone_index, status, to_char(planned_date, 'YYYY-MM-DD') AS planned_date FROM invoicing.invoices WHERE contract_id = $1 ORDER BY milestone_index`,
          [contractId],
        )) as { milestone_index: number; status: string; planned_date: string | null }[];
      expect((await plannedDates()).map((row) => row.planned_date)).toEqual(['2026-09-20', addDays(today(), 5), addDays(today(), 20), null, addDays(today(), 5)]);
      // and, when the deposit is billed on 1 October (due 16 October) and paid today, N days late,
      const deposit = await issuedOn(contractId, 1, '2026-10-01');
      expect((await kit.pay({ invoice_id: deposit.id, amount_cents: 750_000, currency: 'sek' })).status).toBe(201);
      await eventually(() => kit.invoicesOf(contractId), (all) => all.find((invoice) => invoice.milestone_index === 1)?.status === 'paid', 'deposit paid');
      const daysLate = calendarDaysBetween('2026-10-16', today());
      // issuing and settling leave the issued invoice's planned date as it was (the guard allows nothing else)
      expect((await plannedDates())[0]).toMatchObject({ status: 'paid', planned_date: '2026-09-20' });
      // and milestone 5 is cancelled, its draft discarded
      await kit.publish('milestone.status_updated', { ...aBillingTrigger(contractId, 5, 200_000), status: 'cancelled', previous_status: 'in_progress', reason: 'Descoped.' });
      await eventually(() => kit.invoicesOf(contractId), (all) => all.find((invoice) => invoice.milestone_index === 5)?.status === 'discarded', 'milestone 5 discarded');

      // when the forecast is taken today
      const forecast = (await get(`/v1/reports/cash-flow-forecast?client_id=${clientId}`)).json();
      const [sek] = forecast.currencies;
      // then milestone 2 is expected on planned + 15 + N days, milestone 3 likewise, each in its week (or beyond the 13)
      const weekOf = (plannedDate: string) => Math.floor(calendarDaysBetween(isoWeekStartOf(today()), addDays(addDays(plannedDate, 15), daysLate)) / 7);
      const expectedWeeks = new Array<number>(13).fill(0);
      let beyond = 0;
      for (const [plannedDate, cents] of [
        [addDays(today(), 5), 750_000],
        [addDays(today(), 20), 1_050_000],
      ] as const) {
        const week = weekOf(plannedDate);
        if (week >= 13) beyond += cents;
        else expectedWeeks[week] += cents;
      }
      expect(sek.currency).toBe('sek');
      expect(sek.weeks.map((entry: { expected_cents: number }) => entry.expected_cents)).toEqual(expectedWeeks);
      expect(sek.beyond_horizon_cents).toBe(beyond);
      // and the unplanned milestone 4 is counted apart; the discarded draft of milestone 5 nowhere
      expect(sek).toMatchObject({ draft_count: 3, unscheduled_draft_cents: 450_000 });
    });
  });

  it('exposes AR by bucket, DSO and the next 4 weeks of the forecast on GET /metrics, equal to the reports', async () => {
    // given a client billing in Danish kroner (no other test does), one invoice long overdue and one due in 15 days
    const clientId = newId('cli');
    const contractId = await aContractOf(clientId, 'dkk');
    await issuedOn(contractId, 1, '2026-07-01');
    await issuedOn(contractId, 2, today());
    // when the metrics are scraped
    const response = await kit.request('GET', '/metrics');
    expect(response.status).toBe(200);
    const scraped = parsePrometheusText(response.body.toString());
    // then the kroner are in the buckets the aging report gives, and the forecast's 4 weeks match it
    const aging = (await get('/v1/reports/ar-aging?currency=dkk')).json();
    expect(metricValue(scraped, 'mb_receivables_aging_cents', { currency: 'dkk', bucket: 'current' })).toBe(aging.totals[0].current_cents);
    expect(metricValue(scraped, 'mb_receivables_aging_cents', { currency: 'dkk', bucket: 'days_over_90' })).toBe(aging.totals[0].days_over_90_cents);
    expect(metricValue(scraped, 'mb_receivables_aging_cents', { currency: 'dkk' })).toBe(1_500_000);
    const forecast = (await get('/v1/reports/cash-flow-forecast?currency=dkk')).json();
    const nextFour = forecast.currencies[0].weeks.slice(0, 4).reduce((sum: number, week: { expected_cents: number }) => sum + week.expected_cents, 0);
    expect(metricValue(scraped, 'mb_cash_forecast_next_4_weeks_cents', { currency: 'dkk' })).toBe(nextFour);
    expect(metricValue(scraped, 'mb_cash_forecast_cents', { currency: 'dkk' })).toBe(nextFour);
    const ratios = (await get('/v1/reports/collection-ratios?currency=dkk')).json();
    expect(metricValue(scraped, 'mb_receivables_dso_days', { currency: 'dkk' })).toBe(ratios.currencies[0].dso_days);
  });
});
