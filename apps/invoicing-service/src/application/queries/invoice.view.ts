import { isPastDueAt } from '../../domain/invoice/due-date';
import { balanceOf, type InvoiceSnapshot } from '../../domain/invoice/invoice';

/** An invoice as the APIs read it: its snapshot, with what is still owed and whether that is late. */
export interface InvoiceView extends InvoiceSnapshot {
  /** The open balance (balanceOf): payable − paid − credited; 0 once void or uncollectible. */
  readonly amountDueCents: number;
  /** Open past its due date at the service clock's now, by the client's calendar. */
  readonly overdue: boolean;
  /** A dispute collections opened on it is not yet resolved (issue 11): reminders and dunning leave it alone. */
  readonly inDispute: boolean;
}

export function invoiceViewOf(invoice: InvoiceSnapshot, now: Date, inDispute = false): InvoiceView {
  return {
    ...invoice,
    amountDueCents: balanceOf(invoice),
    overdue: invoice.status === 'open' && invoice.dueDate !== null && isPastDueAt(invoice.dueDate, now, invoice.clientTimeZone),
    inDispute,
  };
}
