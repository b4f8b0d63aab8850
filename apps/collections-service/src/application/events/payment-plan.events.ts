import type { CatalogueEvent } from '@mb/messaging';
import type { Instalment, PaymentPlanEvent, PaymentPlanSnapshot } from '../../domain/payment-plan/payment-plan';

/** The catalogue events announcing what a plan recorded, in order (all keyed by the client). */
export function paymentPlanCatalogueEvents(events: readonly PaymentPlanEvent[], plan: PaymentPlanSnapshot): CatalogueEvent[] {
  const about = { payment_plan_id: plan.id, case_id: plan.caseId, client_id: plan.clientId };
  return events.map((event): CatalogueEvent => {
    switch (event.type) {
      case 'proposed':
        return {
          name: 'collections.payment_plan_proposed',
          data: {
            ...about,
            proposed_at: event.at.toISOString(),
            proposed_by: plan.proposedBy,
            ...termsOf(plan),
            // The first payment's due date: accepted later, the proposal is expired.
            accept_by: plan.instalments[0].dueDate,
            ...(event.supersedesPlanId ? { supersedes_payment_plan_id: event.supersedesPlanId } : {}),
          },
        };
      case 'agreed':
        return { name: 'collections.payment_plan_agreed', data: { ...about, agreed_at: event.at.toISOString(), ...termsOf(plan) } };
      case 'instalment_due_soon':
        return {
          name: 'collections.instalment_due_soon',
          data: {
            ...about,
            instalment_index: event.instalment.number,
            due_date: event.instalment.dueDate,
            days_until_due: event.daysUntilDue,
            currency: plan.currency,
            amount_cents: event.instalment.amountCents,
            amount_outstanding_cents: outstandingOf(event.instalment),
            reminded_at: event.at.toISOString(),
          },
        };
      case 'instalment_paid':
        return {
          name: 'collections.instalment_paid',
          data: {
            ...about,
            instalment_index: event.instalment.number,
            due_date: event.instalment.dueDate,
            currency: plan.currency,
            amount_cents: event.instalment.amountCents,
            paid_at: event.at.toISOString(),
          },
        };
      case 'broken': {
        const paidCents = plan.instalments.reduce((sum, instalment) => sum + instalment.paidCents, 0);
        return {
          name: 'collections.payment_plan_broken',
          data: {
            ...about,
            broken_at: event.at.toISOString(),
            currency: plan.currency,
            total_cents: plan.totalCents,
            paid_cents: paidCents,
            outstanding_cents: plan.totalCents - paidCents,
            grace_days: plan.graceDays,
            missed_instalment: {
              instalment_index: event.missed.number,
              due_date: event.missed.dueDate,
              amount_cents: event.missed.amountCents,
              unpaid_cents: outstandingOf(event.missed),
            },
          },
        };
      }
      case 'completed':
        return {
          name: 'collections.payment_plan_completed',
          data: { ...about, completed_at: event.at.toISOString(), currency: plan.currency, total_cents: plan.totalCents },
        };
    }
  });
}

/** The schedule and what it covers, as the proposal and the agreement both state it. */
function termsOf(plan: PaymentPlanSnapshot) {
  return {
    currency: plan.currency,
    total_cents: plan.totalCents,
    down_payment_cents: plan.instalments.find((instalment) => instalment.kind === 'down_payment')?.amountCents ?? 0,
    instalments: plan.instalments.map((instalment) => ({
      instalment_index: instalment.number,
      kind: instalment.kind,
      due_date: instalment.dueDate,
      amount_cents: instalment.amountCents,
    })),
    invoices: plan.invoices.map((invoice) => ({
      invoice_id: invoice.invoiceId,
      invoice_number: invoice.invoiceNumber,
      contract_id: invoice.contractId,
      amount_cents: invoice.amountCents,
    })),
    grace_days: plan.graceDays,
    reminder_days_before: plan.reminderDaysBefore,
    time_zone: plan.timeZone,
  };
}

function outstandingOf(instalment: Instalment): number {
  return instalment.amountCents - instalment.paidCents;
}
