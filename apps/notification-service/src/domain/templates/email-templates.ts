import { approvalRequestTemplate } from './approval-request.template';
import { collectionsReminderTemplate } from './collections-reminder.template';
import { creditNoteIssuedTemplate } from './credit-note-issued.template';
import type { EmailTemplate } from './email-template';
import { invoiceIssuedTemplate } from './invoice-issued.template';
import { invoiceVoidedTemplate } from './invoice-voided.template';
import { advanceNoticeTemplate } from './milestone-due-soon.template';

/**
 * Every email the service sends, by template: the renderer compiles their files at start-up (all
 * languages, all parts) and the preview lists them. A new email adds its definition here (append).
 */
export const EMAIL_TEMPLATES: readonly EmailTemplate<unknown>[] = [
  invoiceIssuedTemplate,
  invoiceVoidedTemplate,
  creditNoteIssuedTemplate,
  collectionsReminderTemplate,
  advanceNoticeTemplate,
  approvalRequestTemplate,
];
