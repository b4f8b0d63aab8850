import { Inject, Injectable } from '@nestjs/common';
import { type Clock, UnitOfWork } from '@mb/kernel';
import type { EventData } from '@mb/events';
import { EventOutbox } from '@mb/messaging';
import { SERVICE_CLOCK } from '@mb/platform';
import type { SellerIdentity } from '../../domain/documents/seller-identity';
import type { InvoiceSnapshot } from '../../domain/invoice/invoice';
import { InvoiceErrors } from '../../domain/invoice/invoice.errors';
import { reminderSpeaksNow, remindersApplyTo } from '../../domain/payment-reminder/reminder-eligibility';
import { daysPastDueOn, daysUntilDueAt, type PaymentReminderKind } from '../../domain/payment-reminder/reminder-schedule';
import { SELLER_IDENTITY } from '../ports/invoice-document.port';
import { InvoiceRepository } from '../ports/invoice.repository';
import { InvoiceDisputeRepository } from '../ports/invoice-dispute.repository';
import { PaymentReminderRepository } from '../ports/payment-reminder.repository';

export interface SendPaymentReminderCommand {
  readonly invoiceId: string;
  readonly kind: PaymentReminderKind;
  readonly offsetDays: number;
}

/**
 * What a firing did: `sent`; `not_scheduled` (already sent, cancelled or skipped: a second firing,
 * or one that raced the cancellation); `not_remindable` (the invoice was paid, credited, voided or
 * written off meanwhile; the rest of its reminders are cancelled); `superseded` (a later reminder
 * of the invoice is due too, after downtime: that one is sent, this one skipped).
 */
export type SendPaymentReminderOutcome = 'sent' | 'not_scheduled' | 'not_remindable' | 'superseded' | 'in_dispute';

/**
 * A reminder's timer has fired: with the invoice and its reminders locked, the state is checked
 * again (timers fire at least once, and the invoice may have been paid since the timer was set)
 * and, if the reminder is still scheduled and the invoice still open with a balance,
 * `invoice.payment_reminder_due` goes out through the outbox with the balance as it is now, and the
 * reminder is recorded as sent in the same unit of work: never sent twice.
 *
 * A timer that fires before its instant by the service clock fails and is retried, as the overdue
 * timer does, rather than sending a reminder early or dropping it.
 */
@Injectable()
export class SendPaymentReminderHandler {
  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly invoices: InvoiceRepository,
    private readonly reminders: PaymentReminderRepository,
    private readonly disputes: InvoiceDisputeRepository,
    private readonly outbox: EventOutbox,
    @Inject(SELLER_IDENTITY) private readonly seller: SellerIdentity,
    @Inject(SERVICE_CLOCK) private readonly clock: Clock,
  ) {}

  async execute(command: SendPaymentReminderCommand): Promise<SendPaymentReminderOutcome> {
    return this.unitOfWork.run(async () => {
      const invoice = await this.invoices.findById(command.invoiceId, { forUpdate: true });
      if (!invoice) throw InvoiceErrors.notFound(command.invoiceId);
      const known = await this.reminders.forInvoice(command.invoiceId, { forUpdate: true });
      const reminder = known.find((candidate) => candidate.kind === command.kind && candidate.offsetDays === command.offsetDays);
      if (!reminder || reminder.status !== 'scheduled') return 'not_scheduled';
      const now = this.clock.now();
      if (!remindersApplyTo(invoice)) {
        for (const pending of known.filter((candidate) => candidate.status === 'scheduled')) {
          await this.reminders.settle(command.invoiceId, pending.kind, pending.offsetDays, 'cancelled', now);
        }
        return 'not_remindable';
      }
      if (now.getTime() < reminder.remindAt.getTime()) {
        throw new Error(`payment reminder ${command.kind}/${command.offsetDays} of invoice ${command.invoiceId} is due at ${reminder.remindAt.toISOString()}, not yet at ${now.toISOString()}; fired early`);
      }
      // After downtime several reminders may be due at once: only the latest speaks to the client.
      const later = known.some(
        (candidate) => candidate.status === 'scheduled' && candidate.remindAt.getTime() > reminder.remindAt.getTime() && candidate.remindAt.getTime() <= now.getTime(),
      );
      const inDispute = (await this.disputes.inDisputeAmong([command.invoiceId])).has(command.invoiceId);
      if (!reminderSpeaksNow(invoice, { inDispute })) {
        await this.reminders.settle(command.invoiceId, command.kind, command.offsetDays, 'skipped', now);
        return 'in_dispute';
      }
      if (later) {
        await this.reminders.settle(command.invoiceId, command.kind, command.offsetDays, 'skipped', now);
        return 'superseded';
      }
      await this.reminders.settle(command.invoiceId, command.kind, command.offsetDays, 'sent', now);
      await this.outbox.record('invoice.payment_reminder_due', reminderDueData(invoice.snapshot(), invoice.balanceCents, command, reminder.remindAt, now, this.seller));
      return 'sent';
    });
  }
}

function reminderDueData(
  invoice: InvoiceSnapshot,
  balanceCents: number,
  reminder: SendPaymentReminderCommand,
  remindAt: Date,
  now: Date,
  seller: SellerIdentity,
): EventData<'invoice.payment_reminder_due'> {
  if (invoice.number === null || invoice.dueDate === null || invoice.issueDate === null) throw new Error(`invoice ${invoice.id} is open without a number or dates`);
  return {
    invoice_id: invoice.id,
    invoice_number: invoice.number,
    contract_id: invoice.contractId,
    client_id: invoice.clientId,
    ...(invoice.milestoneIndex === null ? {} : { milestone_index: invoice.milestoneIndex }),
    ...(invoice.kind === 'milestone' ? {} : { kind: invoice.kind }),
    reminder_kind: reminder.kind,
    reminder_offset_days: reminder.offsetDays,
    reminded_at: remindAt.toISOString(),
    currency: invoice.currency,
    amount_due_cents: balanceCents,
    total_cents: invoice.totalCents,
    issue_date: invoice.issueDate,
    due_date: invoice.dueDate,
    days_until_due: daysUntilDueAt(invoice.dueDate, now, invoice.clientTimeZone),
    days_past_due: daysPastDueOn(invoice.dueDate, now, invoice.clientTimeZone),
    payment_instructions: {
      account_name: seller.payment.accountName ?? seller.legalName,
      bank_account: seller.payment.account,
      ...(seller.payment.bic ? { bank_bic: seller.payment.bic } : {}),
      payment_reference: invoice.number,
    },
    invoice_pdf_path: `/v1/invoices/${encodeURIComponent(invoice.id)}/pdf`,
  };
}
