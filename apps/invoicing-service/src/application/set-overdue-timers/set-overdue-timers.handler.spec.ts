import { InMemoryUnitOfWork, RecordingTimers } from '@mb/testing';
import { InMemoryInvoiceRepository } from '../../../test/fakes/in-memory-invoice.repository';
import { aDraftInvoice, anOpenInvoice } from '../../domain/invoice/invoice.fixtures';
import { INVOICE_OVERDUE_TIMER } from '../announce-invoice-overdue/announce-invoice-overdue.handler';
import { OVERDUE_TIMER_PAGE_SIZE, SetOverdueTimersHandler } from './set-overdue-timers.handler';

describe('SetOverdueTimersHandler', () => {
  function setUp() {
    const unitOfWork = new InMemoryUnitOfWork();
    const invoices = new InMemoryInvoiceRepository();
    const timers = new RecordingTimers(unitOfWork);
    return { unitOfWork, invoices, timers, handler: new SetOverdueTimersHandler(unitOfWork, invoices, timers) };
  }

  it('sets the overdue timer of each open invoice never announced, at the day after its due date, and of no draft', async () => {
    // given an open invoice due 2026-06-12 and a draft, neither with a timer (issued before timers)
    const { invoices, timers, handler } = setUp();
    const open = anOpenInvoice({ id: 'inv_open', milestoneIndex: 1 });
    await invoices.add(open);
    await invoices.add(aDraftInvoice({ id: 'inv_draft', milestoneIndex: 2 }));
    // when the timers are set (at start)
    const count = await handler.execute();
    // then the open one has its timer, due at 00:00 UTC the day after its due date
    expect(count).toBe(1);
    expect(timers.pending()).toEqual([{ timer: INVOICE_OVERDUE_TIMER, key: open.id, dueAt: new Date('2026-06-13T00:00:00Z'), data: { due_date: '2026-06-12' } }]);
  });

  it('pages through every open invoice, a unit of work per page', async () => {
    // given more open invoices than a page holds
    const { unitOfWork, invoices, timers, handler } = setUp();
    const total = OVERDUE_TIMER_PAGE_SIZE + 3;
    for (let index = 1; index <= total; index += 1) await invoices.add(anOpenInvoice({ id: `inv_${String(index).padStart(4, '0')}`, milestoneIndex: index }));
    // when the timers are set
    const count = await handler.execute();
    // then each has one, set in two units of work
    expect(count).toBe(total);
    expect(new Set(timers.pending().map((set) => set.key)).size).toBe(total);
    expect(unitOfWork.unitsRun).toBe(2);
  });
});
