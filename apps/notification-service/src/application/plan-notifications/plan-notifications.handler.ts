import { Inject, Injectable } from '@nestjs/common';
import type { AnyEventEnvelope, EventEnvelope } from '@mb/events';
import { type Clock, newId, Timers, UnitOfWork } from '@mb/kernel';
import { SERVICE_CLOCK, SERVICE_CONFIG } from '@mb/platform';
import type { NotificationServiceConfig } from '../../config';
import { Delivery, EmailContent } from '../../domain/delivery/delivery';
import { collectionsReminderTemplate } from '../../domain/templates/collections-reminder.template';
import { creditNoteIssuedTemplate } from '../../domain/templates/credit-note-issued.template';
import { EmailRenderer } from '../../domain/templates/email-renderer';
import { emailLanguageFor, type EmailTemplate } from '../../domain/templates/email-template';
import { invoiceVoidedTemplate } from '../../domain/templates/invoice-voided.template';
import { invoiceIssuedTemplate } from '../../domain/templates/invoice-issued.template';
import { approvalLinks, approvalRequestTemplate, portalApprovalsUrlOf, portalPageUrlOf } from '../../domain/templates/approval-request.template';
import { paymentPlanProposedTemplate } from '../../domain/templates/payment-plan-proposed.template';
import { changeOrderLinks, changeOrderProposedTemplate } from '../../domain/templates/change-order-proposed.template';
import { advanceNoticeTemplate } from '../../domain/templates/milestone-due-soon.template';
import { disputeAcknowledgedTemplate } from '../../domain/templates/dispute-acknowledgement.template';
import { disputeResolvedTemplate } from '../../domain/templates/dispute-resolved.template';
import { paymentReminderTemplate } from '../../domain/templates/payment-reminder.template';
import { instalmentDueSoonTemplate } from '../../domain/templates/instalment-due-soon.template';
import { paymentPlanAgreedTemplate } from '../../domain/templates/payment-plan-agreed.template';
import { paymentPlanBrokenTemplate } from '../../domain/templates/payment-plan-broken.template';
import { dunningLetterTemplate, promiseConfirmationTemplate } from '../../domain/templates/dunning-letter.template';
import { collectionsHandedOffTemplate } from '../../domain/templates/collections-handed-off.template';
import { DELIVERY_DUE_TIMER } from '../dispatch-delivery/dispatch-delivery.handler';
import { DeliveryRepository } from '../ports/delivery.repository';
import { ParkedNoticeRepository } from '../ports/parked-notice.repository';
import { RecipientDirectory } from '../ports/recipient-directory.repository';
import { WebhookSubscriptionRepository } from '../ports/webhook-subscription.repository';

/**
 * The events that are emailed to a client contact: its accounts-payable contact, or for approvals
 * its approver. invoice.uncollectible is not among them: a write-off is an internal decision, told
 * to webhook subscribers only.
 */
type EmailedEvent =
  | EventEnvelope<'invoice.issued'>
  | EventEnvelope<'invoice.voided'>
  | EventEnvelope<'credit_note.issued'>
  | EventEnvelope<'collections.case_opened'>
  | EventEnvelope<'milestone.due_soon'>
  | EventEnvelope<'milestone.approval_requested'>
  | EventEnvelope<'contract.change_order_proposed'>
  | EventEnvelope<'collections.payment_plan_proposed'>
  | EventEnvelope<'collections.dispute_opened'>
  | EventEnvelope<'collections.dispute_resolved'>
  | EventEnvelope<'invoice.payment_reminder_due'>
  | PaymentPlanEvent
  | CollectionsLetterEvent
  | EventEnvelope<'collections.handed_off'>;

/** The payment plan events emailed to the client's AP contact (issue 11 item 5); they name no contract. */
type PaymentPlanEvent = EventEnvelope<'collections.payment_plan_agreed'> | EventEnvelope<'collections.instalment_due_soon'> | EventEnvelope<'collections.payment_plan_broken'>;

/** Issue 11: the collections events that write to the client, when their channel is email. */
type CollectionsLetterEvent = EventEnvelope<'collections.stage_changed'> | EventEnvelope<'collections.invoice_joined'> | EventEnvelope<'collections.promise_recorded'>;

