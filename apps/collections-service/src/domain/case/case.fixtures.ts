import { DEFAULT_DUNNING_LADDER } from '../dunning/dunning-ladder';
import { CollectionsCase, type OverdueInvoice } from './case';

/** Builders with intent names for the collections case's unit tests. */
export const AT = new Date('2026-07-01T09:00:00Z');

export function anOverdueInvoice(overrides: Partial<OverdueInvoice> = {}): OverdueInvoice {
  return {
    invoiceId: 'inv_1',
    invoiceNumber: 'INV-2026-000001',
    contractId: 'con_1',
    currency: 'usd',
    amountDueCents: 750_000,
    dueDate: '2026-06-15',
    daysOverdue: 16,
    ...overrides,
  };
}

/** A case just opened for `invoice` on the default ladder, its opening already announced. */
export function anOpenCase(invoice: OverdueInvoice = anOverdueInvoice(), ids: { id?: string; clientId?: string } = {}): CollectionsCase {
  const opened = CollectionsCase.open({ id: ids.id ?? 'case_1', clientId: ids.clientId ?? 'cli_1', invoice, ladder: DEFAULT_DUNNING_LADDER, now: AT });
  opened.pullEvents();
  return opened;
}
