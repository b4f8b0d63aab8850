import { eventDefinition, validateEvent } from '@mb/events';
import type { CatalogueEvent } from '@mb/messaging';
import { DEFAULT_DUNNING_LADDER } from '../../domain/dunning/dunning-ladder';
import { CollectionsCase } from '../../domain/case/case';
import { anOverdueInvoice, AT } from '../../domain/case/case.fixtures';
import { caseCatalogueEvents } from './case.events';

function validationOf(event: CatalogueEvent) {
  const envelope = { event: event.name, id: 'evt_01JX0000000000000000000000', created_at: AT.toISOString(), data: event.data };
  return validateEvent(event.name, eventDefinition(event.name).currentVersion, envelope);
}

describe('case events', () => {
  it('describes an opened case as a valid collections.case_opened naming the invoice that opened it', () => {
    // given a case opened for an overdue invoice
    const invoice = anOverdueInvoice({ invoiceId: 'inv_7', invoiceNumber: 'INV-2026-000007', amountDueCents: 123_456, daysOverdue: 4 });
    const opened = CollectionsCase.open({ id: 'case_1', clientId: 'cli_1', invoice, ladder: DEFAULT_DUNNING_LADDER, now: AT });
    // when its recorded events are mapped
    const events = caseCatalogueEvents(opened.pullEvents(), opened);
    // then one valid case_opened carries the case, its stage and the invoice
    expect(events).toHaveLength(1);
    expect(validationOf(events[0])).toMatchObject({ ok: true });
    expect(events[0]).toEqual({
      name: 'collections.case_opened',
      data: {
        case_id: 'case_1',
        client_id: 'cli_1',
        stage: 'friendly_reminder',
        opened_at: AT.toISOString(),
        invoice_id: 'inv_7',
        invoice_number: 'INV-2026-000007',
        contract_id: 'con_1',
        currency: 'usd',
        amount_due_cents: 123_456,
        due_date: '2026-06-15',
        days_overdue: 4,
      },
    });
  });

  it('describes a case closed by payment as a valid collections.case_closed', () => {
    // given a case whose only invoice is paid
    const collectionsCase = CollectionsCase.open({ id: 'case_1', clientId: 'cli_1', invoice: anOverdueInvoice(), ladder: DEFAULT_DUNNING_LADDER, now: AT });
    const paidAt = new Date('2026-07-02T10:00:00Z');
    collectionsCase.settleInvoice('inv_1', paidAt);
    // when its recorded events are mapped
    const events = caseCatalogueEvents(collectionsCase.pullEvents(), collectionsCase);
    // then opening and closing are announced in order, and the closing is valid
    expect(events.map((event) => event.name)).toEqual(['collections.case_opened', 'collections.case_closed']);
    expect(validationOf(events[1])).toMatchObject({ ok: true });
    expect(events[1].data).toEqual({ case_id: 'case_1', client_id: 'cli_1', resolution: 'paid', closed_at: paidAt.toISOString() });
  });

  it('counts at least one day overdue, as the catalogue requires', () => {
    // given a case opened for an invoice announced on its due date
    const opened = CollectionsCase.open({ id: 'case_1', clientId: 'cli_1', invoice: anOverdueInvoice({ daysOverdue: 0 }), ladder: DEFAULT_DUNNING_LADDER, now: AT });
    // when mapped, then it says one day, and the catalogue accepts it
    const [event] = caseCatalogueEvents(opened.pullEvents(), opened);
    expect(event.data).toMatchObject({ days_overdue: 1 });
    expect(validationOf(event)).toMatchObject({ ok: true });
  });

  it('maps nothing when the case recorded nothing', () => {
    const collectionsCase = CollectionsCase.open({ id: 'case_1', clientId: 'cli_1', invoice: anOverdueInvoice(), ladder: DEFAULT_DUNNING_LADDER, now: AT });
    collectionsCase.pullEvents();
    expect(caseCatalogueEvents(collectionsCase.pullEvents(), collectionsCase)).toEqual([]);
  });

  it('describes a stage change as a valid collections.stage_changed with its letter: balances per currency and the chased invoices', () => {
    // given a case with a usd and a eur invoice (the eur one disputed), due to move to the firm notice
    const collectionsCase = CollectionsCase.open({ id: 'case_1', clientId: 'cli_1', invoice: anOverdueInvoice(), ladder: DEFAULT_DUNNING_LADDER, now: AT });
    collectionsCase.addOverdueInvoice(anOverdueInvoice({ invoiceId: 'inv_2', invoiceNumber: 'INV-2026-000002', currency: 'eur', amountDueCents: 10_000, dueDate: '2026-06-20' }), AT);
    collectionsCase.markInvoiceDisputed('inv_2');
    collectionsCase.pullEvents();
    const at = new Date('2026-06-30T00:00:00Z');
    collectionsCase.advanceOnLadder(at);
    // when mapped
    const [event] = caseCatalogueEvents(collectionsCase.pullEvents(), collectionsCase);
    // then the letter is firm, by email, owed in both currencies, chasing only the undisputed invoice
    expect(validationOf(event)).toMatchObject({ ok: true });
    expect(event).toEqual({
      name: 'collections.stage_changed',
      data: {
        case_id: 'case_1',
        client_id: 'cli_1',
        stage: 'firm_notice',
        previous_stage: 'friendly_reminder',
        cause: 'ladder',
        changed_at: at.toISOString(),
        template: 'firm',
        channel: 'email',
        pauses_for_decision: false,
        balances: [
          { currency: 'eur', balance_cents: 10_000 },
          { currency: 'usd', balance_cents: 750_000 },
        ],
        invoices: [{ invoice_id: 'inv_1', invoice_number: 'INV-2026-000001', contract_id: 'con_1', currency: 'usd', amount_due_cents: 750_000, due_date: '2026-06-15', days_late: 15 }],
      },
    });
  });

  it('describes promises and a joining invoice as valid events', () => {
    const collectionsCase = CollectionsCase.open({ id: 'case_1', clientId: 'cli_1', invoice: anOverdueInvoice(), ladder: DEFAULT_DUNNING_LADDER, now: AT });
    collectionsCase.addOverdueInvoice(anOverdueInvoice({ invoiceId: 'inv_2' }), AT);
    collectionsCase.recordPromise({ id: 'ptp_1', promisedDate: '2026-07-10', currency: 'usd', amountCents: 100_000, recordedBy: 'usr_1', today: '2026-07-01', now: AT });
    collectionsCase.resolvePromise('ptp_1', new Date('2026-07-11T00:00:00Z'));
    const events = caseCatalogueEvents(collectionsCase.pullEvents(), collectionsCase);
    expect(events.map((event) => event.name)).toEqual([
      'collections.case_opened',
      'collections.invoice_joined',
      'collections.promise_recorded',
      'collections.promise_broken',
      'collections.stage_changed',
    ]);
    for (const event of events) expect(validationOf(event)).toMatchObject({ ok: true });
    expect(events[3].data).toMatchObject({ promise_id: 'ptp_1', paid_cents: 0, stage: 'firm_notice' });
    expect(events[4].data).toMatchObject({ cause: 'broken_promise', stage: 'firm_notice', channel: 'email' });
  });
});
