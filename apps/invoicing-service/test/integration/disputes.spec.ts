import { newId } from '@mb/kernel';
import { eventually, InvoicingTestKit, type InvoiceJson } from './invoicing-test-kit';

/**
 * Issue 11 "Disputes", invoicing's side against real PostgreSQL and Kafka: an invoice is in dispute
 * between collections.dispute_opened and collections.dispute_resolved (or dispute_withdrawn, issue 15); an upheld dispute is credited
 * by exactly one credit note, however often its resolution is delivered.
 */
describe('invoice disputes', () => {
  let kit: InvoicingTestKit;

  beforeAll(async () => {
    kit = await InvoicingTestKit.start();
    await kit.moveClockTo('2031-05-01T10:00:00Z');
  });

  afterAll(async () => {
    await kit?.close();
  });

  /** An issued deposit of 7,500.00 + 8 % tax = 8,100.00. */
  async function anIssuedDeposit(): Promise<{ contractId: string; invoice: InvoiceJson }> {
    const { contractId } = await kit.anActiveContract({ tax_rate_bps: 800 });
    return { contractId, invoice: await kit.issued(contractId, 1, 750_000) };
  }

  function theDispute(invoice: InvoiceJson, contractId: string) {
    return {
      dispute_id: newId('dsp'),
      client_id: invoice.client_id as string,
      invoice_id: invoice.id,
      invoice_number: invoice.number as string,
      contract_id: contractId,
      currency: 'usd',
      amount_cents: 108_000,
      reason: 'Two screens were never delivered.',
      opened_at: '2031-05-01T09:00:00.000Z',
    };
  }

  const invoiceNow = async (id: string) => (await kit.request('GET', `/v1/invoices/${id}`)).json();

  it('shows the invoice in dispute, then credits an upheld dispute once even when its resolution comes twice', async () => {
    // given an issued invoice of 8,100.00 and a dispute of 1,080.00 of it
    const { contractId, invoice } = await anIssuedDeposit();
    const dispute = theDispute(invoice, contractId);
    await kit.publish('collections.dispute_opened', { ...dispute, invoice_balance_cents: 810_000, whole_invoice: false });

    // then the invoice shows in dispute, in the list too
    await kit.awaitEvents('invoice.issued', contractId, 1);
    const disputed = await eventuallyInvoice(invoice.id, (found) => found.in_dispute === true);
    expect(disputed.in_dispute).toBe(true);
    expect((await kit.invoicesOf(contractId)).find((found) => found.id === invoice.id)?.in_dispute).toBe(true);

    // when finance upholds it, and the resolution is delivered twice (the same event redelivered)
    const resolved = await kit.publish('collections.dispute_resolved', {
      ...dispute,
      outcome: 'upheld',
      note: 'Confirmed with the project lead.',
      credit_amount_cents: 108_000,
      resolved_at: '2031-05-01T10:00:00.000Z',
    });
    await kit.redeliver('collections.dispute_resolved', resolved);
    // and once more as a new event about the same dispute (a producer retry after a lost ack)
    await kit.publish('collections.dispute_resolved', { ...resolved.data });

    // then one credit note of 1,000.00 + 80.00 tax is issued with the dispute as its reason
    const [credit] = await kit.awaitEvents('credit_note.issued', contractId, 1);
    expect(credit.data).toMatchObject({ invoice_id: invoice.id, subtotal_cents: 100_000, tax_cents: 8_000, amount_credited_cents: 108_000, invoice_amount_due_cents: 702_000 });
    expect(credit.data.reason).toContain(`Dispute ${dispute.dispute_id} upheld: Two screens were never delivered.`);
    // and the invoice is no longer in dispute, its balance lowered by the credit
    const after = await eventuallyInvoice(invoice.id, (found) => found.in_dispute === false);
    expect(after).toMatchObject({ status: 'open', amount_credited_cents: 108_000, amount_due_cents: 702_000 });

    // and after a later event of the same contract was handled, still only one credit note
    const marker = await kit.issued(contractId, 2, 750_000);
    expect(marker.status).toBe('open');
    expect(kit.eventsOf('credit_note.issued', contractId)).toHaveLength(1);
    const creditNotes = (await kit.request('GET', `/v1/credit-notes?invoice_id=${invoice.id}`)).json();
    expect(creditNotes.data).toHaveLength(1);
  });

  it('credits nothing for a rejected dispute and shows the invoice out of dispute', async () => {
    // given an invoice in dispute
    const { contractId, invoice } = await anIssuedDeposit();
    const dispute = theDispute(invoice, contractId);
    await kit.publish('collections.dispute_opened', { ...dispute, invoice_balance_cents: 810_000, whole_invoice: false });
    await eventuallyInvoice(invoice.id, (found) => found.in_dispute === true);
    // when the dispute is rejected
    await kit.publish('collections.dispute_resolved', { ...dispute, outcome: 'rejected', note: 'Delivered on 2031-04-02.', credit_amount_cents: undefined, resolved_at: '2031-05-01T10:00:00.000Z' });
    // then the invoice is out of dispute, owing what it did
    const after = await eventuallyInvoice(invoice.id, (found) => found.in_dispute === false);
    expect(after).toMatchObject({ status: 'open', amount_credited_cents: 0, amount_due_cents: 810_000 });
    // and no credit note was issued (a later event of the contract was handled first)
    await kit.issued(contractId, 2, 750_000);
    expect(kit.eventsOf('credit_note.issued', contractId)).toEqual([]);
  });

  it('takes the invoice out of dispute when the client withdraws the dispute, crediting nothing (issue 15)', async () => {
    // given an invoice in dispute
    const { contractId, invoice } = await anIssuedDeposit();
    const dispute = theDispute(invoice, contractId);
    await kit.publish('collections.dispute_opened', { ...dispute, invoice_balance_cents: 810_000, whole_invoice: false });
    await eventuallyInvoice(invoice.id, (found) => found.in_dispute === true);
    // when the client withdraws it
    await kit.publish('collections.dispute_withdrawn', { ...dispute, withdrawn_by: { role: 'client', subject: 'usr_client_ap' }, withdrawn_at: '2031-05-01T10:00:00.000Z' });
    // then the invoice is out of dispute, owing what it did, and no credit note was issued
    const after = await eventuallyInvoice(invoice.id, (found) => found.in_dispute === false);
    expect(after).toMatchObject({ status: 'open', amount_credited_cents: 0, amount_due_cents: 810_000 });
    await kit.issued(contractId, 2, 750_000);
    expect(kit.eventsOf('credit_note.issued', contractId)).toEqual([]);
  });

  it('leaves an invoice out of dispute when the withdrawal is heard before the opening (two topics)', async () => {
    // given a withdrawal heard first, then the opening it withdrew
    const { contractId, invoice } = await anIssuedDeposit();
    const dispute = theDispute(invoice, contractId);
    await kit.publish('collections.dispute_withdrawn', { ...dispute, withdrawn_by: { role: 'finance', subject: 'usr_finance_lead' }, withdrawn_at: '2031-05-01T10:00:00.000Z' });
    await eventually(
      () => kit.service.runtime.dataSource.query(`SELECT status FROM invoicing.invoice_disputes WHERE dispute_id = $1`, [dispute.dispute_id]),
      (rows: { status: string }[]) => rows[0]?.status === 'withdrawn',
      'the withdrawal recorded',
    );
    const opened = await kit.publish('collections.dispute_opened', { ...dispute, invoice_balance_cents: 810_000, whole_invoice: false });
    // then once the opening is applied (its inbox record is written with its effect), the invoice is not in dispute
    await eventually(
      () => kit.service.runtime.dataSource.query(`SELECT 1 FROM invoicing.inbox WHERE event_id = $1`, [opened.id]),
      (rows: unknown[]) => rows.length === 1,
      'the opening applied',
    );
    expect((await invoiceNow(invoice.id)).in_dispute).toBe(false);
  });

  it('never credits more than is still owed when a payment came in during the dispute', async () => {
    // given an invoice of 8,100.00 disputed in whole, then 7,500.00 of it paid
    const { contractId, invoice } = await anIssuedDeposit();
    const dispute = { ...theDispute(invoice, contractId), amount_cents: 810_000 };
    await kit.publish('collections.dispute_opened', { ...dispute, invoice_balance_cents: 810_000, whole_invoice: true });
    expect((await kit.pay({ client_id: invoice.client_id, currency: 'usd', amount_cents: 750_000, invoice_id: invoice.id, received_on: '2031-05-01' })).status).toBe(201);
    // when the whole dispute is upheld
    await kit.publish('collections.dispute_resolved', { ...dispute, outcome: 'upheld', note: 'Agreed.', credit_amount_cents: 810_000, resolved_at: '2031-05-01T10:00:00.000Z' });
    // then only the 600.00 left is credited, and the invoice closes
    const [credit] = await kit.awaitEvents('credit_note.issued', contractId, 1);
    expect(credit.data).toMatchObject({ amount_credited_cents: 60_000, invoice_amount_due_cents: 0 });
  });

  async function eventuallyInvoice(id: string, done: (invoice: Record<string, unknown>) => boolean) {
    return eventually(() => invoiceNow(id), done, `invoice ${id} to change`);
  }
});
