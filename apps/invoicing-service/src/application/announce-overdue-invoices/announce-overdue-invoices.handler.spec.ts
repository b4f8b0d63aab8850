import { InMemoryUnitOfWork, RecordingEventOutbox } from '@mb/testing';
import { InMemoryInvoiceRepository } from '../../../test/fakes/in-memory-invoice.repository';
import { aDraftInvoice, anOpenInvoice } from '../../domain/invoice/invoice.fixtures';
import { Payment } from '../../domain/payment/payment';
import { AnnounceOverdueInvoicesHandler } from './announce-overdue-invoices.handler';

describe('AnnounceOverdueInvoicesHandler', () => {
  // The fixtures' open invoices are due on 2026-06-12.
  const threeDaysLate = new Date('2026-06-15T08:00:00Z');

  function setUp(at: Date) {
    const unitOfWork = new InMemoryUnitOfWork();
    const invoices = new InMemoryInvoiceRepository();
    const outbox = new RecordingEventOutbox();
    const clock = { current: at, now: () => clock.current };
    const handler = new AnnounceOverdueInvoicesHandler(unitOfWork, invoices, outbox, clock);
    return { unitOfWork, invoices, outbox, clock, handler };
  }

  function invoiceId(n: number): string {
    return `inv_01JTEST${String(n).padStart(19, '0')}`;
  }

  it('announces each open invoice past its due date once, with its open balance and the days late', async () => {
    // given, three days past their due date, a partly paid open invoice, a paid one and a draft
    const { invoices, outbox, clock, handler } = setUp(threeDaysLate);
    const partlyPaid = anOpenInvoice({ id: invoiceId(1), milestoneIndex: 1 });
    Payment.receive({ id: 'pay_01JTEST0000000000000000001', invoice: partlyPaid, amountCents: 200_000, currency: 'usd', reference: null, now: threeDaysLate });
    const paid = anOpenInvoice({ id: invoiceId(2), milestoneIndex: 2 });
    Payment.receive({ id: 'pay_01JTEST0000000000000000002', invoice: paid, amountCents: 750_000, currency: 'usd', reference: null, now: threeDaysLate });
    for (const invoice of [partlyPaid, paid, aDraftInvoice({ id: invoiceId(3), milestoneIndex: 3 })]) {
      invoice.pullEvents();
      await invoices.add(invoice);
    }
    // when the scan runs
    const announced = await handler.execute();
    // then only the open invoice is announced, asking for what is left, and is marked announced
    expect(announced).toBe(1);
    expect(outbox.names()).toEqual(['invoice.overdue']);
    expect(outbox.only('invoice.overdue')).toMatchObject({ invoice_id: invoiceId(1), amount_due_cents: 550_000, due_date: '2026-06-12', days_overdue: 3 });
    expect(invoices.stored(invoiceId(1))).toMatchObject({ overdueAnnouncedAt: threeDaysLate.toISOString(), version: 2 });
    // and a scan days later announces it no more
    clock.current = new Date('2026-06-20T08:00:00Z');
    expect(await handler.execute()).toBe(0);
    expect(outbox.names()).toEqual(['invoice.overdue']);
  });

  it('leaves an invoice alone on its due date', async () => {
    // given an open invoice and the clock on its due date
    const { invoices, outbox, handler } = setUp(new Date('2026-06-12T23:00:00Z'));
    await invoices.add(anOpenInvoice());
    // when the scan runs, then nothing is late yet
    expect(await handler.execute()).toBe(0);
    expect(outbox.recorded).toEqual([]);
  });

  it('works through more overdue invoices than one batch holds, one unit of work per batch', async () => {
    // given 150 open invoices past due
    const { unitOfWork, invoices, outbox, handler } = setUp(threeDaysLate);
    for (let n = 1; n <= 150; n += 1) await invoices.add(anOpenInvoice({ id: invoiceId(n), milestoneIndex: n }));
    // when the scan runs
    const announced = await handler.execute();
    // then every one is announced once, in a batch of 100 and one of 50
    expect(announced).toBe(150);
    expect(new Set(outbox.recorded.map((event) => (event.data as { invoice_id: string }).invoice_id)).size).toBe(150);
    expect(unitOfWork.unitsRun).toBe(2);
  });
});
