import { InMemoryUnitOfWork, RecordingEventOutbox, RecordingTimers } from '@mb/testing';
import { InMemoryClientCalendarRepository, InMemoryDunningLadderRepository, InMemoryReceivableLedger } from '../../../test/fakes/in-memory-ledger';
import { CASE_LADDER_TIMER, CaseChanges } from '../case-changes/case-changes.handler';
import { LadderConfiguration } from '../configure-ladder/configure-ladder.handler';
import { InMemoryDisputeRepository } from '../../../test/fakes/in-memory-dispute.repository';
import { anOpenDispute } from '../../domain/dispute/dispute.fixtures';
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
    const ledger = new InMemoryReceivableLedger();
    const calendars = new InMemoryClientCalendarRepository();
    const ladders = new LadderConfiguration(unitOfWork, new InMemoryDunningLadderRepository(), DEFAULT_DUNNING_LADDER, { now: () => now });
    const timers = new RecordingTimers();
    const clock = { now: () => now };
    const disputes = new InMemoryDisputeRepository();
    const handler = new TrackOverdueInvoiceHandler(unitOfWork, cases, settledInvoices, ledger, calendars, ladders, new CaseChanges(cases, outbox, timers), disputes, clock);
    return { unitOfWork, cases, settledInvoices, outbox, handler, ledger, calendars, timers, disputes };
  }

  it('takes in an invoice the client disputed before it went overdue as disputed: it is left out of dunning', async () => {
    // given an open dispute on the invoice (inv_1 of cli_1)
    const { cases, handler, disputes } = aHandler();
    await disputes.add(anOpenDispute());
    // when it goes overdue
    await handler.execute({ clientId: 'cli_1', invoice: anOverdueInvoice(), causationId: 'evt_overdue_1' });
    // then the case holds it disputed, and nothing drives its ladder
    const [opened] = cases.all();
    expect(opened.invoices).toEqual([expect.objectContaining({ invoiceId: 'inv_1', disputed: true })]);
  });

  it('opens a case on the first step of the ladder for a client with none, and announces it', async () => {
    // given a client without a case
    const { unitOfWork, cases, outbox, handler } = aHandler();
    // when one of its invoices goes overdue
    const outcome = await handler.execute({ clientId: 'cli_1', invoice: anOverdueInvoice(), causationId: 'evt_overdue_1' });
    // then a case is opened and saved at version 1, in one unit of work
    expect(outcome).toBe('opened');
    const [opened] = cases.all();
    expect(opened).toMatchObject({ clientId: 'cli_1', status: 'open', stage: 'friendly_reminder', openedAt: now, version: 1 });
    expect(opened.invoices).toEqual([{ ...anOverdueInvoice(), balanceCents: 750_000, writtenOffCents: 0, disputed: false }]);
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

  it('sets the ladder timer for the next stage, in the client\'s zone', async () => {
    // given a client in New York, when its invoice due 2026-06-15 goes overdue
    const { calendars, timers, handler } = aHandler();
    calendars.zones.set('cli_1', 'America/New_York');
    await handler.execute({ clientId: 'cli_1', invoice: anOverdueInvoice(), causationId: 'evt_overdue_1' });
    // then the case's timer is due at the start of day 15 past the due date there (firm notice)
    expect(timers.scheduled).toEqual([expect.objectContaining({ timer: CASE_LADDER_TIMER, dueAt: new Date('2026-06-30T04:00:00Z') })]);
  });

  it('chases the invoice for its current balance: a payment consumed before the overdue notice counts', async () => {
    // given an invoice issued for 750,000 with 500,000 paid before its overdue notice was handled
    const { ledger, cases, handler } = aHandler();
    await ledger.recordIssued({ invoiceId: 'inv_1', clientId: 'cli_1', contractId: 'con_1', invoiceNumber: 'INV-2026-000001', currency: 'usd', amountDueCents: 750_000, dueDate: '2026-06-15', issuedAt: AT });
    await ledger.reduce('inv_1', 500_000);
    // when the overdue notice says 750,000
    await handler.execute({ clientId: 'cli_1', invoice: anOverdueInvoice(), causationId: 'evt_overdue_1' });
    // then the case chases 250,000
    expect(cases.all()[0].invoices[0]).toMatchObject({ amountDueCents: 250_000, balanceCents: 250_000 });
  });

  it('opens nothing when payments before the overdue notice paid the invoice in full', async () => {
    const { ledger, cases, outbox, handler } = aHandler();
    await ledger.recordIssued({ invoiceId: 'inv_1', clientId: 'cli_1', contractId: 'con_1', invoiceNumber: 'INV-2026-000001', currency: 'usd', amountDueCents: 750_000, dueDate: '2026-06-15', issuedAt: AT });
    await ledger.reduce('inv_1', 750_000);
    expect(await handler.execute({ clientId: 'cli_1', invoice: anOverdueInvoice(), causationId: 'evt_overdue_1' })).toBe('already_paid');
    expect(cases.all()).toEqual([]);
    expect(outbox.recorded).toEqual([]);
  });

  it("adds a later overdue invoice to the client's open case, chasing it with a letter", async () => {
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
    expect(outbox.only('collections.invoice_joined')).toMatchObject({ case_id: 'case_1', stage: 'friendly_reminder', template: 'friendly', channel: 'email', invoice_id: 'inv_2', amount_due_cents: 100_000, balances: [{ currency: 'usd', balance_cents: 850_000 }] });
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

  it('opens nothing for an overdue invoice without a balance', async () => {
    // given a client without a case
    const { cases, outbox, handler } = aHandler();
    // when an invoice with nothing due is announced overdue
    const tracking = handler.execute({ clientId: 'cli_1', invoice: anOverdueInvoice({ amountDueCents: 0 }), causationId: 'evt_overdue_5' });
    // then nothing is opened
    await expect(tracking).resolves.toBe('already_paid');
    expect(cases.all()).toEqual([]);
    expect(outbox.recorded).toEqual([]);
  });
});
