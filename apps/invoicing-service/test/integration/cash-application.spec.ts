import { newId } from '@mb/kernel';
import { injectAs, uniqueName } from '@mb/testing';
import { InvoicingTestKit, type InvoiceJson } from './invoicing-test-kit';

interface PaymentJson {
  id: string;
  client_id: string;
  currency: string;
  amount_cents: number;
  received_on: string;
  method: string;
  external_reference: string | null;
  allocations: { invoice_id: string; invoice_number: string; contract_id: string; amount_cents: number }[];
  unapplied_cents: number;
  invoices?: { id: string; status: string; amount_paid_cents: number; amount_due_cents: number }[];
  client_credit_cents?: number;
}

/**
 * Issue 10 "Cash application", against real PostgreSQL and Kafka: a client's payment allocated
 * across its open invoices (oldest first or as told), the rest kept as credit per currency,
 * applied to its next invoice or refunded; bank references unique per client; concurrent
 * payments on one invoice never over-applying it.
 */
describe('cash application', () => {
  let kit: InvoicingTestKit;

  beforeAll(async () => {
    kit = await InvoicingTestKit.start();
    await kit.moveClockTo('2031-04-01T10:00:00Z');
  });

  afterAll(async () => {
    await kit?.close();
  });

  /** A client with one active contract per net-days given (the $30,000 contract of four milestones, 7,500.00 first). */
  async function aClientWithContracts(...netDays: number[]): Promise<{ clientId: string; contractIds: string[] }> {
    const clientId = newId('cli');
    const contractIds: string[] = [];
    for (const net of netDays) contractIds.push((await kit.anActiveContract({ client_id: clientId, net_days: net })).contractId);
    return { clientId, contractIds };
  }

  const invoice = async (id: string): Promise<InvoiceJson> => (await kit.request('GET', `/v1/invoices/${id}`)).json();
  const balancesOf = async (clientId: string) => (await kit.request('GET', `/v1/clients/${clientId}/balances`)).json();
  const allocatedTo = async (invoiceId: string): Promise<number> =>
    Number((await kit.service.runtime.dataSource.query(`SELECT coalesce(sum(amount_cents), 0) AS sum FROM invoicing.payment_allocations WHERE invoice_id = $1`, [invoiceId]))[0].sum);

  it('allocates a payment across the client invoices oldest first (by due date) and keeps the rest as credit', async () => {
    // given a client with an invoice of 7,500.00 due in 30 days, then one of 7,500.00 due in 15 days (issued later, due sooner)
    const { clientId, contractIds } = await aClientWithContracts(30, 15);
    const later = await kit.issued(contractIds[0], 1, 750_000);
    const sooner = await kit.issued(contractIds[1], 1, 750_000);

    // when 20,000.00 is received by bank transfer on the 30th, allocated automatically
    const reference = uniqueName('WIRE');
    const response = await kit.pay({ client_id: clientId, amount_cents: 2_000_000, currency: 'usd', method: 'bank_transfer', external_reference: reference, received_on: '2031-03-30' });

    // then the invoice due sooner is paid first, then the other, and 5,000.00 is the client's credit
    expect(response.status).toBe(201);
    const payment = response.json() as PaymentJson;
    expect(payment).toMatchObject({
      client_id: clientId,
      amount_cents: 2_000_000,
      received_on: '2031-03-30',
      method: 'bank_transfer',
      external_reference: reference,
      allocations: [
        { invoice_id: sooner.id, invoice_number: sooner.number, contract_id: contractIds[1], amount_cents: 750_000 },
        { invoice_id: later.id, invoice_number: later.number, contract_id: contractIds[0], amount_cents: 750_000 },
      ],
      unapplied_cents: 500_000,
      invoices: [
        { id: sooner.id, status: 'paid', amount_due_cents: 0 },
        { id: later.id, status: 'paid', amount_due_cents: 0 },
      ],
      client_credit_cents: 500_000,
    });
    expect(await invoice(later.id)).toMatchObject({ status: 'paid', amount_paid_cents: 750_000, amount_due_cents: 0 });
    expect(await balancesOf(clientId)).toEqual({ client_id: clientId, balances: [{ currency: 'usd', unapplied_credit_cents: 500_000 }] });

    // and it reads back, alone and in the lists by client and by invoice
    const { invoices: _onlyWhenRecorded, client_credit_cents: _alsoOnlyWhenRecorded, ...readBack } = payment;
    expect((await kit.request('GET', `/v1/payments/${payment.id}`)).json()).toEqual(readBack);
    expect((await kit.request('GET', `/v1/payments?client_id=${clientId}`)).json()).toMatchObject({ data: [{ id: payment.id }], next_cursor: null });
    expect((await kit.request('GET', `/v1/payments?invoice_id=${later.id}`)).json()).toMatchObject({ data: [{ id: payment.id }], next_cursor: null });

    // and payment.recorded (version 2, keyed by client) announces it, then invoice.paid for each invoice
    const [recorded] = await kit.awaitEvents('payment.recorded', clientId, 1);
    expect(recorded.data).toMatchObject({ payment_id: payment.id, client_id: clientId, unapplied_cents: 500_000, method: 'bank_transfer', external_reference: reference });
    await kit.awaitEvents('invoice.paid', contractIds[0], 1);
    await kit.awaitEvents('invoice.paid', contractIds[1], 1);
    expect(await kit.financialStatusOf(contractIds[0])).toMatchObject({ paid_cents: 750_000, outstanding_cents: 0 });

    // when the client's next invoice is issued (milestone 2 of the first contract, 7,500.00)
    const next = await kit.issued(contractIds[0], 2, 750_000);

    // then the credit pays 5,000.00 of it at once, and the client has none left
    expect(next).toMatchObject({ status: 'open', amount_paid_cents: 500_000, amount_due_cents: 250_000 });
    expect(await balancesOf(clientId)).toEqual({ client_id: clientId, balances: [{ currency: 'usd', unapplied_credit_cents: 0 }] });
    const issuedEvents = await kit.awaitEvents('invoice.issued', contractIds[0], 2);
    expect(issuedEvents.find((event) => event.data.invoice_id === next.id)?.data).toMatchObject({ amount_due_cents: 750_000, credit_applied_cents: 500_000 });
    // and the invoice after it finds no credit
    expect(await kit.issued(contractIds[1], 2, 750_000)).toMatchObject({ amount_paid_cents: 0, amount_due_cents: 750_000 });
  });

  it("refunds unapplied credit up to what the client has, announcing refund.recorded", async () => {
    // given a client who over-paid its invoice of 7,500.00 by 2,500.00
    const { clientId, contractIds } = await aClientWithContracts(15);
    const open = await kit.issued(contractIds[0], 1, 750_000);
    const paid = await kit.pay({ invoice_id: open.id, amount_cents: 1_000_000, currency: 'usd', method: 'cheque' });
    expect(paid.json()).toMatchObject({ allocations: [{ invoice_id: open.id, amount_cents: 750_000 }], unapplied_cents: 250_000, client_credit_cents: 250_000 });

    // when more than the credit is refunded, then it is refused and nothing changes
    const tooMuch = await kit.refund({ client_id: clientId, amount_cents: 250_001, currency: 'usd' });
    expect([tooMuch.status, tooMuch.headers['content-type'], tooMuch.json().code]).toEqual([422, expect.stringContaining('application/problem+json'), 'refund.exceeds_credit']);
    expect(await balancesOf(clientId)).toMatchObject({ balances: [{ currency: 'usd', unapplied_credit_cents: 250_000 }] });

    // when 2,000.00 is refunded
    const refunded = await kit.refund({ client_id: clientId, amount_cents: 200_000, currency: 'usd', method: 'bank_transfer', external_reference: 'REFUND-1', reason: 'Over-payment returned' });

    // then the refund is recorded with the credit left, and announced
    expect(refunded.status).toBe(201);
    expect(refunded.json()).toMatchObject({ id: expect.stringMatching(/^rfd_/), client_id: clientId, amount_cents: 200_000, currency: 'usd', unapplied_credit_cents: 50_000, reason: 'Over-payment returned' });
    expect(await balancesOf(clientId)).toMatchObject({ balances: [{ currency: 'usd', unapplied_credit_cents: 50_000 }] });
    const [announced] = await kit.awaitEvents('refund.recorded', clientId, 1);
    expect(announced.data).toMatchObject({ refund_id: refunded.json().id, amount_cents: 200_000, unapplied_cents: 50_000, external_reference: 'REFUND-1' });
    // and the audit log has the command, who gave it and its outcome, as for every command; the refused one too
    const audit = (await kit.request('GET', `/v1/audit-log?command=${encodeURIComponent('POST /v1/refunds')}&target_id=${refunded.json().id}`)).json();
    expect(audit.data).toEqual([expect.objectContaining({ command: 'POST /v1/refunds', actor_role: 'admin', outcome: 'succeeded', status: '201' })]);
    const refusals = (await kit.request('GET', `/v1/audit-log?command=${encodeURIComponent('POST /v1/refunds')}`)).json();
    expect(refusals.data).toContainEqual(expect.objectContaining({ code: 'refund.exceeds_credit', status: '422' }));

    // and a client invoicing does not know has nothing to refund
    const unknown = await kit.refund({ client_id: newId('cli'), amount_cents: 1, currency: 'usd' });
    expect([unknown.status, unknown.json().code]).toEqual([404, 'client.not_found']);
  });

  it("refuses a client's bank reference recorded twice, even at the same moment, with 409 naming the rule", async () => {
    // given a client, and a payment with a bank reference
    const { clientId } = await aClientWithContracts(15);
    const reference = uniqueName('BANK');
    expect((await kit.pay({ client_id: clientId, amount_cents: 100, currency: 'usd', external_reference: reference })).status).toBe(201);

    // when the same reference is recorded again for the client
    const again = await kit.pay({ client_id: clientId, amount_cents: 100, currency: 'usd', external_reference: reference });

    // then it is a conflict naming the field and the rule, and nothing more is recorded
    expect(again.status).toBe(409);
    expect(again.headers['content-type']).toContain('application/problem+json');
    expect(again.json()).toMatchObject({ code: 'payment.duplicate_reference' });
    expect(JSON.stringify(again.json())).toContain('external_reference');
    expect(await balancesOf(clientId)).toMatchObject({ balances: [{ currency: 'usd', unapplied_credit_cents: 100 }] });

    // and another client may use the same reference
    const other = await aClientWithContracts(15);
    expect((await kit.pay({ client_id: other.clientId, amount_cents: 100, currency: 'usd', external_reference: reference })).status).toBe(201);

    // and two recordings of one new reference at once: the unique index lets exactly one through
    const racing = uniqueName('BANK');
    const statuses = await Promise.all([1, 2, 3].map(() => kit.pay({ client_id: clientId, amount_cents: 100, currency: 'usd', external_reference: racing })));
    expect(statuses.map((response) => response.status).sort()).toEqual([201, 409, 409]);
    expect(await balancesOf(clientId)).toMatchObject({ balances: [{ currency: 'usd', unapplied_credit_cents: 200 }] });
  });

  it('never mixes currencies: a payment in another currency pays no invoice and is credit in its own currency', async () => {
    // given a client with an open USD invoice of 7,500.00
    const { clientId, contractIds } = await aClientWithContracts(15);
    const usd = await kit.issued(contractIds[0], 1, 750_000);

    // when 1,000.00 EUR is received, allocated automatically
    const eur = await kit.pay({ client_id: clientId, amount_cents: 100_000, currency: 'eur' });

    // then it pays nothing in USD and is the client's EUR credit
    expect(eur.json()).toMatchObject({ allocations: [], unapplied_cents: 100_000, client_credit_cents: 100_000 });
    expect(await invoice(usd.id)).toMatchObject({ amount_paid_cents: 0, amount_due_cents: 750_000 });
    expect(await balancesOf(clientId)).toEqual({ client_id: clientId, balances: [{ currency: 'eur', unapplied_credit_cents: 100_000 }] });

    // and an EUR payment allocated to the USD invoice is refused, changing nothing
    const mixed = await kit.pay({ client_id: clientId, amount_cents: 100, currency: 'eur', allocations: [{ invoice_id: usd.id, amount_cents: 100 }] });
    expect([mixed.status, mixed.json().code]).toEqual([422, 'payment.currency_mismatch']);

    // and the next USD invoice takes none of the EUR credit, nor can USD be refunded from it
    expect(await kit.issued(contractIds[0], 2, 750_000)).toMatchObject({ amount_paid_cents: 0, amount_due_cents: 750_000 });
    expect(await balancesOf(clientId)).toEqual({ client_id: clientId, balances: [{ currency: 'eur', unapplied_credit_cents: 100_000 }] });
    const refund = await kit.refund({ client_id: clientId, amount_cents: 1, currency: 'usd' });
    expect([refund.status, refund.json().code]).toEqual([422, 'refund.exceeds_credit']);
  });

  it('never over-applies an invoice when payments for it arrive at the same moment', async () => {
    // given a client with an open invoice of 7,500.00
    const { clientId, contractIds } = await aClientWithContracts(15);
    const open = await kit.issued(contractIds[0], 1, 750_000);

    // when five payments of 3,000.00 each name it at once
    const responses = await Promise.all([1, 2, 3, 4, 5].map(() => kit.pay({ invoice_id: open.id, amount_cents: 300_000, currency: 'usd' })));

    // then the invoice takes exactly its 7,500.00: three are recorded (the third's rest is credit),
    // and the two that find it paid are refused as naming an invoice no longer open
    expect(responses.map((response) => response.status).sort()).toEqual([201, 201, 201, 409, 409]);
    expect(responses.filter((response) => response.status === 409).map((response) => response.json().code)).toEqual(['invoice.not_open', 'invoice.not_open']);
    expect(await invoice(open.id)).toMatchObject({ status: 'paid', amount_paid_cents: 750_000, amount_due_cents: 0 });
    expect(await allocatedTo(open.id)).toBe(750_000);
    expect(await balancesOf(clientId)).toMatchObject({ balances: [{ currency: 'usd', unapplied_credit_cents: 150_000 }] });
    // and it is announced paid once
    await kit.awaitEvents('invoice.paid', contractIds[0], 1);
    await kit.awaitEvents('payment.recorded', clientId, 3);
    expect(kit.eventsOf('invoice.paid', contractIds[0])).toHaveLength(1);

    // when the next invoice of 7,500.00 is issued, the credit of 1,500.00 goes to it
    expect(await kit.issued(contractIds[0], 2, 750_000)).toMatchObject({ status: 'open', amount_paid_cents: 150_000 });
    // and when four payments allocate 3,000.00 each explicitly to the one after (10,500.00) at once
    const third = await kit.issued(contractIds[0], 3, 1_050_000);
    const explicit = await Promise.all(
      [1, 2, 3, 4].map(() => kit.pay({ client_id: clientId, amount_cents: 300_000, currency: 'usd', allocations: [{ invoice_id: third.id, amount_cents: 300_000 }] })),
    );

    // then three fit the balance of 10,500.00 and the fourth is refused; the invoice is never over-paid
    expect(explicit.map((response) => response.status).sort()).toEqual([201, 201, 201, 422]);
    expect(explicit.find((response) => response.status === 422)?.json().code).toBe('payment.allocation_exceeds_balance');
    expect(await invoice(third.id)).toMatchObject({ status: 'open', amount_paid_cents: 900_000, amount_due_cents: 150_000 });
    expect(await allocatedTo(third.id)).toBe(900_000);
  });

  it('dates a payment by its value date, refuses one after today in the client zone, and pages the list', async () => {
    const { clientId } = await aClientWithContracts(15);
    const tomorrow = await kit.pay({ client_id: clientId, amount_cents: 100, currency: 'usd', received_on: '2031-04-02' });
    expect([tomorrow.status, tomorrow.json().code]).toEqual([422, 'payment.received_on_in_future']);
    const ids: string[] = [];
    for (const day of ['2031-03-01', '2031-03-02', '2031-03-03']) {
      ids.push((await kit.pay({ client_id: clientId, amount_cents: 100, currency: 'usd', received_on: day, method: 'card' })).json().id);
    }
    const first = (await kit.request('GET', `/v1/payments?client_id=${clientId}&limit=2`)).json();
    expect(first.data.map((payment: PaymentJson) => payment.id)).toEqual([ids[2], ids[1]]);
    const second = (await kit.request('GET', `/v1/payments?client_id=${clientId}&limit=2&cursor=${first.next_cursor}`)).json();
    expect(second).toEqual({ data: [expect.objectContaining({ id: ids[0], received_on: '2031-03-01', method: 'card' })], next_cursor: null });
  });

  it("shows a client only its own payments and credit: another's are not found", async () => {
    // given two clients with a payment each
    const mine = await aClientWithContracts(15);
    const theirs = await aClientWithContracts(15);
    const myPayment = (await kit.pay({ client_id: mine.clientId, amount_cents: 100, currency: 'usd' })).json().id;
    const theirPayment = (await kit.pay({ client_id: theirs.clientId, amount_cents: 100, currency: 'usd' })).json().id;
    const asClient = (url: string) => injectAs(kit.service.app, { role: 'client', clientId: mine.clientId }, { method: 'GET', url });

    // then the client reads its own
    expect((await asClient(`/v1/payments/${myPayment}`)).statusCode).toBe(200);
    expect((await asClient(`/v1/clients/${mine.clientId}/balances`)).json()).toMatchObject({ balances: [{ currency: 'usd', unapplied_credit_cents: 100 }] });
    expect((await asClient('/v1/payments')).json().data.map((payment: PaymentJson) => payment.id)).toEqual([myPayment]);
    // and the other client's are as if they did not exist
    expect((await asClient(`/v1/payments/${theirPayment}`)).statusCode).toBe(404);
    expect((await asClient(`/v1/clients/${theirs.clientId}/balances`)).statusCode).toBe(404);
    expect((await asClient(`/v1/payments?client_id=${theirs.clientId}`)).json()).toEqual({ data: [], next_cursor: null });
    // and it records none
    const recording = await injectAs(kit.service.app, { role: 'client', clientId: mine.clientId }, {
      method: 'POST',
      url: '/v1/payments',
      payload: { client_id: mine.clientId, amount_cents: 100, currency: 'usd' },
      headers: { 'idempotency-key': uniqueName('payment') },
    });
    expect(recording.statusCode).toBe(403);
    expect((await kit.request('GET', `/v1/payments?client_id=${mine.clientId}`)).json().data).toHaveLength(1);
  });
});