const EMAILED_EVENTS: readonly EmailedEvent['event'][] = [
  'invoice.issued',
  'invoice.voided',
  'credit_note.issued',
  'collections.case_opened',
  'milestone.due_soon',
  'milestone.approval_requested',
  'contract.change_order_proposed',
  'collections.payment_plan_proposed',
  'collections.dispute_opened',
  'collections.dispute_resolved',
  'invoice.payment_reminder_due',
  'collections.payment_plan_agreed',
  'collections.instalment_due_soon',
  'collections.payment_plan_broken',
  'collections.stage_changed',
  'collections.invoice_joined',
  'collections.promise_recorded',
  'collections.handed_off',
];

/** The emailed events that name the contract, whose title the email needs. */
const NEEDS_CONTRACT: readonly EmailedEvent['event'][] = ['invoice.issued', 'invoice.voided', 'credit_note.issued', 'milestone.due_soon', 'milestone.approval_requested', 'invoice.payment_reminder_due'];

/**
 * Turns an event into pending deliveries, in one unit of work (a consumer's, with its inbox
 * record): one webhook delivery per subscription to the event, and for the emailed events one
 * email to the client's AP contact (an approval request: to its approver, or the AP contact when it
 * named none), each with its timer (`notification.delivery_due`, due at
 * once) set in the same unit of work. Nothing is sent here; the timer's firing sends
 * (DispatchDeliveryHandler). The unique (event, channel, recipient) key makes a second planning of
 * the same event a no-op, timer included.
 */
