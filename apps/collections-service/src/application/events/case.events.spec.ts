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
    const events = caseCatalogueEvents(opened.pullEvents(), opened.snapshot());
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
    const events = caseCatalogueEvents(collectionsCase.pullEvents(), collectionsCase.snapshot());
    // then opening and closing are announced in order, and the closing is valid
    expect(events.map((event) => event.name)).toEqual(['collections.case_opened', 'collections.case_closed']);
    expect(validationOf(events[1])).toMatchObject({ ok: true });
    expect(events[1].data).toEqual({ case_id: 'case_1', client_id: 'cli_1', resolution: 'paid', closed_at: paidAt.toISOString() });
  });

  it('counts at least one day overdue, as the catalogue requires', () => {
    // given a case opened for an invoice announced on its due date
    const opened = CollectionsCase.open({ id: 'case_1', clientId: 'cli_1', invoice: anOverdueInvoice({ daysOverdue: 0 }), ladder: DEFAULT_DUNNING_LADDER, now: AT });
    // when mapped, then it says one day, and the catalogue accepts it
    const [event] = caseCatalogueEvents(opened.pullEvents(), opened.snapshot());
    expect(event.data).toMatchObject({ days_overdue: 1 });
    expect(validationOf(event)).toMatchObject({ ok: true });
  });

  it('maps nothing when the case recorded nothing', () => {
    const collectionsCase = CollectionsCase.open({ id: 'case_1', clientId: 'cli_1', invoice: anOverdueInvoice(), ladder: DEFAULT_DUNNING_LADDER, now: AT });
    collectionsCase.pullEvents();
    expect(caseCatalogueEvents(collectionsCase.pullEvents(), collectionsCase.snapshot())).toEqual([]);
  });
});
