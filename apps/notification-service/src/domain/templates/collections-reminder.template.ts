import { defineEmailTemplate } from './email-template';

export interface CollectionsReminder {
  readonly clientName: string | null;
  readonly contractTitle: string | null;
  readonly invoiceNumber: string;
  readonly currency: string;
  readonly amountDueCents: number;
  readonly dueDate: string;
  readonly daysOverdue: number;
  /** The dunning step, e.g. friendly_reminder; the tone follows it. */
  readonly stage: string;
}

/** The reminder sent when a collections case opens for an overdue invoice: polite, keeping the relationship. */
export const collectionsReminderTemplate = defineEmailTemplate<CollectionsReminder>({
  name: 'collections-reminder',
  description: "An invoice is overdue: how much and how late, in the tone of the dunning step. To the client's AP contact.",
  sample: {
    clientName: 'Acme Corp',
    contractTitle: 'Customer portal rebuild',
    invoiceNumber: 'INV-2026-000042',
    currency: 'usd',
    amountDueCents: 772_500,
    dueDate: '2026-06-27',
    daysOverdue: 3,
    stage: 'friendly_reminder',
  },
});