@Injectable()
export class PlanNotificationsHandler {
  private readonly approvalLinksBaseUrl: string;
  private readonly portalApprovalsUrl: string | null;
  private readonly portalCollectionsUrl: string | null;

  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly deliveries: DeliveryRepository,
    private readonly subscriptions: WebhookSubscriptionRepository,
    private readonly directory: RecipientDirectory,
    private readonly parkedNotices: ParkedNoticeRepository,
    private readonly timers: Timers,
    @Inject(SERVICE_CLOCK) private readonly clock: Clock,
    @Inject(SERVICE_CONFIG) config: Pick<NotificationServiceConfig, 'APPROVAL_LINKS_BASE_URL'> & Partial<Pick<NotificationServiceConfig, 'PORTAL_PUBLIC_URL'>>,
    private readonly renderer: EmailRenderer,
  ) {
    this.approvalLinksBaseUrl = config.APPROVAL_LINKS_BASE_URL;
    this.portalApprovalsUrl = portalApprovalsUrlOf(config.PORTAL_PUBLIC_URL);
    this.portalCollectionsUrl = portalPageUrlOf(config.PORTAL_PUBLIC_URL, 'collections');
  }

  async execute(envelope: AnyEventEnvelope): Promise<void> {
    await this.unitOfWork.run(async () => {
      await this.planWebhooks(envelope);
      if (isEmailed(envelope) && writesToClient(envelope)) await this.planEmail(envelope);
    });
  }

  /** After a contract event taught us about the client: the notices waiting for it go out. */
  async releaseParked(clientId: string): Promise<void> {
    await this.unitOfWork.run(async () => {
      for (const envelope of await this.parkedNotices.parkedFor(clientId)) {
        await this.parkedNotices.unpark(envelope.id);
        if (isEmailed(envelope) && writesToClient(envelope)) await this.planEmail(envelope);
      }
    });
  }

  /**
   * Emails the event if its recipient is known, else parks it until a contract event names the
   * client's AP contact (and the contract, for the emails that name it).
   */
  private async planEmail(envelope: EmailedEvent): Promise<void> {
    const now = this.clock.now();
    const clientId = envelope.data.client_id;
    await this.directory.lockClient(clientId);
    const client = await this.directory.findClient(clientId);
    // Some collections letters (a stage's letter, a hand-off notice) are about the whole case, not one contract.
    const contractId = 'contract_id' in envelope.data ? envelope.data.contract_id : null;
    const contract = contractId ? await this.directory.findContract(contractId) : null;
    // Approvals (a milestone's, a change order's) go to the client's approver, or its AP contact when it named none.
    const recipient = envelope.event === 'milestone.approval_requested' || envelope.event === 'contract.change_order_proposed' ? (client?.approverEmail ?? client?.apEmail) : client?.apEmail;
    if (!client || !recipient || (NEEDS_CONTRACT.includes(envelope.event) && !contract)) {
      await this.parkedNotices.park(clientId, envelope, now);
      return;
    }
    // In the client's language (contract-service's client, learnt from the contract events), English when it set none.
    const language = emailLanguageFor(client.language);
    const render: Render = (template, model) => this.renderer.render(template, language, model);
    const content = this.emailFor(envelope, client.clientName, contract?.title ?? null, render);
    const delivery = Delivery.plan({
      id: newId('dlv'),
      eventId: envelope.id,
      eventName: envelope.event,
      clientId,
      channel: 'email',
      recipient,
      payload: content,
      now,
    });
    await this.planDelivery(delivery);
  }

  private emailFor(envelope: EmailedEvent, clientName: string | null, contractTitle: string | null, render: Render): EmailContent {
    if (isCollectionsLetter(envelope)) return collectionsLetterOf(envelope, clientName, contractTitle, render);
    if (envelope.event === 'contract.change_order_proposed') return this.changeOrderEmailOf(envelope, clientName, render);
    if (envelope.event === 'collections.payment_plan_proposed') return this.paymentPlanProposalOf(envelope, clientName, render);
    if (envelope.event !== 'milestone.approval_requested') return emailFor(envelope, clientName, contractTitle, render);
    const data = envelope.data;
    return render(approvalRequestTemplate, {
      kind: data.kind,
      clientName,
      contractTitle: contractTitle ?? data.contract_id,
      milestoneIndex: data.milestone_index,
      milestoneTitle: data.milestone_title,
      acceptanceCriteria: data.acceptance_criteria,
      evidenceUrl: data.evidence_url,
      currency: data.currency,
      amountCents: data.amount_due_cents,
      lastDayToAnswer: data.last_day_to_answer,
      deemedAcceptance: data.deemed_acceptance,
      ...approvalLinks(this.approvalLinksBaseUrl, data.milestone_id),
      portalApprovalsUrl: this.portalApprovalsUrl,
    });
  }

  /** Issue 15: a payment plan proposed to the client, with where to accept it (the portal's Collections page, when one is served). */
  private paymentPlanProposalOf(envelope: EventEnvelope<'collections.payment_plan_proposed'>, clientName: string | null, render: Render): EmailContent {
    const data = envelope.data;
    return render(paymentPlanProposedTemplate, {
      clientName,
      ...planScheduleOf(data),
      acceptBy: data.accept_by,
      portalCollectionsUrl: this.portalCollectionsUrl,
    });
  }

  /** Issue 14: a proposed change order, listing each milestone it touches with its amount before and after. */
  private changeOrderEmailOf(envelope: EventEnvelope<'contract.change_order_proposed'>, clientName: string | null, render: Render): EmailContent {
    const data = envelope.data;
    return render(changeOrderProposedTemplate, {
      clientName,
      contractTitle: data.contract_title,
      reason: data.reason,
      currency: data.currency,
      previousTotalCents: data.previous_total_value_cents,
      totalCents: data.total_value_cents,
      previousNetDays: data.previous_net_days,
      netDays: data.net_days,
      changes: data.milestone_changes.map((change) => {
        const shown = change.after ?? change.before;
        return {
          milestoneIndex: change.milestone_index,
          kind: change.kind,
          title: shown?.title ?? `Milestone ${change.milestone_index}`,
          amountBeforeCents: change.before?.amount_cents ?? null,
          amountAfterCents: change.after?.amount_cents ?? null,
          plannedDate: shown?.planned_date ?? null,
        };
      }),
      lastDayToRespond: data.last_day_to_respond,
      ...changeOrderLinks(this.approvalLinksBaseUrl, data.change_order_id),
    });
  }

  private async planWebhooks(envelope: AnyEventEnvelope): Promise<void> {
    const now = this.clock.now();
    // The body is the envelope as received, the shape finance tooling and webhooks are promised.
    const body = JSON.stringify(envelope);
    const subscribed = await this.subscriptions.subscribedTo(envelope.event);
    // A client-scoped subscription hears of its own client's events only.
    for (const subscription of subscribed.filter((candidate) => candidate.receives(envelope))) {
      const delivery = Delivery.plan({
        id: newId('dlv'),
        eventId: envelope.id,
        eventName: envelope.event,
        clientId: clientIdOf(envelope),
        channel: 'webhook',
        recipient: subscription.url,
        payload: { subscriptionId: subscription.id, body },
        now,
        // A paused subscription's deliveries wait for it to resume, with no timer meanwhile.
        held: subscription.holdsDeliveries,
      });
      await this.planDelivery(delivery);
    }
  }

  /** Saves the delivery unless the event already has it, and sets its timer for the first attempt. */
  private async planDelivery(delivery: Delivery): Promise<void> {
    if (!(await this.deliveries.planOnce(delivery))) return;
    const { nextAttemptAt } = delivery.snapshot();
    if (nextAttemptAt) await this.timers.schedule(DELIVERY_DUE_TIMER, delivery.id, nextAttemptAt);
  }
}

