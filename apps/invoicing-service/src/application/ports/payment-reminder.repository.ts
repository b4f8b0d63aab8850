import type { PaymentReminderKind } from '../../domain/payment-reminder/reminder-schedule';

/**
 * Where a reminder stands: `scheduled` (its timer pending), `sent` (its event went out: never
 * again), `cancelled` (the invoice closed or the policy dropped it before it fell due) or
 * `skipped` (it fell due while a later reminder of the invoice had too, as after downtime: only
 * the latest is sent).
 */
export type PaymentReminderStatus = 'scheduled' | 'sent' | 'cancelled' | 'skipped';

/** One reminder of an invoice, by its natural key (invoice, kind, offset days). */
export interface PaymentReminderRecord {
  readonly invoiceId: string;
  readonly kind: PaymentReminderKind;
  readonly offsetDays: number;
  readonly remindAt: Date;
  readonly status: PaymentReminderStatus;
  /** When it was sent, cancelled or skipped; null while scheduled. */
  readonly settledAt: Date | null;
}

/** The scope of a reminder policy change: a client's open invoices, or a contract's. */
export type OpenInvoiceScope = { readonly clientId: string } | { readonly contractId: string };

/** Invoices' payment reminders. Writes join the open unit of work. */
export abstract class PaymentReminderRepository {
  /** The invoice's reminders, in time order; locked until the unit of work ends when asked. */
  abstract forInvoice(invoiceId: string, options?: { forUpdate?: boolean }): Promise<PaymentReminderRecord[]>;
  /** Sets the reminder scheduled for `remindAt`, new or moved; a reminder already sent or skipped is left as it is. */
  abstract schedule(invoiceId: string, kind: PaymentReminderKind, offsetDays: number, remindAt: Date): Promise<void>;
  /** Settles a scheduled reminder as sent, cancelled or skipped, at `at`. */
  abstract settle(invoiceId: string, kind: PaymentReminderKind, offsetDays: number, status: Exclude<PaymentReminderStatus, 'scheduled'>, at: Date): Promise<void>;
  /** Open invoices with no reminder recorded, by id, the page after `afterId`: issued before reminders existed. */
  abstract openInvoicesWithoutReminders(afterId: string | null, limit: number): Promise<string[]>;
  /** The ids of the open invoices of a client or a contract, by id. */
  abstract openInvoicesOf(scope: OpenInvoiceScope): Promise<string[]>;
}
