import { type OpenInvoiceScope, PaymentReminderRepository, type PaymentReminderRecord, type PaymentReminderStatus } from '../../src/application/ports/payment-reminder.repository';
import type { PaymentReminderKind } from '../../src/domain/payment-reminder/reminder-schedule';

/** Reminders kept by their natural key, with the table's rule: one sent or skipped stays so. Locks are not modelled. */
export class InMemoryPaymentReminderRepository extends PaymentReminderRepository {
  private readonly reminders = new Map<string, PaymentReminderRecord>();
  /** The open invoices the scope queries answer, as a test sets them. */
  openInvoices: { id: string; clientId: string; contractId: string }[] = [];

  async forInvoice(invoiceId: string): Promise<PaymentReminderRecord[]> {
    return [...this.reminders.values()].filter((reminder) => reminder.invoiceId === invoiceId).sort((a, b) => a.remindAt.getTime() - b.remindAt.getTime());
  }

  async schedule(invoiceId: string, kind: PaymentReminderKind, offsetDays: number, remindAt: Date): Promise<void> {
    const key = `${invoiceId}/${kind}/${offsetDays}`;
    const known = this.reminders.get(key);
    if (known && (known.status === 'sent' || known.status === 'skipped')) return;
    this.reminders.set(key, { invoiceId, kind, offsetDays, remindAt, status: 'scheduled', settledAt: null });
  }

  async settle(invoiceId: string, kind: PaymentReminderKind, offsetDays: number, status: Exclude<PaymentReminderStatus, 'scheduled'>, at: Date): Promise<void> {
    const key = `${invoiceId}/${kind}/${offsetDays}`;
    const known = this.reminders.get(key);
    if (known?.status === 'scheduled') this.reminders.set(key, { ...known, status, settledAt: at });
  }

  async openInvoicesWithoutReminders(afterId: string | null, limit: number): Promise<string[]> {
    const planned = new Set([...this.reminders.values()].map((reminder) => reminder.invoiceId));
    return this.openInvoices
      .map((invoice) => invoice.id)
      .filter((id) => !planned.has(id) && (afterId === null || id > afterId))
      .sort()
      .slice(0, limit);
  }

  async openInvoicesOf(scope: OpenInvoiceScope): Promise<string[]> {
    return this.openInvoices.filter((invoice) => ('clientId' in scope ? invoice.clientId === scope.clientId : invoice.contractId === scope.contractId)).map((invoice) => invoice.id);
  }

  /** `<kind>/<offset>:<status>` of the invoice's reminders, in time order. */
  async statesOf(invoiceId: string): Promise<string[]> {
    return (await this.forInvoice(invoiceId)).map((reminder) => `${reminder.kind}/${reminder.offsetDays}:${reminder.status}`);
  }
}