/** The client an event belongs to, when it names one: whose deliveries these are. */
function clientIdOf(envelope: AnyEventEnvelope): string | null {
  const clientId = (envelope.data as { client_id?: unknown }).client_id;
  return typeof clientId === 'string' ? clientId : null;
}

function isEmailed(envelope: AnyEventEnvelope): envelope is EmailedEvent {
  return isEmailedEvent(envelope.event);
}

/** Whether events of this type may be emailed (to whom is decided when one comes). */
export function isEmailedEvent(eventName: string): boolean {
  return (EMAILED_EVENTS as readonly string[]).includes(eventName);
}

/** Renders a template in the recipient's language. */
type Render = <M>(template: EmailTemplate<M>, model: M) => EmailContent;

function isCollectionsLetter(envelope: EmailedEvent): envelope is CollectionsLetterEvent {
  return envelope.event === 'collections.stage_changed' || envelope.event === 'collections.invoice_joined' || envelope.event === 'collections.promise_recorded';
}

/**
 * Whether the event writes to the client: a collections letter only on channel email (a held case,
 * one with only disputed invoices, or a quiet stage writes nothing); a stage change of version 1,
 * which carries no letter, never.
 */
function writesToClient(envelope: EmailedEvent): boolean {
  if (envelope.event === 'collections.stage_changed' || envelope.event === 'collections.invoice_joined') {
    return (envelope.data as { channel?: string }).channel === 'email';
  }
  return true;
}

function collectionsLetterOf(envelope: CollectionsLetterEvent, clientName: string | null, contractTitle: string | null, render: Render): EmailContent {
  if (envelope.event === 'collections.promise_recorded') {
    const data = envelope.data;
    return render(promiseConfirmationTemplate, { clientName, promisedDate: data.promised_date, currency: data.currency, amountCents: data.amount_cents });
  }
  if (envelope.event === 'collections.invoice_joined') {
    const data = envelope.data;
    return render(collectionsReminderTemplate, {
      clientName,
      contractTitle,
      invoiceNumber: data.invoice_number,
      currency: data.currency,
      amountDueCents: data.amount_due_cents,
      dueDate: data.due_date,
      daysOverdue: data.days_overdue,
      stage: data.stage,
    });
  }
  const data = envelope.data;
  return render(dunningLetterTemplate, {
    clientName,
    template: data.template,
    stage: data.stage,
    cause: data.cause,
    balances: data.balances.map((balance) => ({ currency: balance.currency, balanceCents: balance.balance_cents })),
    invoices: data.invoices.map((invoice) => ({
      invoiceNumber: invoice.invoice_number,
      currency: invoice.currency,
      amountDueCents: invoice.amount_due_cents,
      dueDate: invoice.due_date,
      daysLate: invoice.days_late,
    })),
  });
}

