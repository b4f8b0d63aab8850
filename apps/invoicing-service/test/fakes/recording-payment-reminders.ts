import type { Invoice } from '../../src/domain/invoice/invoice';
import { PaymentReminderScheduler } from '../../src/application/ports/payment-reminder-scheduler.port';

/** Payment reminders for use-case unit tests: records which invoices had theirs planned or cancelled. */
export class RecordingPaymentReminders extends PaymentReminderScheduler {
  readonly planned: string[] = [];
  readonly cancelled: string[] = [];

  async planFor(invoice: Invoice): Promise<void> {
    this.planned.push(invoice.id);
  }

  async cancelFor(invoiceId: string): Promise<void> {
    this.cancelled.push(invoiceId);
  }
}
