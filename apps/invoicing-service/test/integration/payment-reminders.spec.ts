import { injectAs } from '@mb/testing';
import { aBillingTrigger, eventually, InvoicingTestKit, type InvoiceJson } from './invoicing-test-kit';

// Issue 11 item 1, against the real PostgreSQL, Kafka and timers: payment reminders before, on and
// after the due date, at 09:00 in the client's zone, per policy. The test clock only moves forward
// from the real now, so the dates are in 2032.
describe('invoicing service: payment reminders', () => {
  let kit: InvoicingTestKit;

  beforeAll(async () => {
    kit = await InvoicingTestKit.start();
    await kit.moveClockTo('2032-03-01T12:00:00Z');
  });

  afterAll(async () => {
    await kit?.close();
  });

  /** An invoice of a $30,000 contract's second milestone (net-15) billed at the clock's now: issued 1 March 2032, due 16 March. */
  async function anOpenInvoice(clientTimeZone = 'Europe/Berlin', clientId?: string): Promise<{ contractId: string; clientId: string; invoice: InvoiceJson }> {
    const { contractId, contract } = await kit.anActiveContract({ client_time_zone: clientTimeZone, ...(clientId ? { client_id: clientId } : {}) });
    await kit.publish('milestone.status_updated', { ...aBillingTrigger(contractId, 2, 750_000), occurred_at: kit.service.runtime.clock.now().toISOString() });
    const invoices = await eventually(() => kit.invoicesOf(contractId), (all) => all.find((invoice) => invoice.milestone_index === 2)?.status === 'open', `invoice of ${contractId}`);
    return { contractId, clientId: contract.client_id as string, invoice: invoices.find((invoice) => invoice.milestone_index === 2) as InvoiceJson };
  }

  async function remindersOf(invoiceId: string): Promise<{ reminder: string; remind_at: string; status: string }[]> {
    const rows: { kind: string; offset_days: number; remind_at: Date; status: string }[] = await kit.service.runtime.dataSource.query(
      `SELECT kind, offset_days, remind_at, status FROM invoicing.payment_reminders WHERE invoice_id = $1 ORDER BY remind_at, kind, offset_days`,
      [invoiceId],
    );
    return rows.map((row) => ({ reminder: `${row.kind}/${row.offset_days}`, remind_at: new Date(row.remind_at).toISOString(), status: row.status }));
  }

  const asRole = (role: 'project_manager' | 'auditor', method: 'GET' | 'PUT', url: string, payload?: object) => injectAs(kit.service.app, role, { method, url, payload });

  it('sets, reads and removes reminder policies per client and contract, contract over client over default, and reschedules open invoices', async () => {
    // given an open invoice of a Berlin client, due 16 March 2032, with the default reminders
    const { contractId, clientId, invoice } = await anOpenInvoice();
    expect(invoice.due_date).toBe('2032-03-16');
    expect(await remindersOf(invoice.id)).toEqual([
      { reminder: 'before_due/3', remind_at: '2032-03-13T08:00:00.000Z', status: 'scheduled' },
      { reminder: 'on_due/0', remind_at: '2032-03-16T08:00:00.000Z', status: 'scheduled' },
      { reminder: 'after_due/7', remind_at: '2032-03-23T08:00:00.000Z', status: 'scheduled' },
    ]);
    expect((await kit.request('GET', `/v1/contracts/${contractId}/reminder-policy`)).json()).toMatchObject({ source: 'default', before_due_days: 3, on_due: true, after_due_days: [7], updated_at: null });

    // when finance sets the client's policy: 5 days before, none on the due date, 7 and 14 days after
    const client = await kit.request('PUT', `/v1/clients/${clientId}/reminder-policy`, { before_due_days: 5, on_due: false, after_due_days: [14, 7] });
    // then it applies to the contract, and the open invoice's pending reminders follow it
    expect([client.status, client.json()]).toEqual([200, expect.objectContaining({ scope: 'client', source: 'client', before_due_days: 5, on_due: false, after_due_days: [7, 14] })]);
    expect((await kit.request('GET', `/v1/contracts/${contractId}/reminder-policy`)).json()).toMatchObject({ scope: 'contract', source: 'client', after_due_days: [7, 14], updated_at: null });
    expect(await remindersOf(invoice.id)).toEqual([
      { reminder: 'before_due/5', remind_at: '2032-03-11T08:00:00.000Z', status: 'scheduled' },
      { reminder: 'before_due/3', remind_at: '2032-03-13T08:00:00.000Z', status: 'cancelled' },
      { reminder: 'on_due/0', remind_at: '2032-03-16T08:00:00.000Z', status: 'cancelled' },
      { reminder: 'after_due/7', remind_at: '2032-03-23T08:00:00.000Z', status: 'scheduled' },
      { reminder: 'after_due/14', remind_at: '2032-03-30T07:00:00.000Z', status: 'scheduled' }, // Berlin summer time from 28 March
    ]);

    // when the contract gets a policy of its own: nothing before, on the due date, 7 days after
    await kit.request('PUT', `/v1/contracts/${contractId}/reminder-policy`, { before_due_days: 0, on_due: true, after_due_days: [7] });
    // then it overrides the client's
    expect((await kit.request('GET', `/v1/contracts/${contractId}/reminder-policy`)).json()).toMatchObject({ source: 'contract', before_due_days: 0, on_due: true, after_due_days: [7], updated_by: expect.any(String) });
    expect((await remindersOf(invoice.id)).filter((reminder) => reminder.status === 'scheduled').map((reminder) => reminder.reminder)).toEqual(['on_due/0', 'after_due/7']);

    // when both are removed, the default applies again
    expect((await kit.request('DELETE', `/v1/contracts/${contractId}/reminder-policy`)).json()).toMatchObject({ source: 'client' });
    expect((await kit.request('DELETE', `/v1/clients/${clientId}/reminder-policy`)).json()).toMatchObject({ source: 'default' });
    expect((await remindersOf(invoice.id)).filter((reminder) => reminder.status === 'scheduled').map((reminder) => reminder.reminder)).toEqual(['before_due/3', 'on_due/0', 'after_due/7']);
  });

  it('refuses an invalid policy field by field, an unknown contract or client, and callers other than finance and admin', async () => {
    const { contractId } = await anOpenInvoice();
    const url = `/v1/contracts/${contractId}/reminder-policy`;

    const negative = await kit.request('PUT', url, { before_due_days: -1, on_due: true, after_due_days: [7] });
    expect([negative.status, negative.json().code, negative.json().errors[0].field]).toEqual([400, 'request.invalid', 'before_due_days']);
    const notDays = await kit.request('PUT', url, { before_due_days: 3, on_due: 'yes', after_due_days: [0] });
    expect([notDays.status, notDays.json().errors.map((error: { field: string }) => error.field).sort()]).toEqual([400, ['after_due_days', 'on_due']]);
    const repeated = await kit.request('PUT', url, { before_due_days: 3, on_due: true, after_due_days: [7, 7] });
    expect([repeated.status, repeated.json().code, repeated.json().errors[0].field]).toEqual([422, 'reminder_policy.invalid', 'after_due_days']);
    expect((await kit.request('GET', '/v1/contracts/con_01NOSUCHCONTRACT000000000/reminder-policy')).json().code).toBe('contract.not_found');
    expect((await kit.request('PUT', '/v1/clients/cli_01NOSUCHCLIENT0000000000/reminder-policy', { before_due_days: 3, on_due: true, after_due_days: [] })).status).toBe(404);

    expect((await asRole('project_manager', 'PUT', url, { before_due_days: 3, on_due: true, after_due_days: [] })).statusCode).toBe(403);
    expect((await asRole('auditor', 'PUT', url, { before_due_days: 3, on_due: true, after_due_days: [] })).statusCode).toBe(403);
    expect((await asRole('auditor', 'GET', url)).statusCode).toBe(200);
  });

  it('sends the before, on and after reminders as the clock moves, once each, with the balance then; none for a paid or voided invoice', async () => {
    // given three open invoices of Berlin clients due 16 March 2032: one partly paid, one to be paid in full, one to be voided
    const reminded = await anOpenInvoice();
    const paid = await anOpenInvoice();
    const voided = await anOpenInvoice();
    expect((await kit.pay({ invoice_id: reminded.invoice.id, amount_cents: 250_000, currency: 'usd' })).status).toBe(201);

    // when the clock reaches 09:00 in Berlin three days before the due date
    await kit.moveClockTo('2032-03-13T08:00:00Z');
    // then the "before" reminder goes out with the open balance, the days left and how to pay
    const [before] = await kit.awaitEvents('invoice.payment_reminder_due', reminded.contractId, 1);
    expect(before.data).toMatchObject({
      invoice_id: reminded.invoice.id,
      invoice_number: reminded.invoice.number,
      client_id: reminded.clientId,
      reminder_kind: 'before_due',
      reminder_offset_days: 3,
      reminded_at: '2032-03-13T08:00:00.000Z',
      currency: 'usd',
      amount_due_cents: 500_000,
      due_date: '2032-03-16',
      days_until_due: 3,
      days_past_due: 0,
      payment_instructions: { account_name: expect.any(String), bank_account: expect.any(String), payment_reference: reminded.invoice.number },
      invoice_pdf_path: `/v1/invoices/${reminded.invoice.id}/pdf`,
    });

    await kit.awaitEvents('invoice.payment_reminder_due', paid.contractId, 1);
    await kit.awaitEvents('invoice.payment_reminder_due', voided.contractId, 1);

    // when one invoice is paid in full and another voided before its due date
    expect((await kit.pay({ invoice_id: paid.invoice.id, amount_cents: 750_000, currency: 'usd' })).status).toBe(201);
    expect((await kit.request('POST', `/v1/invoices/${voided.invoice.id}/void`, { reason: 'Billed in error.' }, { 'idempotency-key': `void-${voided.invoice.id}` })).status).toBe(200);
    // then their reminders still to come are cancelled
    for (const closed of [paid, voided]) {
      expect((await remindersOf(closed.invoice.id)).map((reminder) => `${reminder.reminder}:${reminder.status}`)).toEqual(['before_due/3:sent', 'on_due/0:cancelled', 'after_due/7:cancelled']);
    }

    // when the clock reaches 09:00 on the due date, then a week after it
    await kit.moveClockTo('2032-03-16T08:00:00Z');
    const [, onDue] = await kit.awaitEvents('invoice.payment_reminder_due', reminded.contractId, 2);
    expect(onDue.data).toMatchObject({ reminder_kind: 'on_due', reminder_offset_days: 0, days_until_due: 0, days_past_due: 0, amount_due_cents: 500_000 });
    await kit.moveClockTo('2032-03-23T08:00:00Z');
    const [, , after] = await kit.awaitEvents('invoice.payment_reminder_due', reminded.contractId, 3);
    expect(after.data).toMatchObject({ reminder_kind: 'after_due', reminder_offset_days: 7, days_until_due: 0, days_past_due: 7, amount_due_cents: 500_000 });

    // then each reminder went out once, and the paid and voided invoices got nothing after they closed
    await eventually(() => remindersOf(reminded.invoice.id), (reminders) => reminders.every((reminder) => reminder.status === 'sent'), 'every reminder sent');
    expect(kit.eventsOf('invoice.payment_reminder_due', reminded.contractId).map((event) => event.data.reminder_kind)).toEqual(['before_due', 'on_due', 'after_due']);
    expect(kit.eventsOf('invoice.payment_reminder_due', paid.contractId).map((event) => event.data.reminder_kind)).toEqual(['before_due']);
    expect(kit.eventsOf('invoice.payment_reminder_due', voided.contractId).map((event) => event.data.reminder_kind)).toEqual(['before_due']);
  });
});
