import { InMemoryUnitOfWork, RecordingEventOutbox } from '@mb/testing';
import { InMemoryCaseRepository } from '../../../test/fakes/in-memory-case.repository';
import { InMemorySettledInvoiceRepository } from '../../../test/fakes/in-memory-settled-invoice.repository';
import { anOpenCase, anOverdueInvoice, AT } from '../../domain/case/case.fixtures';
import { DEFAULT_DUNNING_LADDER } from '../../domain/dunning/dunning-ladder';
import { TrackOverdueInvoiceHandler } from './track-overdue-invoice.handler';

describe('TrackOverdueInvoiceHandler', () => {
  const now = new Date('2026-07-03T08:00:00Z');

  function aHandler() {
    const unitOfWork = new InMemoryUnitOfWork();
    const cases = new InMemoryCaseRepository();
    const settledInvoices = new InMemorySettledInvoiceRepository();
    const outbox = new RecordingEventOutbox();
    const handler = new TrackOverdueInvoiceHandler(unitOfWork, cases, settledInvoices, outbox, DEFAULT_DUNNING_LADDER, { now: () => now });
    return { unitOfWork, cases, settledInvoices, outbox, handler };
  }

  it('opens a case on the first step of the ladder for a client with none, and announces it', async () => {
    // given a client without a case
    const { unitOfWork, cases, outbox, handler } = aHandler();
    // when one of its invoices goes overdue
    const outcome = await handler.execute({ clientId: 'cli_1', invoice: anOverdueInvoice(), causationId: 'evt_overdue_1' });
    // then a case is opened and saved at version 1, in one unit of work
    expect(outcome).toBe('opened');
    const [opened] = cases.all();
    expect(opened).toMatchObject({ clientId: 'cli_1', status: 'open', stage: 'friendly_reminder', openedAt: now, version: 1 });
    expect(opened.invoices).toEqual([{ ...anOverdueInvoice(), balanceCents: 750_000, writtenOffCents: 0 }]);
    expect(unitOfWork.unitsRun).toBe(1);
    // and collections.case_opened names the case, the stage and the invoice, caused by the overdue notice
    expect(outbox.only('collections.case_opened')).toMatchObject({
      case_id: opened.id,
      client_id: 'cli_1',
      stage: 'friendly_reminder',
      opened_at: now.toISOString(),
      invoice_id: 'inv_1',
      amount_due_cents: 750_000,
      days_overdue: 16,
    });
    expect(outbox.recorded[0].causationId).toBe('evt_overdue_1');
  });

  it("adds a later overdue invoice to the client's open case without announcing a new one", async () => {
    // given a client with an open case
    const { cases, outbox, handler } = aHandler();
    await cases.add(anOpenCase());
    // when a second invoice goes overdue
    const second = anOverdueInvoice({ invoiceId: 'inv_2', invoiceNumber: 'INV-2026-000002', amountDueCents: 100_000 });
    const outcome = await handler.execute({ clientId: 'cli_1', invoice: second, causationId: 'evt_overdue_2' });
    // then it joins that case, saved at the next version, and nothing is announced
    expect(outcome).toBe('joined');
    expect(cases.all()).toHaveLength(1);
    expect(cases.stored('case_1')).toMatchObject({ status: 'open', version: 2 });
    expect(cases.stored('case_1')?.invoices.map((invoice) => [invoice.invoiceId, invoice.balanceCents])).toEqual([
      ['inv_1', 750_000],
      ['inv_2', 100_000],
    ]);
    expect(outbox.recorded).toEqual([]);
  });

  it('answers already_tracked for an invoice its case already holds, changing nothing', async () => {
    // given an open case holding the invoice
    const { cases, outbox, handler } = aHandler();
    await cases.add(anOpenCase());
    // when the same invoice is announced overdue again
    const outcome = await handler.execute({ clientId: 'cli_1', invoice: anOverdueInvoice(), causationId: 'evt_overdue_again' });
    // then the case is not saved again and nothing is announced
    expect(outcome).toBe('already_tracked');
    expect(cases.stored('case_1')).toMatchObject({ version: 1 });
    expect(cases.stored('case_1')?.invoices).toHaveLength(1);
    expect(outbox.recorded).toEqual([]);
  });

  it('opens nothing for an invoice already known to be paid', async () => {
    // given an invoice whose invoice.paid was handled first
    const { cases, settledInvoices, outbox, handler } = aHandler();
    await settledInvoices.add('inv_1', AT);
    // when its overdue notice arrives late
    const outcome = await handler.execute({ clientId: 'cli_1', invoice: anOverdueInvoice(), causationId: 'evt_overdue_late' });
    // then no case is opened and nothing is announced
    expect(outcome).toBe('already_paid');
    expect(cases.all()).toEqual([]);
    expect(outbox.recorded).toEqual([]);
  });

  it("opens a new case when the client's earlier case is closed", async () => {
    // given a client whose only case was closed by payment
    const { cases, outbox, handler } = aHandler();
    const closed = anOpenCase();
    closed.settleInvoice('inv_1', AT);
    closed.pullEvents();
    await cases.add(closed);
    // when another invoice goes overdue
    const outcome = await handler.execute({ clientId: 'cli_1', invoice: anOverdueInvoice({ invoiceId: 'inv_2' }), causationId: 'evt_overdue_3' });
    // then a second case opens for it and is announced
    expect(outcome).toBe('opened');
    expect(cases.all().map((stored) => stored.status).sort()).toEqual(['closed', 'open']);
    expect(outbox.only('collections.case_opened')).toMatchObject({ client_id: 'cli_1', invoice_id: 'inv_2' });
  });

  it('refuses with case.concurrent_update when the case changed after it was loaded, recording nothing', async () => {
    // given an open case that another writer changes while this invoice joins it
    const { cases, outbox, handler } = aHandler();
    await cases.add(anOpenCase());
    cases.anotherWriterChangesTheNextCaseLoaded();
    // when a second invoice goes overdue
    const joining = handler.execute({ clientId: 'cli_1', invoice: anOverdueInvoice({ invoiceId: 'inv_2' }), causationId: 'evt_overdue_4' });
    // then the save is refused as a conflict, and nothing is announced
    await expect(joining).rejects.toMatchObject({ kind: 'conflict', code: 'case.concurrent_update' });
    expect(cases.stored('case_1')?.invoices).toHaveLength(1);
    expect(outbox.recorded).toEqual([]);
  });

  it('refuses an overdue invoice without a balance, saving and announcing nothing', async () => {
    // given a client without a case
    const { cases, outbox, handler } = aHandler();
    // when an invoice with nothing due is announced overdue
    const tracking = handler.execute({ clientId: 'cli_1', invoice: anOverdueInvoice({ amountDueCents: 0 }), causationId: 'evt_overdue_5' });
    // then it is refused as a broken invariant
    await expect(tracking).rejects.toThrow(RangeError);
    expect(cases.all()).toEqual([]);
    expect(outbox.recorded).toEqual([]);
  });
});
