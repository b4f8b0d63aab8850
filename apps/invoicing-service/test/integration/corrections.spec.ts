import { Client } from 'pg';
import { newId } from '@mb/kernel';
import { injectAs, testServiceDatabaseUrl, testServiceMigrationDatabaseUrl, uniqueName } from '@mb/testing';
import { InvoicingTestKit, type InvoiceJson } from './invoicing-test-kit';

/**
 * Issue 10 "Corrections, the accountant's way", against real PostgreSQL and Kafka: credit notes,
 * voids and write-offs through the REST API, their events on the topics, the overdue timers they
 * cancel, and the database refusing to change an issued credit note.
 */
describe('invoice corrections', () => {
  let kit: InvoicingTestKit;

  beforeAll(async () => {
    kit = await InvoicingTestKit.start();
    await kit.moveClockTo('2031-04-01T10:00:00Z');
  });

  afterAll(async () => {
    await kit?.close();
  });

  /** An active contract at 8 % tax, its deposit (7,500.00 + 600.00 tax) issued. */
  async function anIssuedDeposit(): Promise<{ contractId: string; invoice: InvoiceJson }> {
    const { contractId } = await kit.anActiveContract({ tax_rate_bps: 800 });
    const invoice = await kit.issued(contractId, 1, 750_000);
    return { contractId, invoice };
  }

  const creditNote = (payload: object, idempotencyKey = uniqueName('credit')) => kit.request('POST', '/v1/credit-notes', payload, { 'idempotency-key': idempotencyKey });
  const sequenceOf = (number: string) => Number(number.slice(-6));

  it('issues a partial credit note, then one for the rest: numbered CN in a row, the invoice credited and its timer cancelled', async () => {
    // given an issued deposit of 8,100.00
    const { contractId, invoice } = await anIssuedDeposit();
    expect(invoice.amount_due_cents).toBe(810_000);

    // when 1,000.00 of its line is credited
    const first = await creditNote({ invoice_id: invoice.id, reason: 'Two screens descoped.', lines: [{ line_number: 1, amount_cents: 100_000 }] });

    // then the credit note is 1,000.00 + 80.00 tax, numbered in the CN-2031 series, and the invoice owes 7,020.00
    expect(first.status).toBe(201);
    const firstNote = first.json();
    expect(firstNote).toMatchObject({
      id: expect.stringMatching(/^cn_/),
      number: expect.stringMatching(/^CN-2031-\d{6}$/),
      invoice_id: invoice.id,
      invoice_number: invoice.number,
      invoice_issue_date: invoice.issue_date,
      issue_date: '2031-04-01',
      reason: 'Two screens descoped.',
      subtotal_cents: 100_000,
      tax_cents: 8_000,
      total_cents: 108_000,
      amount_credited_cents: 108_000,
      lines: [{ line_number: 1, invoice_line_number: 1, amount_cents: 100_000, tax_rate_bps: 800, tax_cents: 8_000 }],
      invoice: { id: invoice.id, status: 'open', amount_credited_cents: 108_000, amount_due_cents: 702_000 },
    });

    // when the rest is credited in full
    const rest = await creditNote({ invoice_id: invoice.id, reason: 'Project cancelled by agreement.', full: true });

    // then the second note follows the first without a gap, and the invoice is closed as credited, not paid
    expect(rest.status).toBe(201);
    expect(sequenceOf(rest.json().number)).toBe(sequenceOf(firstNote.number) + 1);
    expect(rest.json()).toMatchObject({ subtotal_cents: 650_000, tax_cents: 52_000, total_cents: 702_000, invoice: { status: 'credited', amount_due_cents: 0 } });
    const closed = (await kit.request('GET', `/v1/invoices/${invoice.id}`)).json();
    expect(closed).toMatchObject({ status: 'credited', amount_credited_cents: 810_000, amount_due_cents: 0, amount_paid_cents: 0, paid_at: null, closed_at: expect.any(String) });
    // and its overdue timer is cancelled
    expect(await kit.overdueTimerOf(invoice.id)).toMatchObject({ state: 'cancelled' });

    // and both credit notes are on Kafka, the last saying the invoice is credited; no invoice.paid
    const events = await kit.awaitEvents('credit_note.issued', contractId, 2);
    expect(events.map((event) => [event.data.credit_note_number, event.data.invoice_status, event.data.invoice_amount_due_cents])).toEqual([
      [firstNote.number, 'open', 702_000],
      [rest.json().number, 'credited', 0],
    ]);
    expect(events[1].data).toMatchObject({ invoice_id: invoice.id, client_id: invoice.client_id, total_cents: 702_000, amount_credited_cents: 702_000, reason: 'Project cancelled by agreement.' });
    expect(kit.eventsOf('invoice.paid', contractId)).toEqual([]);

    // and they are read back, by id and by invoice, and the contract's figures account for them
    expect((await kit.request('GET', `/v1/credit-notes/${firstNote.id}`)).json()).toMatchObject({ number: firstNote.number, total_cents: 108_000 });
    const listed = (await kit.request('GET', `/v1/credit-notes?invoice_id=${invoice.id}`)).json() as { data: { number: string }[] };
    expect(listed.data.map((note) => note.number)).toEqual([firstNote.number, rest.json().number]);
    expect(await kit.financialStatusOf(contractId)).toMatchObject({ billed_cents: 810_000, paid_cents: 0, credited_cents: 810_000, outstanding_cents: 0 });
  });

  it('renders a credit note as a PDF naming it, the invoice it credits and the amount deducted', async () => {
    const { invoice } = await anIssuedDeposit();
    const note = (await creditNote({ invoice_id: invoice.id, reason: 'Late delivery discount.', amount_cents: 50_000 })).json();
    const pdf = await kit.request('GET', `/v1/credit-notes/${note.id}/pdf`);
    expect(pdf.status).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(pdf.headers['content-disposition']).toBe(`inline; filename="${note.number}.pdf"`);
    const shown = pdfText(pdf.body);
    for (const expected of [`Credit note ${note.number}`, `Credits invoice ${invoice.number} of ${invoice.issue_date}`, 'Reason: Late delivery discount.', `Deducted from invoice ${invoice.number}: 540.00 USD`]) {
      expect(shown).toContain(expected);
    }
  });

  it('settles as paid a partly paid invoice whose credit note covers the rest, publishing invoice.paid', async () => {
    // given a deposit of 8,100.00 with 7,560.00 paid
    const { contractId, invoice } = await anIssuedDeposit();
    expect((await kit.pay({ invoice_id: invoice.id, amount_cents: 756_000, currency: 'usd' })).status).toBe(201);
    // when 500.00 + 40.00 tax is credited
    const response = await creditNote({ invoice_id: invoice.id, reason: 'Discount agreed.', amount_cents: 50_000 });
    // then the invoice is paid, announced after the credit note
    expect(response.json().invoice).toMatchObject({ status: 'paid', amount_due_cents: 0 });
    const [paid] = await kit.awaitEvents('invoice.paid', contractId, 1);
    expect(paid.data).toMatchObject({ invoice_id: invoice.id, amount_paid_cents: 756_000 });
  });

  it('refuses a credit note above the balance, or without one way to say what to credit, taking no number', async () => {
    // given a deposit of 8,100.00 with 8,000.00 paid, and a credit note just issued elsewhere
    const { invoice } = await anIssuedDeposit();
    await kit.pay({ invoice_id: invoice.id, amount_cents: 800_000, currency: 'usd' });
    const other = await anIssuedDeposit();
    const before = (await creditNote({ invoice_id: other.invoice.id, reason: 'Goodwill.', amount_cents: 100 })).json();

    // when more than the 100.00 left is credited, or the request names two ways, or none
    const tooMuch = await creditNote({ invoice_id: invoice.id, reason: 'Too much.', full: true });
    const both = await creditNote({ invoice_id: invoice.id, reason: 'Both.', full: true, amount_cents: 1 });
    const noReason = await creditNote({ invoice_id: invoice.id, amount_cents: 1 });
    const noKey = await kit.request('POST', '/v1/credit-notes', { invoice_id: invoice.id, reason: 'No key.', amount_cents: 1 });

    // then each is refused with its code, the invoice unchanged
    expect([tooMuch.status, tooMuch.json().code]).toEqual([422, 'credit_note.exceeds_balance']);
    expect([both.status, both.json().code]).toEqual([422, 'credit_note.scope_required']);
    expect(noReason.status).toBe(400);
    expect([noKey.status, noKey.json().code]).toEqual([400, 'idempotency_key.missing']);
    expect((await kit.request('GET', `/v1/invoices/${invoice.id}`)).json()).toMatchObject({ status: 'open', amount_credited_cents: 0, amount_due_cents: 10_000 });
    // and the next credit note takes the number after the last one issued: none was burnt
    const after = (await creditNote({ invoice_id: other.invoice.id, reason: 'Goodwill again.', amount_cents: 100 })).json();
    expect(sequenceOf(after.number)).toBe(sequenceOf(before.number) + 1);
  });

  it('voids an unpaid invoice with its reason: nothing owed, invoice.voided published, overdue timer cancelled', async () => {
    // given an issued deposit whose overdue timer waits
    const { contractId, invoice } = await anIssuedDeposit();
    expect(await kit.overdueTimerOf(invoice.id)).toMatchObject({ state: 'created' });
    // when it is voided
    const response = await kit.request('POST', `/v1/invoices/${invoice.id}/void`, { reason: 'Issued with the wrong PO reference.' });
    // then it is void, owes nothing, keeps its number
    expect(response.status).toBe(200);
    expect(response.json()).toMatchObject({ status: 'void', number: invoice.number, amount_due_cents: 0, closing_reason: 'Issued with the wrong PO reference.' });
    expect(await kit.overdueTimerOf(invoice.id)).toMatchObject({ state: 'cancelled' });
    const [voided] = await kit.awaitEvents('invoice.voided', contractId, 1);
    expect(voided.data).toMatchObject({ invoice_id: invoice.id, invoice_number: invoice.number, total_cents: 810_000, reason: 'Issued with the wrong PO reference.' });
    // and the contract no longer counts it as billed
    expect(await kit.financialStatusOf(contractId)).toMatchObject({ billed_cents: 0, outstanding_cents: 0 });
    // and a second void is refused
    const again = await kit.request('POST', `/v1/invoices/${invoice.id}/void`, { reason: 'Again.' });
    expect([again.status, again.json().code]).toEqual([409, 'invoice.illegal_transition']);
  });

  it('refuses to void an invoice with a payment on it, and a void without a reason, changing nothing', async () => {
    const { invoice } = await anIssuedDeposit();
    await kit.pay({ invoice_id: invoice.id, amount_cents: 100, currency: 'usd' });
    const paid = await kit.request('POST', `/v1/invoices/${invoice.id}/void`, { reason: 'Wrong.' });
    const noReason = await kit.request('POST', `/v1/invoices/${invoice.id}/void`, {});
    expect([paid.status, paid.json().code]).toEqual([409, 'invoice.has_payments']);
    expect(noReason.status).toBe(400);
    expect((await kit.request('GET', `/v1/invoices/${invoice.id}`)).json()).toMatchObject({ status: 'open', amount_due_cents: 809_900 });
  });

  it('writes off an open balance as uncollectible: invoice.uncollectible with the amount, timer cancelled; finance and admin only', async () => {
    // given a deposit of 8,100.00 with 1,000.00 paid
    const { contractId, invoice } = await anIssuedDeposit();
    await kit.pay({ invoice_id: invoice.id, amount_cents: 100_000, currency: 'usd' });
    // when a project manager tries, then finance writes it off (an Idempotency-Key required)
    const byProjectManager = await injectAs(kit.service.app, 'project_manager', {
      method: 'POST',
      url: `/v1/invoices/${invoice.id}/mark-uncollectible`,
      payload: { reason: 'Client insolvent.' },
      headers: { 'idempotency-key': uniqueName('write-off') },
    });
    const noKey = await kit.request('POST', `/v1/invoices/${invoice.id}/mark-uncollectible`, { reason: 'Client insolvent.' });
    const byFinance = await injectAs(kit.service.app, 'finance', {
      method: 'POST',
      url: `/v1/invoices/${invoice.id}/mark-uncollectible`,
      payload: { reason: 'Client insolvent.' },
      headers: { 'idempotency-key': uniqueName('write-off') },
    });
    // then only finance's is carried out
    expect(byProjectManager.statusCode).toBe(403);
    expect([noKey.status, noKey.json().code]).toEqual([400, 'idempotency_key.missing']);
    expect(byFinance.statusCode).toBe(200);
    expect(byFinance.json()).toMatchObject({ status: 'uncollectible', amount_written_off_cents: 710_000, amount_due_cents: 0, closing_reason: 'Client insolvent.' });
    expect(await kit.overdueTimerOf(invoice.id)).toMatchObject({ state: 'cancelled' });
    const [uncollectible] = await kit.awaitEvents('invoice.uncollectible', contractId, 1);
    expect(uncollectible.data).toMatchObject({ invoice_id: invoice.id, amount_uncollectible_cents: 710_000, reason: 'Client insolvent.' });
    expect(await kit.financialStatusOf(contractId)).toMatchObject({ billed_cents: 810_000, paid_cents: 100_000, written_off_cents: 710_000, outstanding_cents: 0 });
    // and the write-off is in the audit log, by whom
    const audit = (await kit.request('GET', `/v1/audit-log?target_id=${invoice.id}`)).json() as { data: { command: string; outcome: string; actor_role: string }[] };
    expect(audit.data).toContainEqual(expect.objectContaining({ command: 'POST /v1/invoices/:id/mark-uncollectible', outcome: 'succeeded', actor_role: 'finance' }));
  });

  it("marks an invoice uncollectible when collections writes it off, once, naming collections' case", async () => {
    // given a contract with two issued invoices
    const { contractId } = await kit.anActiveContract();
    const first = await kit.issued(contractId, 1, 750_000);
    const second = await kit.issued(contractId, 2, 750_000);
    const writtenOff = (invoice: InvoiceJson) => ({
      case_id: newId('case'),
      client_id: invoice.client_id as string,
      contract_id: contractId,
      invoice_id: invoice.id,
      invoice_number: invoice.number as string,
      amount_written_off_cents: 750_000,
      reason: 'Agency returned the file: client insolvent.',
    });
    // when collections writes the first off, the same write-off comes again (a new event), then the second's
    const firstWriteOff = writtenOff(first);
    await kit.publish('collections.written_off', firstWriteOff);
    await kit.publish('collections.written_off', { ...firstWriteOff, case_id: newId('case') });
    await kit.publish('collections.written_off', writtenOff(second));
    // then both are uncollectible, and the first was announced once, with its case
    const events = await kit.awaitEvents('invoice.uncollectible', contractId, 2);
    expect(events.map((event) => [event.data.invoice_id, event.data.case_id])).toEqual([
      [first.id, firstWriteOff.case_id],
      [second.id, expect.stringMatching(/^case_/)],
    ]);
    expect(events[0].data).toMatchObject({ amount_uncollectible_cents: 750_000, reason: 'Agency returned the file: client insolvent.' });
    expect((await kit.request('GET', `/v1/invoices/${first.id}`)).json()).toMatchObject({ status: 'uncollectible', amount_written_off_cents: 750_000 });
    expect(kit.eventsOf('invoice.uncollectible', contractId)).toHaveLength(2);
  });

  describe('an issued credit note in the database', () => {
    let runtime: Client;
    let owner: Client;

    beforeAll(async () => {
      runtime = new Client({ connectionString: testServiceDatabaseUrl('invoicing-service') });
      owner = new Client({ connectionString: testServiceMigrationDatabaseUrl('invoicing-service') });
      await runtime.connect();
      await owner.connect();
    });

    afterAll(async () => {
      await runtime?.end();
      await owner?.end();
    });

    it('cannot be changed nor deleted, by the runtime role (no privilege) nor by the owner (the trigger)', async () => {
      const { invoice } = await anIssuedDeposit();
      const note = (await creditNote({ invoice_id: invoice.id, reason: 'Goodwill.', amount_cents: 1_000 })).json();
      await expect(runtime.query(`UPDATE invoicing.credit_notes SET total_cents = 1 WHERE id = $1`, [note.id])).rejects.toThrow(/permission denied/);
      await expect(runtime.query(`DELETE FROM invoicing.credit_notes WHERE id = $1`, [note.id])).rejects.toThrow(/permission denied/);
      await expect(owner.query(`UPDATE invoicing.credit_notes SET reason = 'rewritten' WHERE id = $1`, [note.id])).rejects.toThrow(/never changed or deleted/);
      await expect(owner.query(`DELETE FROM invoicing.credit_notes WHERE id = $1`, [note.id])).rejects.toThrow(/never changed or deleted/);
      // and an invoice cannot be paid and credited beyond what it asked for
      await expect(owner.query(`UPDATE invoicing.invoices SET amount_credited_cents = payable_cents + 1 WHERE id = $1`, [invoice.id])).rejects.toThrow(/invoices_settled_within_payable/);
      expect((await kit.request('GET', `/v1/credit-notes/${note.id}`)).json()).toMatchObject({ reason: 'Goodwill.', total_cents: 1_080 });
    });
  });
});

/** The text an uncompressed pdfkit PDF shows (as invoicing.spec.ts reads it). */
function pdfText(pdf: Buffer): string {
  const lines = pdf.toString('latin1').match(/\[[^\]]*\]\s*TJ/g) ?? [];
  return lines
    .map((line) => [...line.matchAll(/<([0-9a-fA-F]*)>/g)].map((part) => Buffer.from(part[1], 'hex').toString('latin1')).join(''))
    .join('\n');
}
