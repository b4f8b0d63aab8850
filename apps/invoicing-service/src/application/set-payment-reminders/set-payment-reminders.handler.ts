import { Injectable } from '@nestjs/common';
import { UnitOfWork } from '@mb/kernel';
import { InvoiceRepository } from '../ports/invoice.repository';
import { PaymentReminderRepository } from '../ports/payment-reminder.repository';
import { PaymentReminderScheduler } from '../ports/payment-reminder-scheduler.port';

/** How many open invoices one unit of work plans reminders for. */
export const REMINDER_BACKFILL_PAGE_SIZE = 200;

/**
 * The upgrade backfill, run at every start: each open invoice with no reminder recorded (issued
 * before reminders existed) gets the reminders of its policy still to come; those whose instant
 * passed before the upgrade are not sent late. An invoice already planned is left alone (its
 * timers are pending, some perhaps due while the service was down), so running it again is
 * harmless. Answers how many invoices it planned.
 */
@Injectable()
export class SetPaymentRemindersHandler {
  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly invoices: InvoiceRepository,
    private readonly reminders: PaymentReminderRepository,
    private readonly planner: PaymentReminderScheduler,
  ) {}

  async execute(): Promise<number> {
    let planned = 0;
    let afterId: string | null = null;
    for (;;) {
      const page = await this.reminders.openInvoicesWithoutReminders(afterId, REMINDER_BACKFILL_PAGE_SIZE);
      if (page.length === 0) return planned;
      await this.unitOfWork.run(async () => {
        for (const invoiceId of page) {
          const invoice = await this.invoices.findById(invoiceId, { forUpdate: true });
          if (invoice) await this.planner.planFor(invoice);
        }
      });
      planned += page.length;
      afterId = page[page.length - 1];
    }
  }
}