function emailFor(envelope: Exclude<EmailedEvent, EventEnvelope<'milestone.approval_requested'> | EventEnvelope<'contract.change_order_proposed'> | EventEnvelope<'collections.payment_plan_proposed'> | CollectionsLetterEvent>, clientName: string | null, contractTitle: string | null, render: Render): EmailContent {
  if (isPaymentPlanEvent(envelope)) return paymentPlanEmailOf(envelope, clientName, render);
  if (envelope.event === 'invoice.issued') {
    const data = envelope.data;
    return render(invoiceIssuedTemplate, {
      invoiceId: data.invoice_id,
      clientName,
      contractTitle: contractTitle ?? data.contract_id,
      invoiceNumber: data.invoice_number,
      milestoneIndex: data.milestone_index,
      milestoneTitle: data.milestone_title,
      releasedInvoiceNumbers: data.released_invoices?.map((released) => released.invoice_number),
      currency: data.currency,
      totalCents: data.total_cents,
      retainageCents: data.retainage_cents,
      amountDueCents: data.amount_due_cents,
      issueDate: data.issue_date,
      dueDate: data.due_date,
      purchaseOrderRef: data.purchase_order_ref ?? null,
    });
  }
  if (envelope.event === 'invoice.voided') {
    const data = envelope.data;
    return render(invoiceVoidedTemplate, {
      clientName,
      contractTitle: contractTitle ?? data.contract_id,
      invoiceNumber: data.invoice_number,
      currency: data.currency,
      totalCents: data.total_cents,
      reason: data.reason,
    });
  }
  if (envelope.event === 'credit_note.issued') {
    const data = envelope.data;
    return render(creditNoteIssuedTemplate, {
      clientName,
      contractTitle: contractTitle ?? data.contract_id,
      creditNoteId: data.credit_note_id,
      creditNoteNumber: data.credit_note_number,
      invoiceNumber: data.invoice_number,
      currency: data.currency,
      subtotalCents: data.subtotal_cents,
      taxCents: data.tax_cents,
      totalCents: data.total_cents,
      amountCreditedCents: data.amount_credited_cents,
      issueDate: data.issue_date,
      reason: data.reason,
      invoiceAmountDueCents: data.invoice_amount_due_cents,
      invoiceStatus: data.invoice_status,
    });
  }
  if (envelope.event === 'milestone.due_soon') return advanceNoticeOf(envelope, clientName, contractTitle, render);
  if (envelope.event === 'collections.dispute_opened') {
    const data = envelope.data;
    return render(disputeAcknowledgedTemplate, {
      clientName,
      contractTitle,
      invoiceNumber: data.invoice_number,
      currency: data.currency,
      amountCents: data.amount_cents,
      invoiceBalanceCents: data.invoice_balance_cents,
      wholeInvoice: data.whole_invoice,
      reason: data.reason,
      openedByClient: data.opened_by.role === 'client',
    });
  }
  if (envelope.event === 'collections.dispute_resolved') {
    const data = envelope.data;
    return render(disputeResolvedTemplate, {
      clientName,
      contractTitle,
      invoiceNumber: data.invoice_number,
      currency: data.currency,
      amountCents: data.amount_cents,
      outcome: data.outcome,
      note: data.note,
      creditAmountCents: data.credit_amount_cents ?? null,
    });
  }
  if (envelope.event === 'invoice.payment_reminder_due') return paymentReminderOf(envelope, clientName, contractTitle, render);
  if (envelope.event === 'collections.handed_off') {
    const data = envelope.data;
    return render(collectionsHandedOffTemplate, {
      clientName,
      agency: data.agency,
      handedOffOn: data.handed_off_at.slice(0, 10),
      balances: data.balances.map((balance) => ({ currency: balance.currency, balanceCents: balance.balance_cents })),
      invoices: data.invoices.map((invoice) => ({ invoiceNumber: invoice.invoice_number, currency: invoice.currency, balanceCents: invoice.balance_cents })),
    });
  }
  const data = envelope.data;
  return render(collectionsReminderTemplate, {
    clientName,
    contractTitle,
    invoiceNumber: data.invoice_number,
    currency: data.currency,
    amountDueCents: data.amount_due_cents,
    dueDate: data.due_date,
    daysOverdue: data.days_overdue,
    stage: data.stage,
  });
}

