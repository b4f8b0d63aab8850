import { addDays, UnitOfWork } from '@mb/kernel';
import { metricValue, parsePrometheusText } from '@mb/testing';
import { IssueInvoiceHandler } from '../../src/application/issue-invoice/issue-invoice.handler';
import { AnnounceInvoiceOverdueHandler } from '../../src/application/announce-invoice-overdue/announce-invoice-overdue.handler';
import { aBillingTrigger, anActivatedContract, eventually, InvoicingTestKit, type InvoiceJson } from './invoicing-test-kit';

describe('invoicing service', () => {
  let kit: InvoicingTestKit;

  beforeAll(async () => {
    kit = await InvoicingTestKit.start();
    // A fixed point in the future, so issue and due dates are known; later tests move on from it.
    await kit.moveClockTo('2030-03-02T10:00:00Z');
  });

  afterAll(async () => {
    await kit?.close();
  });

  /** Activates a contract and waits for its four drafts. */
  const anActiveContract = (overrides: Parameters<typeof anActivatedContract>[0] = {}) => kit.anActiveContract(overrides);
  const issued = (contractId: string, milestoneIndex: number, amountCents: number): Promise<InvoiceJson> => kit.issued(contractId, milestoneIndex, amountCents);

  it('prepares one draft invoice per milestone when a contract is activated', async () => {
    // given / when a contract of four milestones is activated
    const { contractId, contract, drafts } = await anActiveContract();

    // then there are four drafts, unnumbered, carrying the contract and milestone details
    expect(drafts.map((invoice) => [invoice.milestone_index, invoice.status, invoice.number, invoice.total_cents])).toEqual([
      [1, 'draft', null, 750_000],
      [2, 'draft', null, 750_000],
      [3, 'draft', null, 1_050_000],
      [4, 'draft', null, 450_000],
    ]);
    expect(drafts[1]).toMatchObject({
      id: expect.stringMatching(/^inv_/),
      client_id: contract.client_id,
      contract_title: 'Customer portal rebuild',
      purchase_order_ref: 'PO-77812',
      milestone_title: 'Midway UI Prototype Sign-off',
      currency: 'usd',
      issue_date: null,
      due_date: null,
    });
    // and nothing is billed yet
    expect(await kit.financialStatusOf(contractId)).toEqual({
      contract_id: contractId,
      client_id: contract.client_id,
      currency: 'usd',
      total_value_cents: 3_000_000,
      billed_cents: 0,
      tax_billed_cents: 0,
      retained_cents: 0,
      released_cents: 0,
      paid_cents: 0,
      credited_cents: 0,
      written_off_cents: 0,
      outstanding_cents: 0,
      unbilled_cents: 3_000_000,
      cancelled_cents: 0,
      balanced: false,
      retainage_release_date: null,
      terminated_at: null,
    });
  });

  it('issues a triggered milestone with the next gapless number, dated when it became billable and due after the net days', async () => {
    // given an active contract on net-15
    const { contractId } = await anActiveContract();

    // when its first two milestones become billable, one after the other
    const first = await issued(contractId, 1, 750_000);
    const second = await issued(contractId, 2, 750_000);

    // then they are open, numbered consecutively in the 2030 series, dated by the clock, due 15 days later
    expect(first).toMatchObject({ status: 'open', issue_date: '2030-03-02', due_date: '2030-03-17', amount_due_cents: 750_000 });
    expect(first.number).toMatch(/^INV-2030-\d{6}$/);
    expect(sequenceOf(second)).toBe(sequenceOf(first) + 1);
    expect(addDays(String(second.issue_date), 15)).toBe(second.due_date);

    // and invoice.issued is on Kafka with the invoice's figures, keyed by contract
    const events = await kit.awaitEvents('invoice.issued', contractId, 2);
    expect(events.map((event) => event.data.invoice_number)).toEqual([first.number, second.number]);
    expect(events[0].data).toMatchObject({
      invoice_id: first.id,
      milestone_index: 1,
      milestone_title: 'Deposit',
      subtotal_cents: 750_000,
      tax_cents: 0,
      retainage_cents: 0,
      total_cents: 750_000,
      amount_due_cents: 750_000,
      issue_date: '2030-03-02',
      due_date: '2030-03-17',
      purchase_order_ref: 'PO-77812',
    });

    // and the financial status adds up
    expect(await kit.financialStatusOf(contractId)).toMatchObject({ billed_cents: 1_500_000, paid_cents: 0, outstanding_cents: 1_500_000, unbilled_cents: 1_500_000 });
  });

  it('dates an invoice by when its milestone became billable (occurred_at), not when the trigger is handled', async () => {
    // given an active contract, and a trigger that occurred two days before it is published (a
    // backlog, or a consumer that was down)
    const { contractId } = await anActiveContract();
    const occurredAt = new Date(kit.service.runtime.clock.now().getTime() - 2 * 86_400_000);
    // when it is handled
    await kit.publish('milestone.status_updated', { ...aBillingTrigger(contractId, 1, 750_000), occurred_at: occurredAt.toISOString() });
    const [invoice] = await eventually(() => kit.invoicesOf(contractId), (all) => all[0]?.status === 'open', `milestone 1 of ${contractId} issued`);
    // then the invoice is dated that day, numbered in that year's series and due 15 days later
    const issueDate = occurredAt.toISOString().slice(0, 10);
    expect(invoice).toMatchObject({ issue_date: issueDate, due_date: addDays(issueDate, 15) });
    expect(invoice.number).toMatch(new RegExp(`^INV-${issueDate.slice(0, 4)}-`));
  });

  it('bills a milestone once even when its trigger is delivered again', async () => {
    // given an issued milestone
    const { contractId } = await anActiveContract();
    const first = await issued(contractId, 1, 750_000);
    // when another trigger for the same milestone arrives (a new event id), then milestone 2's
    await kit.publish('milestone.status_updated', aBillingTrigger(contractId, 1, 750_000));
    const second = await issued(contractId, 2, 750_000);
    // then milestone 1 kept its number and only two invoices were issued (the repeated trigger
    // was consumed before milestone 2's, same key and partition, so anything it issued would show)
    expect((await kit.invoicesOf(contractId)).find((invoice) => invoice.milestone_index === 1)?.number).toBe(first.number);
    expect(second.status).toBe('open');
    await kit.awaitEvents('invoice.issued', contractId, 2);
    expect(kit.eventsOf('invoice.issued', contractId).map((event) => event.data.milestone_index)).toEqual([1, 2]);
  });

  it('never burns a number: an issue that rolls back leaves no gap, concurrent issues share none', async () => {
    // given two active contracts
    const a = await anActiveContract();
    const b = await anActiveContract();
    const issue = kit.service.app.get(IssueInvoiceHandler);
    const unitOfWork = kit.service.app.get(UnitOfWork);
    const before = await issued(a.contractId, 1, 750_000);

    // when an issue takes the next number and its unit of work then rolls back
    await expect(
      unitOfWork.run(async () => {
        await issue.execute({ contractId: a.contractId, milestoneIndex: 2, milestoneId: null, causationId: 'evt_rolled_back', triggeredAt: kit.service.runtime.clock.now() });
        throw new Error('the transaction fails after the number was taken');
      }),
    ).rejects.toThrow('the transaction fails');
    // and three milestones of two contracts are issued at the same time, each in its own unit of work
    await Promise.all(
      [
        [a.contractId, 2],
        [a.contractId, 3],
        [b.contractId, 1],
      ].map(([contractId, index]) => issue.execute({ contractId: String(contractId), milestoneIndex: Number(index), milestoneId: null, causationId: `evt_${index}`, triggeredAt: kit.service.runtime.clock.now() })),
    );

    // then the numbers run on from the first without a gap or a repeat
    const numbers = [...(await kit.invoicesOf(a.contractId)), ...(await kit.invoicesOf(b.contractId))]
      .filter((invoice) => invoice.status === 'open')
      .map(sequenceOf)
      .sort((x, y) => x - y);
    expect(numbers).toEqual([0, 1, 2, 3].map((offset) => sequenceOf(before) + offset));
  });

  it('settles an invoice paid in full: payment.recorded then invoice.paid, status paid', async () => {
    // given an issued invoice
    const { contractId } = await anActiveContract();
    const invoice = await issued(contractId, 1, 750_000);

    // when the whole balance is paid
    const response = await kit.pay({ invoice_id: invoice.id, amount_cents: 750_000, currency: 'usd', reference: 'WIRE-1' });

    // then the payment is recorded and the invoice is paid
    expect(response.status).toBe(201);
    expect(response.json()).toMatchObject({
      id: expect.stringMatching(/^pay_/),
      allocations: [{ invoice_id: invoice.id, invoice_number: invoice.number, contract_id: contractId, amount_cents: 750_000 }],
      amount_cents: 750_000,
      currency: 'usd',
      external_reference: 'WIRE-1',
      unapplied_cents: 0,
      invoices: [{ id: invoice.id, status: 'paid', amount_due_cents: 0 }],
      client_credit_cents: 0,
    });
    expect((await kit.request('GET', `/v1/invoices/${invoice.id}`)).json()).toMatchObject({ status: 'paid', amount_paid_cents: 750_000, amount_due_cents: 0 });
    const [recorded] = await kit.awaitEvents('payment.recorded', contractId, 1);
    expect(recorded.data).toMatchObject({
      payment_id: response.json().id,
      amount_cents: 750_000,
      allocations: [{ invoice_id: invoice.id, invoice_number: invoice.number, contract_id: contractId, amount_cents: 750_000 }],
      unapplied_cents: 0,
      external_reference: 'WIRE-1',
    });
    const [paid] = await kit.awaitEvents('invoice.paid', contractId, 1);
    expect(paid.data).toMatchObject({ invoice_id: invoice.id, amount_paid_cents: 750_000, payment_ids: [response.json().id] });
    expect(await kit.financialStatusOf(contractId)).toMatchObject({
      total_value_cents: 3_000_000,
      billed_cents: 750_000,
      paid_cents: 750_000,
      outstanding_cents: 0,
      unbilled_cents: 2_250_000,
    });
  });

  it('keeps a balance after a partial payment and refuses what cannot be applied', async () => {
    // given an issued invoice of 7,500.00
    const { contractId, drafts } = await anActiveContract();
    const invoice = await issued(contractId, 2, 750_000);

    // when 2,000.00 is paid
    const partial = await kit.pay({ invoice_id: invoice.id, amount_cents: 200_000, currency: 'usd' });

    // then the invoice stays open with the balance, and no invoice.paid goes out
    expect(partial.status).toBe(201);
    expect((await kit.request('GET', `/v1/invoices/${invoice.id}`)).json()).toMatchObject({ status: 'open', amount_paid_cents: 200_000, amount_due_cents: 550_000 });
    await kit.awaitEvents('payment.recorded', contractId, 1);
    expect(kit.eventsOf('invoice.paid', contractId)).toEqual([]);
    expect(await kit.financialStatusOf(contractId)).toMatchObject({ billed_cents: 750_000, paid_cents: 200_000, outstanding_cents: 550_000, unbilled_cents: 2_250_000 });

    // and what cannot be applied is refused with a stable code
    const refusals = [
      [{ allocations: [{ invoice_id: invoice.id, amount_cents: 550_001 }], amount_cents: 550_001, currency: 'usd' }, 422, 'payment.allocation_exceeds_balance'],
      [{ invoice_id: invoice.id, amount_cents: 100, currency: 'eur' }, 422, 'payment.currency_mismatch'],
      [{ invoice_id: drafts[0].id, amount_cents: 100, currency: 'usd' }, 409, 'invoice.not_open'],
      [{ invoice_id: 'inv_01NOSUCHINVOICE', amount_cents: 100, currency: 'usd' }, 404, 'invoice.not_found'],
      [{ invoice_id: invoice.id, amount_cents: 0, currency: 'usd' }, 400, 'request.invalid'],
      [{ invoice_id: invoice.id, amount_cents: 10.5, currency: 'usd' }, 400, 'request.invalid'],
    ] as const;
    for (const [payload, status, code] of refusals) {
      const response = await kit.pay(payload);
      expect([response.status, response.json().code]).toEqual([status, code]);
    }
    expect((await kit.request('GET', `/v1/invoices/${invoice.id}`)).json()).toMatchObject({ amount_paid_cents: 200_000 });
  });

  it('computes tax and retainage per line and adds them up in the financial status', async () => {
    // given a contract with 8.25 % tax and 5 % retainage
    const { contractId } = await anActiveContract({ tax_rate_bps: 825, retainage_bps: 500 });
    // when the deposit is issued
    const invoice = await issued(contractId, 1, 750_000);
    // then the invoice carries the rounded line figures
    expect(invoice).toMatchObject({ subtotal_cents: 750_000, tax_cents: 61_875, retainage_cents: 37_500, total_cents: 811_875, amount_due_cents: 774_375 });
    // and the status separates schedule value from tax, and what is owed now from what is retained
    const status = await kit.financialStatusOf(contractId);
    expect(status).toMatchObject({ billed_cents: 811_875, tax_billed_cents: 61_875, unbilled_cents: 2_250_000, retained_cents: 37_500, outstanding_cents: 774_375 });
  });

  it('renders an issued invoice as a PDF and has none for a draft', async () => {
    // given an issued invoice and a draft
    const { contractId, drafts } = await anActiveContract();
    const invoice = await issued(contractId, 2, 750_000);

    // when the PDFs are asked for
    const pdf = await kit.request('GET', `/v1/invoices/${invoice.id}/pdf`);
    const draft = await kit.request('GET', `/v1/invoices/${drafts[3].id}/pdf`);

    // then the issued one is a PDF naming the invoice, the milestone and the amount due
    expect(pdf.status).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    const text = pdf.body.toString('latin1');
    expect(text.startsWith('%PDF')).toBe(true);
    const shown = pdfText(pdf.body);
    for (const expected of [`Invoice ${invoice.number}`, `Due date: ${invoice.due_date}`, 'PO-77812', 'Milestone 2: Midway UI Prototype Sign-off', 'Amount due: 7,500.00 USD']) {
      expect(shown).toContain(expected);
    }
    // and the draft has none
    expect([draft.status, draft.json().code]).toEqual([409, 'invoice.not_issued']);
  });

  it('shows how to pay an issued invoice as its PDF prints it, in the invoice and the list, and nothing for a draft (issue 15)', async () => {
    // given an issued invoice and a draft
    const { contractId, drafts } = await anActiveContract();
    const invoice = await issued(contractId, 2, 750_000);
    // when the invoice and the contract's list are read
    const instructions = (await kit.request('GET', `/v1/invoices/${invoice.id}`)).json().payment_instructions;
    const listed = (await kit.request('GET', `/v1/invoices?contract_id=${contractId}`)).json().data as InvoiceJson[];
    // then it is a bank transfer quoting the invoice number, the same in the list
    expect(instructions).toEqual({ method: 'bank_transfer', account_name: expect.any(String), account: expect.any(String), remittance_reference: invoice.number });
    expect(listed.find((found) => found.id === invoice.id)?.payment_instructions).toEqual(instructions);
    // and the PDF prints the same account holder, account and reference
    const shown = pdfText((await kit.request('GET', `/v1/invoices/${invoice.id}/pdf`)).body);
    expect(shown).toContain(`Bank transfer to: ${instructions.account_name}`);
    expect(shown).toContain(`: ${instructions.account}`);
    expect(shown).toContain(`Reference (quote with your payment): ${instructions.remittance_reference}`);
    // and a draft shows none
    expect(listed.find((found) => found.id === drafts[3].id)?.payment_instructions).toBeNull();
  });

  it('issues a billing trigger that overtook its contract once the contract arrives', async () => {
    // given a trigger for a contract invoicing has not heard of yet
    const contract = anActivatedContract();
    const contractId = contract.contract_id as string;
    await kit.publish('milestone.status_updated', aBillingTrigger(contractId, 1, 750_000, 'Deposit'));
    await eventually(
      () => kit.service.runtime.dataSource.query(`SELECT 1 FROM invoicing.pending_billing_triggers WHERE contract_id = $1`, [contractId]),
      (rows: unknown[]) => rows.length === 1,
      'the trigger parked',
    );

    // when the contract's activation arrives
    await kit.publish('contract.activated', contract);

    // then the deposit is issued and the other milestones stay drafts
    const invoices = await eventually(() => kit.invoicesOf(contractId), (all) => all.length === 4 && all[0].status === 'open', 'the deposit issued');
    expect(invoices.map((invoice) => invoice.status)).toEqual(['open', 'draft', 'draft', 'draft']);
    await kit.awaitEvents('invoice.issued', contractId, 1);
  });

  it('announces an open invoice past its due date once, however often its timer fires', async () => {
    // given an open invoice, and one paid in full
    const { contractId } = await anActiveContract();
    const open = await issued(contractId, 1, 750_000);
    const settled = await issued(contractId, 2, 750_000);
    expect((await kit.pay({ invoice_id: settled.id, amount_cents: 750_000, currency: 'usd' })).status).toBe(201);

    // when the clock moves 3 days past the due date (the open invoice's timer falls due with it), and
    // its use case runs twice more at once, as a timer fired again on two instances would
    await kit.moveClockTo(`${addDays(String(open.due_date), 3)}T09:00:00Z`);
    const [overdue] = await kit.awaitEvents('invoice.overdue', contractId, 1);
    const announce = kit.service.app.get(AnnounceInvoiceOverdueHandler);
    const again = await Promise.all([announce.execute({ invoiceId: open.id }), announce.execute({ invoiceId: open.id }), announce.execute({ invoiceId: settled.id })]);

    // then invoice.overdue was recorded once, for the open invoice only
    expect(overdue.data).toMatchObject({ invoice_id: open.id, invoice_number: open.number, amount_due_cents: 750_000, due_date: open.due_date, days_overdue: 3 });
    expect(again).toEqual(['already_announced', 'already_announced', 'not_open']);
    const recorded = await kit.service.runtime.dataSource.query(
      `SELECT count(*)::int AS count FROM invoicing.outbox WHERE topic = 'invoice.overdue' AND payload::jsonb -> 'data' ->> 'contract_id' = $1`,
      [contractId],
    );
    expect(recorded[0].count).toBe(1);
    // and a firing on a later day stays silent too
    await kit.moveClockTo(`${addDays(String(open.due_date), 5)}T09:00:00Z`);
    expect(await announce.execute({ invoiceId: open.id })).toBe('already_announced');
    await kit.publish('milestone.status_updated', aBillingTrigger(contractId, 3, 1_050_000));
    // the outbox publishes one contract's events in commit order on one partition: once the
    // later invoice.issued is read, any second invoice.overdue would have been read before it
    await kit.awaitEvents('invoice.issued', contractId, 3);
    expect(kit.eventsOf('invoice.overdue', contractId)).toHaveLength(1);
    expect((await kit.request('GET', `/v1/invoices/${open.id}`)).json()).toMatchObject({ status: 'open', overdue: true });
  });

  it('sets an overdue timer when an invoice is issued and cancels it when the invoice is paid in full before its due date', async () => {
    // given two invoices of a contract issued the same day
    const { contractId } = await anActiveContract();
    const paidEarly = await issued(contractId, 1, 750_000);
    const unpaid = await issued(contractId, 2, 750_000);
    const dueDate = String(unpaid.due_date);
    expect(paidEarly.due_date).toBe(dueDate);
    // then each has a timer waiting for the start of the day after its due date
    const overdueFrom = `${addDays(dueDate, 1)}T00:00:00.000Z`;
    expect(await kit.overdueTimerOf(paidEarly.id)).toEqual({ state: 'created', due_at: overdueFrom });
    expect(await kit.overdueTimerOf(unpaid.id)).toEqual({ state: 'created', due_at: overdueFrom });

    // when the first is paid in full before its due date
    expect((await kit.pay({ invoice_id: paidEarly.id, amount_cents: 750_000, currency: 'usd' })).status).toBe(201);
    // then its timer is cancelled with the payment, and the other's still waits
    expect(await kit.overdueTimerOf(paidEarly.id)).toMatchObject({ state: 'cancelled' });
    expect(await kit.overdueTimerOf(unpaid.id)).toMatchObject({ state: 'created' });

    // when the clock moves past their due date
    await kit.moveClockTo(`${addDays(dueDate, 1)}T09:00:00Z`);
    // then the unpaid one is announced overdue, a day late, and its timer has fired
    const [overdue] = await kit.awaitEvents('invoice.overdue', contractId, 1);
    expect(overdue.data).toMatchObject({ invoice_id: unpaid.id, amount_due_cents: 750_000, due_date: dueDate, days_overdue: 1 });
    await eventually(() => kit.overdueTimerOf(unpaid.id), (timer) => timer?.state === 'completed', `the overdue timer of ${unpaid.id} done`);
    // and the one paid early never is: once a later event of the contract is read, an
    // invoice.overdue for it would have been read before
    await kit.publish('milestone.status_updated', aBillingTrigger(contractId, 3, 1_050_000));
    await kit.awaitEvents('invoice.issued', contractId, 3);
    expect(kit.eventsOf('invoice.overdue', contractId).map((event) => event.data.invoice_id)).toEqual([unpaid.id]);
    expect(await kit.overdueTimerOf(paidEarly.id)).toMatchObject({ state: 'cancelled' });
  });

  it('exposes overdue receivables by currency and the time from billing trigger to invoice on GET /metrics', async () => {
    const scrape = async () => {
      const response = await kit.request('GET', '/metrics');
      expect(response.status).toBe(200);
      return parsePrometheusText(response.body.toString());
    };
    // given a contract in Swiss francs (no other test bills in them) whose first two milestones are issued on their triggers
    const issuedOnTrigger = metricValue(await scrape(), 'mb_approval_to_invoice_seconds_count') ?? 0;
    const { contractId } = await anActiveContract({ currency: 'chf' });
    await issued(contractId, 1, 750_000);
    const second = await issued(contractId, 2, 750_000);
    const open = (await kit.invoicesOf(contractId)).filter((invoice) => invoice.status === 'open');
    expect(open.map((invoice) => invoice.milestone_index)).toEqual([1, 2]);
    const scraped = await scrape();
    expect(metricValue(scraped, 'mb_approval_to_invoice_seconds_count')).toBe(issuedOnTrigger + 2);
    // and nothing in francs is overdue yet
    expect(metricValue(scraped, 'mb_receivables_overdue_cents', { currency: 'chf' })).toBeUndefined();

    // when the clock passes their due date
    await kit.moveClockTo(`${addDays(String(second.due_date), 1)}T09:00:00Z`);

    // then the overdue francs are the open balances, to the cent
    const overdue = open.reduce((sum, invoice) => sum + invoice.amount_due_cents, 0);
    expect(overdue).toBe(1_500_000);
    expect(metricValue(await scrape(), 'mb_receivables_overdue_cents', { currency: 'chf' })).toBe(overdue);
    // and a payment of the deposit lowers them by what it paid
    expect((await kit.pay({ invoice_id: open[0].id, amount_cents: 750_000, currency: 'chf' })).status).toBe(201);
    expect(metricValue(await scrape(), 'mb_receivables_overdue_cents', { currency: 'chf' })).toBe(750_000);
  });

  it("exposes its consumer group's failure metrics on GET /metrics: 0 from the start, and the events parked in its schema", async () => {
    const scrape = async () => parsePrometheusText((await kit.request('GET', '/metrics')).body.toString());
    const group = { consumergroup: 'invoicing-service.billing' };
    // given a consumer group that has neither waited on the database nor parked anything
    const before = await scrape();
    expect(metricValue(before, 'mb_consumer_stalled_seconds', group)).toBe(0);
    expect(metricValue(before, 'mb_consumer_infrastructure_retries_total', group)).toBe(0);
    expect(metricValue(before, 'mb_consumer_parked_events', group)).toBe(0);
    // when an event of a held-back key waits in the schema's parked_events (as the consumer parks one)
    await kit.service.runtime.dataSource.query(
      `INSERT INTO invoicing.parked_events (consumer_group, partition_key, topic, kafka_partition, kafka_offset, event_id, message_value, headers)
       VALUES ($1, 'con_metrics_parked', 'milestone.status_updated', 0, 999999, NULL, NULL, '{}')`,
      [group.consumergroup],
    );
    try {
      // then the gauge counts it
      expect(metricValue(await scrape(), 'mb_consumer_parked_events', group)).toBe(1);
    } finally {
      await kit.service.runtime.dataSource.query(`DELETE FROM invoicing.parked_events WHERE partition_key = 'con_metrics_parked'`);
    }
  });
});

/**
 * The text an uncompressed pdfkit PDF shows: each line is a TJ array of hex glyph strings split
 * by kerning adjustments (`[<496e> 20 <766f...>] TJ`); joining a line's strings gives its text.
 */
function pdfText(pdf: Buffer): string {
  const lines = pdf.toString('latin1').match(/\[[^\]]*\]\s*TJ/g) ?? [];
  return lines
    .map((line) => [...line.matchAll(/<([0-9a-fA-F]*)>/g)].map((part) => Buffer.from(part[1], 'hex').toString('latin1')).join(''))
    .join('\n');
}

/** The position of an invoice's number in its yearly series: INV-2030-000012 → 12. */
function sequenceOf(invoice: InvoiceJson): number {
  return Number(String(invoice.number).slice(-6));
}
