import { InMemoryUnitOfWork, RecordingEventOutbox, RecordingTimers } from '@mb/testing';
import { InMemoryInvoiceRepository } from '../../../test/fakes/in-memory-invoice.repository';
import { anOpenInvoice } from '../../domain/invoice/invoice.fixtures';
import { aPaymentFor } from '../../domain/payment/payment.fixtures';
import { INVOICE_OVERDUE_TIMER } from '../announce-invoice-overdue/announce-invoice-overdue.handler';
import { MarkInvoiceUncollectibleHandler } from '../mark-invoice-uncollectible/mark-invoice-uncollectible.handler';
import { VoidInvoiceHandler } from './void-invoice.handler';
import { RecordingPaymentReminders } from '../../../test/fakes/recording-payment-reminders';

describe('VoidInvoiceHandler and MarkInvoiceUncollectibleHandler', () => {
  const now = new Date('2026-06-10T09:00:00Z');

  async function setUp(paidCents = 0) {
    const unitOfWork = new InMemoryUnitOfWork();
    const invoices = new InMemoryInvoiceRepository();
    const outbox = new RecordingEventOutbox();
    const timers = new RecordingTimers(unitOfWork);
    const invoice = anOpenInvoice();
    if (paidCents > 0) aPaymentFor(invoice, { id: 'pay_1', amountCents: paidCents, currency: 'usd', now });
    invoice.pullEvents();
    await invoices.add(invoice);
    const clock = { now: () => now };
    return {
      invoices,
      outbox,
      timers,
      unitOfWork,
      voidInvoice: new VoidInvoiceHandler(unitOfWork, invoices, outbox, timers, clock, new RecordingPaymentReminders()),
      writeOff: new MarkInvoiceUncollectibleHandler(unitOfWork, invoices, outbox, timers, clock, new RecordingPaymentReminders()),
      invoiceId: invoice.id,
    };
  }

  it('voids an open invoice: saved void, invoice.voided announced, overdue timer cancelled, in one unit of work', async () => {
    const { invoices, outbox, timers, unitOfWork, voidInvoice, invoiceId } = await setUp();
    const invoice = await voidInvoice.execute({ invoiceId, reason: 'Wrong PO reference.' });
    expect(invoice).toMatchObject({ status: 'void', closingReason: 'Wrong PO reference.' });
    expect(invoices.stored(invoiceId)).toMatchObject({ status: 'void', closedAt: now.toISOString(), version: 2 });
    expect(outbox.names()).toEqual(['invoice.voided']);
    expect(outbox.only('invoice.voided')).toMatchObject({ invoice_id: invoiceId, invoice_number: 'INV-2026-000001', total_cents: 750_000, voided_at: now.toISOString(), reason: 'Wrong PO reference.' });
    expect(timers.cancelled).toEqual([{ timer: INVOICE_OVERDUE_TIMER, key: invoiceId }]);
    expect(unitOfWork.unitsRun).toBe(1);
  });

  it('refuses to void an invoice with a payment on it, saving and announcing nothing', async () => {
    const { invoices, outbox, timers, voidInvoice, invoiceId } = await setUp(100);
    await expect(voidInvoice.execute({ invoiceId, reason: 'Wrong PO reference.' })).rejects.toMatchObject({ code: 'invoice.has_payments' });
    expect(invoices.stored(invoiceId)).toMatchObject({ status: 'open', version: 1 });
    expect(outbox.names()).toEqual([]);
    expect(timers.cancelled).toEqual([]);
  });

  it('writes off the open balance: invoice.uncollectible with the amount given up, overdue timer cancelled', async () => {
    const { invoices, outbox, timers, writeOff, invoiceId } = await setUp(250_000);
    const invoice = await writeOff.execute({ invoiceId, reason: 'Client insolvent.' });
    expect(invoice).toMatchObject({ status: 'uncollectible', amountWrittenOffCents: 500_000 });
    expect(invoices.stored(invoiceId)).toMatchObject({ status: 'uncollectible', amountWrittenOffCents: 500_000 });
    expect(outbox.only('invoice.uncollectible')).toMatchObject({ invoice_id: invoiceId, amount_uncollectible_cents: 500_000, marked_at: now.toISOString(), reason: 'Client insolvent.' });
    expect(timers.cancelled).toEqual([{ timer: INVOICE_OVERDUE_TIMER, key: invoiceId }]);
  });

  it("writes off for collections naming its case, and leaves an invoice no longer open as it is", async () => {
    const { outbox, writeOff, invoiceId } = await setUp();
    expect(await writeOff.executeForCollections({ invoiceId, reason: 'Agency returned the file.', caseId: 'case_1', causationId: 'evt_1' })).toBe('written_off');
    expect(outbox.only('invoice.uncollectible')).toMatchObject({ invoice_id: invoiceId, case_id: 'case_1', amount_uncollectible_cents: 750_000 });
    // the same write-off again: nothing more
    expect(await writeOff.executeForCollections({ invoiceId, reason: 'Agency returned the file.', caseId: 'case_1', causationId: 'evt_2' })).toBe('not_open');
    expect(outbox.names()).toEqual(['invoice.uncollectible']);
  });

  it('refuses an unknown invoice', async () => {
    const { writeOff } = await setUp();
    await expect(writeOff.execute({ invoiceId: 'inv_missing', reason: 'x' })).rejects.toMatchObject({ code: 'invoice.not_found' });
  });
});
