import { InMemoryUnitOfWork, RecordingEventOutbox, RecordingTimers } from '@mb/testing';
import { InMemoryReceivableLedger } from '../../../test/fakes/in-memory-ledger';
import { CaseChanges } from '../case-changes/case-changes.handler';
import { InMemoryCaseRepository } from '../../../test/fakes/in-memory-case.repository';
import { InMemorySettledInvoiceRepository } from '../../../test/fakes/in-memory-settled-invoice.repository';
import { anOpenCase, anOverdueInvoice } from '../../domain/case/case.fixtures';
import { SettleInvoiceHandler } from './settle-invoice.handler';

describe('SettleInvoiceHandler', () => {
  const now = new Date('2026-07-05T14:30:00Z');

  function aHandler() {
    const unitOfWork = new InMemoryUnitOfWork();
    const cases = new InMemoryCaseRepository();
    const settledInvoices = new InMemorySettledInvoiceRepository();
    const outbox = new RecordingEventOutbox();
    const handler = new SettleInvoiceHandler(unitOfWork, cases, settledInvoices, new InMemoryReceivableLedger(), new CaseChanges(cases, outbox, new RecordingTimers()), { now: () => now });
    return { unitOfWork, cases, settledInvoices, outbox, handler };
  }

  it('closes the case as paid when its last invoice is paid, and announces it', async () => {
    // given an open case holding one invoice
    const { unitOfWork, cases, settledInvoices, outbox, handler } = aHandler();
    await cases.add(anOpenCase());
    // when that invoice is paid
    await handler.execute({ invoiceId: 'inv_1', causationId: 'evt_paid_1' });
    // then the case is closed with nothing owed, saved at the next version, in one unit of work
    expect(cases.stored('case_1')).toMatchObject({ status: 'closed', closedAt: now, version: 2, invoices: [{ invoiceId: 'inv_1', balanceCents: 0 }] });
    expect(settledInvoices.settledAt('inv_1')).toEqual(now);
    expect(unitOfWork.unitsRun).toBe(1);
    // and collections.case_closed says so, caused by invoice.paid
    expect(outbox.only('collections.case_closed')).toEqual({ case_id: 'case_1', client_id: 'cli_1', resolution: 'paid', closed_at: now.toISOString() });
    expect(outbox.recorded[0].causationId).toBe('evt_paid_1');
  });

  it('keeps the case open while another of its invoices still has a balance', async () => {
    // given an open case holding two invoices
    const { cases, outbox, handler } = aHandler();
    const collectionsCase = anOpenCase();
    collectionsCase.addOverdueInvoice(anOverdueInvoice({ invoiceId: 'inv_2', amountDueCents: 100_000 }));
    await cases.add(collectionsCase);
    // when only the first is paid
    await handler.execute({ invoiceId: 'inv_1', causationId: 'evt_paid_2' });
    // then its balance is cleared, the case stays open and nothing is announced
    expect(cases.stored('case_1')).toMatchObject({ status: 'open', version: 2 });
    expect(cases.stored('case_1')?.invoices.map((invoice) => invoice.balanceCents)).toEqual([0, 100_000]);
    expect(outbox.recorded).toEqual([]);
  });

  it('remembers an invoice no case holds as paid, so that a late overdue notice opens nothing', async () => {
    // given no case holds the invoice
    const { cases, settledInvoices, outbox, handler } = aHandler();
    // when it is paid
    await handler.execute({ invoiceId: 'inv_9', causationId: 'evt_paid_3' });
    // then it is remembered as settled, and nothing else happens
    await expect(settledInvoices.isSettled('inv_9')).resolves.toBe(true);
    expect(cases.all()).toEqual([]);
    expect(outbox.recorded).toEqual([]);
  });

  it('announces the closing once when the invoice is reported paid twice', async () => {
    // given a case closed by its invoice's payment
    const { cases, settledInvoices, outbox, handler } = aHandler();
    await cases.add(anOpenCase());
    await handler.execute({ invoiceId: 'inv_1', causationId: 'evt_paid_4' });
    // when invoice.paid for it is handled again (a second event, later)
    const later = new Date(now.getTime() + 60_000);
    const again = new SettleInvoiceHandler(new InMemoryUnitOfWork(), cases, settledInvoices, new InMemoryReceivableLedger(), new CaseChanges(cases, outbox, new RecordingTimers()), { now: () => later });
    await again.execute({ invoiceId: 'inv_1', causationId: 'evt_paid_5' });
    // then the closed case is left alone, the first settlement stands, and one closing was announced
    expect(cases.stored('case_1')).toMatchObject({ status: 'closed', closedAt: now, version: 2 });
    expect(settledInvoices.settledAt('inv_1')).toEqual(now);
    expect(outbox.names()).toEqual(['collections.case_closed']);
  });

  it('refuses with case.concurrent_update when the case changed after it was loaded, recording nothing', async () => {
    // given an open case that another writer changes while the payment is applied
    const { cases, outbox, handler } = aHandler();
    await cases.add(anOpenCase());
    cases.anotherWriterChangesTheNextCaseLoaded();
    // when its invoice is paid
    const settling = handler.execute({ invoiceId: 'inv_1', causationId: 'evt_paid_6' });
    // then the save is refused as a conflict, the case is not closed, and nothing is announced
    await expect(settling).rejects.toMatchObject({ kind: 'conflict', code: 'case.concurrent_update' });
    expect(cases.stored('case_1')).toMatchObject({ status: 'open' });
    expect(outbox.recorded).toEqual([]);
  });
});
