import { DomainRejection } from '@mb/kernel';
import { InMemoryUnitOfWork, RecordingEventOutbox, RecordingTimers } from '@mb/testing';
import { InMemoryCreditNoteRepository } from '../../../test/fakes/in-memory-credit-note.repository';
import { InMemoryInvoiceNumberSeriesRepository } from '../../../test/fakes/in-memory-invoice-number-series.repository';
import { InMemoryInvoiceRepository } from '../../../test/fakes/in-memory-invoice.repository';
import { aDraftInvoice, anOpenInvoiceOfLines } from '../../domain/invoice/invoice.fixtures';
import { aPaymentFor } from '../../domain/payment/payment.fixtures';
import { INVOICE_OVERDUE_TIMER } from '../announce-invoice-overdue/announce-invoice-overdue.handler';
import { IssueCreditNoteHandler } from './issue-credit-note.handler';
import { RecordingPaymentReminders } from '../../../test/fakes/recording-payment-reminders';

describe('IssueCreditNoteHandler', () => {
  // 23:30 on 31 December in Auckland's summer (UTC+13) is already 1 January there.
  const now = new Date('2026-12-31T11:30:00Z');

  async function setUp(options: { clientTimeZone?: string; paidCents?: number } = {}) {
    const unitOfWork = new InMemoryUnitOfWork();
    const invoices = new InMemoryInvoiceRepository();
    const creditNotes = new InMemoryCreditNoteRepository();
    const series = new InMemoryInvoiceNumberSeriesRepository({ 'CN-2026': 6, 'CN-2027': 0 }, unitOfWork);
    const outbox = new RecordingEventOutbox();
    const timers = new RecordingTimers(unitOfWork);
    // 1,000.00 + 500.00 at 8 % tax: 1,620.00 payable
    const invoice = anOpenInvoiceOfLines([100_000, 50_000], { taxRateBps: 800, ...(options.clientTimeZone ? { clientTimeZone: options.clientTimeZone } : {}) });
    if (options.paidCents) aPaymentFor(invoice, { id: 'pay_1', amountCents: options.paidCents, currency: 'usd', now });
    invoice.pullEvents();
    await invoices.add(invoice);
    const handler = new IssueCreditNoteHandler(unitOfWork, invoices, creditNotes, series, outbox, timers, { now: () => now }, new RecordingPaymentReminders());
    return { unitOfWork, invoices, creditNotes, series, outbox, timers, handler, invoiceId: invoice.id };
  }

  it('numbers a partial credit note in the CN series, keeps it, lowers the balance and announces it, in one unit of work', async () => {
    const { unitOfWork, invoices, creditNotes, series, outbox, timers, handler, invoiceId } = await setUp();
    // when 250.00 of line 2 is credited
    const { creditNote, invoice } = await handler.execute({ invoiceId, scope: { kind: 'lines', lines: [{ lineNumber: 2, amountCents: 25_000 }] }, reason: 'Descoped.' });
    // then it is CN-2026-000007, dated the client's day, kept, and the invoice owes 1,350.00
    expect(creditNote).toMatchObject({ number: 'CN-2026-000007', issueDate: '2026-12-31', totalCents: 27_000, amountCreditedCents: 27_000 });
    expect(creditNote.id).toMatch(/^cn_/);
    expect(series.lastSequenceOf('CN-2026')).toBe(7);
    expect(creditNotes.all()).toEqual([creditNote]);
    expect(invoice).toMatchObject({ status: 'open', amountCreditedCents: 27_000 });
    expect(invoices.stored(invoiceId)).toMatchObject({ status: 'open', amountCreditedCents: 27_000, version: 2 });
    // and credit_note.issued says what is left and that the invoice is still open
    expect(outbox.names()).toEqual(['credit_note.issued']);
    expect(outbox.only('credit_note.issued')).toMatchObject({
      credit_note_number: 'CN-2026-000007',
      invoice_id: invoiceId,
      invoice_number: 'INV-2026-000001',
      subtotal_cents: 25_000,
      tax_cents: 2_000,
      total_cents: 27_000,
      amount_credited_cents: 27_000,
      invoice_amount_due_cents: 135_000,
      invoice_status: 'open',
      lines: [{ line_number: 1, invoice_line_number: 2, amount_cents: 25_000, tax_rate_bps: 800, tax_cents: 2_000 }],
    });
    expect(unitOfWork.unitsRun).toBe(1);
    expect(timers.cancelled).toEqual([]);
  });

  it("numbers by the client's calendar year: already 2027 in Auckland", async () => {
    const { handler, invoiceId } = await setUp({ clientTimeZone: 'Pacific/Auckland' });
    const { creditNote } = await handler.execute({ invoiceId, scope: { kind: 'amount', amountCents: 100 }, reason: 'Goodwill.' });
    expect(creditNote).toMatchObject({ number: 'CN-2027-000001', issueDate: '2027-01-01' });
  });

  it('credits the rest in full: the invoice is credited, its overdue timer cancelled', async () => {
    const { outbox, timers, handler, invoiceId } = await setUp();
    const { invoice } = await handler.execute({ invoiceId, scope: { kind: 'full' }, reason: 'Project cancelled.' });
    expect(invoice.status).toBe('credited');
    expect(outbox.names()).toEqual(['credit_note.issued']);
    expect(outbox.only('credit_note.issued')).toMatchObject({ total_cents: 162_000, invoice_amount_due_cents: 0, invoice_status: 'credited' });
    expect(timers.cancelled).toEqual([{ timer: INVOICE_OVERDUE_TIMER, key: invoiceId }]);
  });

  it('settles as paid an invoice whose payments the credit completes, announcing invoice.paid after the credit note', async () => {
    const { outbox, timers, handler, invoiceId } = await setUp({ paidCents: 150_000 });
    const { invoice } = await handler.execute({ invoiceId, scope: { kind: 'amount', amountCents: 11_111 }, reason: 'Late delivery discount.' });
    expect(invoice).toMatchObject({ status: 'paid', amountPaidCents: 150_000, amountCreditedCents: 12_000 });
    expect(outbox.names()).toEqual(['credit_note.issued', 'invoice.paid']);
    expect(outbox.only('credit_note.issued')).toMatchObject({ invoice_status: 'paid', invoice_amount_due_cents: 0 });
    expect(timers.cancelled).toEqual([{ timer: INVOICE_OVERDUE_TIMER, key: invoiceId }]);
  });

  it('refuses a credit above the balance, takes no number and announces nothing', async () => {
    const { creditNotes, series, outbox, handler, invoiceId } = await setUp({ paidCents: 150_000 });
    await expect(handler.execute({ invoiceId, scope: { kind: 'full' }, reason: 'Cancelled.' })).rejects.toMatchObject({ code: 'credit_note.exceeds_balance' });
    expect(series.lastSequenceOf('CN-2026')).toBe(6);
    expect(creditNotes.all()).toEqual([]);
    expect(outbox.names()).toEqual([]);
  });

  it('refuses an unknown invoice and a draft', async () => {
    const { invoices, handler } = await setUp();
    await expect(handler.execute({ invoiceId: 'inv_missing', scope: { kind: 'full' }, reason: 'x' })).rejects.toMatchObject({ code: 'invoice.not_found' });
    const draft = aDraftInvoice({ id: 'inv_01JTEST0000000000000000099', milestoneIndex: 9 });
    await invoices.add(draft);
    const refusal = await handler.execute({ invoiceId: draft.id, scope: { kind: 'full' }, reason: 'x' }).catch((error: unknown) => error);
    expect(refusal).toBeInstanceOf(DomainRejection);
    expect(refusal).toMatchObject({ code: 'invoice.not_open' });
  });
});
