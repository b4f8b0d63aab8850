import { InMemoryUnitOfWork, RecordingEventOutbox } from '@mb/testing';
import { InMemoryInvoiceRepository } from '../../../test/fakes/in-memory-invoice.repository';
import { aDraftInvoice, anOpenInvoice } from '../../domain/invoice/invoice.fixtures';
import { aPaymentFor } from '../../domain/payment/payment.fixtures';
import { AnnounceInvoiceOverdueHandler } from './announce-invoice-overdue.handler';

describe('AnnounceInvoiceOverdueHandler', () => {
  // The fixtures' open invoices are due on 2026-06-12, so they fall overdue at 2026-06-13T00:00Z.
  const threeDaysLate = new Date('2026-06-15T08:00:00Z');

  function setUp(at: Date) {
    const unitOfWork = new InMemoryUnitOfWork();
    const invoices = new InMemoryInvoiceRepository();
    const outbox = new RecordingEventOutbox();
    const clock = { current: at, now: () => clock.current };
    const handler = new AnnounceInvoiceOverdueHandler(unitOfWork, invoices, outbox, clock);
    return { unitOfWork, invoices, outbox, clock, handler };
  }

  it('announces an open invoice past its due date with its open balance and the days late by the clock', async () => {
    // given, three days past its due date, a partly paid open invoice
    const { unitOfWork, invoices, outbox, handler } = setUp(threeDaysLate);
    const invoice = anOpenInvoice();
    aPaymentFor(invoice, { id: 'pay_01JTEST0000000000000000001', amountCents: 200_000, currency: 'usd', externalReference: null, now: threeDaysLate });
    invoice.pullEvents();
    await invoices.add(invoice);
    // when its overdue timer fires
    const outcome = await handler.execute({ invoiceId: invoice.id });
    // then invoice.overdue asks for what is left, three days late, and the invoice is marked announced, in one unit of work
    expect(outcome).toBe('announced');
    expect(outbox.names()).toEqual(['invoice.overdue']);
    expect(outbox.only('invoice.overdue')).toMatchObject({ invoice_id: invoice.id, amount_due_cents: 550_000, due_date: '2026-06-12', days_overdue: 3 });
    expect(invoices.stored(invoice.id)).toMatchObject({ overdueAnnouncedAt: threeDaysLate.toISOString(), version: 2 });
    expect(unitOfWork.unitsRun).toBe(1);
  });

  it('announces it once: a timer firing again, even days later, changes nothing', async () => {
    // given an open invoice past due, already announced
    const { invoices, outbox, clock, handler } = setUp(threeDaysLate);
    const invoice = anOpenInvoice();
    await invoices.add(invoice);
    await handler.execute({ invoiceId: invoice.id });
    // when its timer fires again, then and two days later
    const again = await handler.execute({ invoiceId: invoice.id });
    clock.current = new Date('2026-06-17T08:00:00Z');
    const later = await handler.execute({ invoiceId: invoice.id });
    // then nothing more is announced or saved
    expect([again, later]).toEqual(['already_announced', 'already_announced']);
    expect(outbox.names()).toEqual(['invoice.overdue']);
    expect(invoices.stored(invoice.id)).toMatchObject({ overdueAnnouncedAt: threeDaysLate.toISOString(), version: 2 });
  });

  it('leaves alone an invoice paid in full before its timer fired', async () => {
    // given an invoice paid in full
    const { invoices, outbox, handler } = setUp(threeDaysLate);
    const invoice = anOpenInvoice();
    aPaymentFor(invoice, { id: 'pay_01JTEST0000000000000000002', amountCents: 750_000, currency: 'usd', externalReference: null, now: threeDaysLate });
    invoice.pullEvents();
    await invoices.add(invoice);
    // when its timer fires (it was due before the payment's cancellation committed)
    const outcome = await handler.execute({ invoiceId: invoice.id });
    // then nothing is announced and the invoice is untouched
    expect(outcome).toBe('not_open');
    expect(outbox.recorded).toEqual([]);
    expect(invoices.stored(invoice.id)).toMatchObject({ status: 'paid', overdueAnnouncedAt: null, version: 1 });
  });

  it('fails a timer that fires before the invoice is past due by the clock, so that it fires again later', async () => {
    // given an open invoice and the clock in the last second of its due date
    const { invoices, outbox, clock, handler } = setUp(new Date('2026-06-12T23:59:59Z'));
    const invoice = anOpenInvoice();
    await invoices.add(invoice);
    // when its timer fires a moment early
    // then it fails, announcing nothing, to be retried
    await expect(handler.execute({ invoiceId: invoice.id })).rejects.toThrow('not past due yet');
    expect(outbox.recorded).toEqual([]);
    expect(invoices.stored(invoice.id)).toMatchObject({ overdueAnnouncedAt: null, version: 1 });
    // and when it fires again once the day has turned, the invoice is announced, one day late
    clock.current = new Date('2026-06-13T00:00:10Z');
    expect(await handler.execute({ invoiceId: invoice.id })).toBe('announced');
    expect(outbox.only('invoice.overdue')).toMatchObject({ invoice_id: invoice.id, days_overdue: 1 });
  });

  it('refuses a timer for an invoice that does not exist, so that it is not retried', async () => {
    const { outbox, handler } = setUp(threeDaysLate);
    await expect(handler.execute({ invoiceId: 'inv_01JNOSUCHINVOICE000000000' })).rejects.toMatchObject({ kind: 'not_found', code: 'invoice.not_found' });
    expect(outbox.recorded).toEqual([]);
  });

  it('leaves a draft alone', async () => {
    const { invoices, outbox, handler } = setUp(threeDaysLate);
    const draft = aDraftInvoice();
    await invoices.add(draft);
    expect(await handler.execute({ invoiceId: draft.id })).toBe('not_open');
    expect(outbox.recorded).toEqual([]);
  });
});
