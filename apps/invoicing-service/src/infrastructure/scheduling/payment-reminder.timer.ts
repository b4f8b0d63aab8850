import { Inject, Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { DomainRejection } from '@mb/kernel';
import type { Logger } from '@mb/observability';
import { type FiredTimer, SERVICE_LOGGER, type TimerHandler } from '@mb/platform';
import { PAYMENT_REMINDER_TIMER } from '../../application/plan-payment-reminders/plan-payment-reminders.handler';
import { SendPaymentReminderHandler } from '../../application/send-payment-reminder/send-payment-reminder.handler';
import { SetPaymentRemindersHandler } from '../../application/set-payment-reminders/set-payment-reminders.handler';
import { reminderOfTimerKey } from '../../domain/payment-reminder/reminder-schedule';

/**
 * A payment reminder's timer (keyed `<invoice>/<kind>/<offset days>`) has come due: the use case
 * sends it if the invoice is still open with a balance and the reminder was not sent. It runs in
 * the firing's unit of work, with the firing's inbox record. At start, open invoices issued before
 * reminders existed get theirs (SetPaymentRemindersHandler).
 */
@Injectable()
export class PaymentReminderTimer implements TimerHandler, OnApplicationBootstrap {
  readonly timer = PAYMENT_REMINDER_TIMER;

  constructor(
    private readonly sendReminder: SendPaymentReminderHandler,
    private readonly setReminders: SetPaymentRemindersHandler,
    @Inject(SERVICE_LOGGER) private readonly logger: Logger,
  ) {}

  async fire(fired: FiredTimer): Promise<void> {
    const reminder = reminderOfTimerKey(fired.key);
    // A key this service never sets is broken data: refused, not retried.
    if (!reminder) throw new DomainRejection('invalid', 'payment_reminder.unknown_key', `not a payment reminder key: ${fired.key}`);
    const outcome = await this.sendReminder.execute(reminder);
    this.logger.info({ timer: this.timer, key: fired.key, outcome }, 'payment reminder fired');
  }

  async onApplicationBootstrap(): Promise<void> {
    const planned = await this.setReminders.execute();
    this.logger.info({ timer: this.timer, planned }, 'payment reminders planned for open invoices without any');
  }
}