function advanceNoticeOf(envelope: EventEnvelope<'milestone.due_soon'>, clientName: string | null, contractTitle: string | null, render: Render): EmailContent {
  const data = envelope.data;
  return render(advanceNoticeTemplate, {
    clientName,
    contractTitle: contractTitle ?? data.contract_id,
    milestoneIndex: data.milestone_index,
    milestoneTitle: data.milestone_title,
    currency: data.currency,
    amountCents: data.amount_due_cents,
    plannedDate: data.planned_date,
    daysUntilDue: data.days_until_due,
    expectedInvoiceDate: data.expected_invoice_date ?? data.planned_date,
    expectedDueDate: data.expected_due_date ?? null,
    netDays: data.net_days ?? null,
  });
}

/** Issue 11 item 1: a payment reminder of one invoice, before, on or after its due date. */
function paymentReminderOf(envelope: EventEnvelope<'invoice.payment_reminder_due'>, clientName: string | null, contractTitle: string | null, render: Render): EmailContent {
  const data = envelope.data;
  return render(paymentReminderTemplate, {
    invoiceId: data.invoice_id,
    clientName,
    contractTitle,
    invoiceNumber: data.invoice_number,
    reminderKind: data.reminder_kind,
    currency: data.currency,
    amountDueCents: data.amount_due_cents,
    dueDate: data.due_date,
    daysUntilDue: data.days_until_due,
    daysPastDue: data.days_past_due,
    paymentInstructions: {
      accountName: data.payment_instructions.account_name,
      bankAccount: data.payment_instructions.bank_account,
      bankBic: data.payment_instructions.bank_bic ?? null,
      paymentReference: data.payment_instructions.payment_reference,
    },
  });
}

/** A plan's schedule as its emails show it, proposed or agreed alike (the two events carry the same schedule). */
function planScheduleOf(data: EventEnvelope<'collections.payment_plan_agreed' | 'collections.payment_plan_proposed'>['data']) {
  return {
    currency: data.currency,
    totalCents: data.total_cents,
    instalments: data.instalments.map((instalment) => ({ index: instalment.instalment_index, kind: instalment.kind, dueDate: instalment.due_date, amountCents: instalment.amount_cents })),
    invoiceNumbers: data.invoices.map((invoice) => invoice.invoice_number),
    graceDays: data.grace_days,
  };
}

function isPaymentPlanEvent(envelope: EmailedEvent): envelope is PaymentPlanEvent {
  return envelope.event === 'collections.payment_plan_agreed' || envelope.event === 'collections.instalment_due_soon' || envelope.event === 'collections.payment_plan_broken';
}

function paymentPlanEmailOf(envelope: PaymentPlanEvent, clientName: string | null, render: Render): EmailContent {
  if (envelope.event === 'collections.payment_plan_agreed') {
    const data = envelope.data;
    return render(paymentPlanAgreedTemplate, {
      paymentPlanId: data.payment_plan_id,
      clientName,
      ...planScheduleOf(data),
      reminderDaysBefore: data.reminder_days_before,
    });
  }
  if (envelope.event === 'collections.instalment_due_soon') {
    const data = envelope.data;
    return render(instalmentDueSoonTemplate, {
      clientName,
      instalmentIndex: data.instalment_index,
      dueDate: data.due_date,
      daysUntilDue: data.days_until_due,
      currency: data.currency,
      amountCents: data.amount_cents,
      amountOutstandingCents: data.amount_outstanding_cents,
    });
  }
  const data = envelope.data;
  return render(paymentPlanBrokenTemplate, {
    clientName,
    currency: data.currency,
    missedInstalmentIndex: data.missed_instalment.instalment_index,
    missedDueDate: data.missed_instalment.due_date,
    missedUnpaidCents: data.missed_instalment.unpaid_cents,
    graceDays: data.grace_days,
    outstandingCents: data.outstanding_cents,
  });
}
