import type { Timers } from '@mb/kernel';
import type { EventOutbox } from '@mb/messaging';
import type { CaseSnapshot } from '../../domain/case/case';
import type { PaymentPlan, PlanInvoice } from '../../domain/payment-plan/payment-plan';
import { paymentPlanCatalogueEvents } from '../events/payment-plan.events';
import { INSTALMENT_DEADLINE_TIMER, INSTALMENT_REMINDER_TIMER, instalmentTimerKey } from '../instalment-timers/instalment-timers.handler';
import type { CaseDunning } from '../ports/case-dunning.port';

/** What a plan would cover of the case: its invoices in the currency with something owed, each for what is owed on it. */
export function owedInvoicesOf(collectionsCase: CaseSnapshot, currency: string): PlanInvoice[] {
  return collectionsCase.invoices
    .filter((invoice) => invoice.currency === currency && invoice.balanceCents > 0)
    .map((invoice) => ({ invoiceId: invoice.invoiceId, invoiceNumber: invoice.invoiceNumber, contractId: invoice.contractId, amountCents: invoice.balanceCents }));
}

/**
 * A plan just agreed (at once, or a proposal accepted), inside the caller's unit of work, after it
 * is saved: each instalment's reminder (when its day is still ahead) and deadline timers are set,
 * what it recorded goes to the outbox (collections.payment_plan_agreed, which notification-service
 * emails with the schedule PDF) and the case's dunning is put on hold. One place, so that an
 * accepted proposal has exactly the effects of a plan agreed by finance.
 */
export async function putAgreedPlanInEffect(plan: PaymentPlan, now: Date, ports: { timers: Timers; outbox: EventOutbox; dunning: CaseDunning }): Promise<void> {
  const agreed = plan.snapshot();
  for (const instalment of agreed.instalments) {
    const key = instalmentTimerKey(agreed.id, instalment.number);
    const remindAt = plan.reminderAt(instalment.number);
    if (remindAt.getTime() > now.getTime()) await ports.timers.schedule(INSTALMENT_REMINDER_TIMER, key, remindAt);
    await ports.timers.schedule(INSTALMENT_DEADLINE_TIMER, key, plan.deadlineOf(instalment.number));
  }
  await ports.outbox.recordAll(paymentPlanCatalogueEvents(plan.pullEvents(), agreed));
  await ports.dunning.paymentPlanAgreed(agreed.caseId, agreed.id, now);
}
