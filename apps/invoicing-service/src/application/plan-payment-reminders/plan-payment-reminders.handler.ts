import { Inject, Injectable } from '@nestjs/common';
import { type Clock, Timers } from '@mb/kernel';
import { SERVICE_CLOCK, SERVICE_CONFIG } from '@mb/platform';
import type { InvoicingServiceConfig } from '../../config';
import type { Invoice } from '../../domain/invoice/invoice';
import { remindersApplyTo } from '../../domain/payment-reminder/reminder-eligibility';
import { effectiveReminderPolicy } from '../../domain/payment-reminder/reminder-policy';
import { type LocalTimeOfDay, reminderScheduleOf, reminderTimerKey } from '../../domain/payment-reminder/reminder-schedule';
import { PaymentReminderScheduler } from '../ports/payment-reminder-scheduler.port';
import { PaymentReminderRepository } from '../ports/payment-reminder.repository';
import { ReminderPolicyRepository } from '../ports/reminder-policy.repository';

/**
 * The timer of each payment reminder of an open invoice, keyed by `<invoice>/<kind>/<offset days>`
 * (its natural key): set when the invoice is issued, moved or cancelled when its reminder policy
 * changes, cancelled when the invoice is paid, credited in full, voided or written off.
 */
export const PAYMENT_REMINDER_TIMER = 'invoicing.payment_reminder';

/**
 * Keeps an invoice's reminders and their timers in step with its state and its reminder policy,
 * inside the caller's unit of work (the invoice already loaded, locked by the caller where it
 * changes it). Reminders whose instant has passed are not planned: an invoice issued two days
 * before its due date gets no "3 days before" reminder, and invoices open at upgrade get only their
 * reminders still to come. A reminder already sent is never planned again.
 */
@Injectable()
export class PlanPaymentRemindersHandler extends PaymentReminderScheduler {
  private readonly localTime: LocalTimeOfDay;

  constructor(
    private readonly reminders: PaymentReminderRepository,
    private readonly policies: ReminderPolicyRepository,
    private readonly timers: Timers,
    @Inject(SERVICE_CLOCK) private readonly clock: Clock,
    @Inject(SERVICE_CONFIG) config: Pick<InvoicingServiceConfig, 'PAYMENT_REMINDER_LOCAL_TIME'>,
  ) {
    super();
    this.localTime = config.PAYMENT_REMINDER_LOCAL_TIME;
  }

  /** Plans the invoice's reminders under its current policy, or cancels them when it is no longer reminded. */
  async planFor(invoice: Invoice): Promise<void> {
    const { id, dueDate, clientTimeZone, contractId, clientId } = invoice.snapshot();
    if (!remindersApplyTo(invoice) || dueDate === null) {
      await this.cancelFor(id);
      return;
    }
    const contractPolicy = await this.policies.find('contract', contractId);
    const clientPolicy = contractPolicy ? null : await this.policies.find('client', clientId);
    const { policy } = effectiveReminderPolicy(contractPolicy?.policy ?? null, clientPolicy?.policy ?? null);
    const now = this.clock.now();
    const planned = reminderScheduleOf(dueDate, clientTimeZone, policy, this.localTime).filter((reminder) => reminder.remindAt.getTime() > now.getTime());
    const known = await this.reminders.forInvoice(id, { forUpdate: true });
    const keyOf = (reminder: { kind: string; offsetDays: number }) => `${reminder.kind}/${reminder.offsetDays}`;
    const plannedKeys = new Set(planned.map(keyOf));
    for (const reminder of known) {
      if (reminder.status === 'scheduled' && !plannedKeys.has(keyOf(reminder))) {
        await this.timers.cancel(PAYMENT_REMINDER_TIMER, reminderTimerKey(id, reminder.kind, reminder.offsetDays));
        await this.reminders.settle(id, reminder.kind, reminder.offsetDays, 'cancelled', now);
      }
    }
    const done = new Set(known.filter((reminder) => reminder.status === 'sent' || reminder.status === 'skipped').map(keyOf));
    for (const reminder of planned) {
      if (done.has(keyOf(reminder))) continue;
      await this.reminders.schedule(id, reminder.kind, reminder.offsetDays, reminder.remindAt);
      await this.timers.schedule(PAYMENT_REMINDER_TIMER, reminderTimerKey(id, reminder.kind, reminder.offsetDays), reminder.remindAt, { invoice_id: id });
    }
  }

  /** Cancels every reminder of the invoice still to come, and its timer. */
  async cancelFor(invoiceId: string): Promise<void> {
    const now = this.clock.now();
    for (const reminder of await this.reminders.forInvoice(invoiceId, { forUpdate: true })) {
      if (reminder.status !== 'scheduled') continue;
      await this.timers.cancel(PAYMENT_REMINDER_TIMER, reminderTimerKey(invoiceId, reminder.kind, reminder.offsetDays));
      await this.reminders.settle(invoiceId, reminder.kind, reminder.offsetDays, 'cancelled', now);
    }
  }
}
