/**
 * Invoices known to be paid in full, so that an `invoice.overdue` handled after its invoice's
 * `invoice.paid` (the topics are not ordered with each other) opens nothing. Writes join the open
 * unit of work.
 */
export abstract class SettledInvoiceRepository {
  /** Remembers that the invoice is paid; remembering it again changes nothing. */
  abstract add(invoiceId: string, settledAt: Date): Promise<void>;
  abstract isSettled(invoiceId: string): Promise<boolean>;
}
