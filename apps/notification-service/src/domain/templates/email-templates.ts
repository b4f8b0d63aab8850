import { approvalRequestTemplate } from './approval-request.template';
import { changeOrderProposedTemplate } from './change-order-proposed.template';
import { collectionsHandedOffTemplate } from './collections-handed-off.template';
import { collectionsReminderTemplate } from './collections-reminder.template';
import { creditNoteIssuedTemplate } from './credit-note-issued.template';
import { disputeAcknowledgedTemplate } from './dispute-acknowledgement.template';
import { disputeResolvedTemplate } from './dispute-resolved.template';
import { dunningLetterTemplate, promiseConfirmationTemplate } from './dunning-letter.template';
import type { EmailTemplate } from './email-template';
import { instalmentDueSoonTemplate } from './instalment-due-soon.template';
import { invoiceIssuedTemplate } from './invoice-issued.template';
import { invoiceVoidedTemplate } from './invoice-voided.template';
import { advanceNoticeTemplate } from './milestone-due-soon.template';
import { paymentPlanAgreedTemplate } from './payment-plan-agreed.template';
import { paymentPlanBrokenTemplate } from './payment-plan-broken.template';
import { paymentPlanProposedTemplate } from './payment-plan-proposed.template';
import { paymentReminderTemplate } from './payment-reminder.template';
import { webhookDisabledTemplate } from './webhook-disabled.template';

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
  disputeAcknowledgedTemplate,
  disputeResolvedTemplate,
  paymentReminderTemplate,
  paymentPlanAgreedTemplate,
  instalmentDueSoonTemplate,
  paymentPlanBrokenTemplate,
  dunningLetterTemplate,
  promiseConfirmationTemplate,
  collectionsHandedOffTemplate,
  webhookDisabledTemplate,
  changeOrderProposedTemplate,
  paymentPlanProposedTemplate,
];
