import { Inject, Injectable } from '@nestjs/common';
import { type Clock, newId, Timers, UnitOfWork } from '@mb/kernel';
import { EventOutbox } from '@mb/messaging';
import { SERVICE_CLOCK } from '@mb/platform';
import type { CaseSnapshot } from '../../domain/case/case';
import { caseNotFound } from '../../domain/case/case.errors';
import { PaymentPlan, type PaymentPlanSnapshot } from '../../domain/payment-plan/payment-plan';
import { PaymentPlanErrors } from '../../domain/payment-plan/payment-plan.errors';
import type { DownPaymentTerms, InstalmentTerms } from '../../domain/payment-plan/payment-plan-schedule';
import { CaseDunning } from '../ports/case-dunning.port';
import { CaseRepository } from '../ports/case.repository';
import { PaymentPlanRepository } from '../ports/payment-plan.repository';
import { owedInvoicesOf } from '../../domain/payment-plan/plan-coverage.policy';
import { paymentPlanCatalogueEvents } from '../events/payment-plan.events';
import { INSTALMENT_DEADLINE_TIMER, INSTALMENT_REMINDER_TIMER, instalmentTimerKey } from '../instalment-timers/instalment-timers.handler';

/** The terms finance sets for a plan, agreed at once or proposed. */
export interface PaymentPlanTermsCommand {
  readonly caseId: string;
  readonly currency: string;
  readonly downPayment: DownPaymentTerms | null;
  readonly instalments: InstalmentTerms;
  readonly graceDays: number;
  readonly reminderDaysBefore: number;
  readonly timeZone: string;
}

export interface AgreePaymentPlanCommand extends PaymentPlanTermsCommand {
  /** Who agreed it (the caller's subject). */
  readonly agreedBy: string;
}

/**
 * Finance agrees a plan with the client for the open case's balance in one currency: the case's
 * invoices in that currency with something owed, each for what is owed on it. In one unit of work
 * the plan is saved, `collections.payment_plan_agreed` goes to the outbox, each instalment's
 * reminder (when its day is still ahead) and deadline timers are set, and the case's dunning is
 * put on hold.
 */
@Injectable()
export class AgreePaymentPlanHandler {
  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly cases: CaseRepository,
    private readonly plans: PaymentPlanRepository,
    private readonly dunning: CaseDunning,
    private readonly timers: Timers,
    private readonly outbox: EventOutbox,
    @Inject(SERVICE_CLOCK) private readonly clock: Clock,
  ) {}

  async execute(command: AgreePaymentPlanCommand): Promise<PaymentPlanSnapshot> {
    return this.unitOfWork.run(async () => {
      const now = this.clock.now();
      const { snapshot, invoices } = await balanceAPlanMayCover(this.cases, this.plans, command);
      const plan = PaymentPlan.agree({ ...command, id: newId('plan'), clientId: snapshot.clientId, invoices, now });
      await this.plans.add(plan);
      await this.putInEffect(plan, now);
      return plan.snapshot();
    });
  }

  /**
   * A plan just agreed and saved (here, or a proposal the client accepted: AcceptPaymentPlanHandler
   * calls this too, so both have exactly the same effects), in the caller's unit of work: each
   * instalment's reminder (when its day is still ahead) and deadline timers are set, what it
   * recorded goes to the outbox (collections.payment_plan_agreed, which notification-service emails
   * with the schedule PDF) and the case's dunning is put on hold.
   */
  async putInEffect(plan: PaymentPlan, now: Date): Promise<void> {
    const agreed = plan.snapshot();
    for (const instalment of agreed.instalments) {
      const key = instalmentTimerKey(agreed.id, instalment.number);
      const remindAt = plan.reminderAt(instalment.number);
      if (remindAt.getTime() > now.getTime()) await this.timers.schedule(INSTALMENT_REMINDER_TIMER, key, remindAt);
      await this.timers.schedule(INSTALMENT_DEADLINE_TIMER, key, plan.deadlineOf(instalment.number));
    }
    await this.outbox.recordAll(paymentPlanCatalogueEvents(plan.pullEvents(), agreed));
    await this.dunning.paymentPlanAgreed(agreed.caseId, agreed.id, now);
  }
}

/**
 * What a new plan, agreed or proposed, would cover: the open case's invoices still owed in the
 * plan's currency. Refuses an unknown or closed case, nothing owed in the currency, and a plan
 * already agreed in it.
 */
export async function balanceAPlanMayCover(
  cases: CaseRepository,
  plans: PaymentPlanRepository,
  command: Pick<PaymentPlanTermsCommand, 'caseId' | 'currency'>,
): Promise<{ snapshot: CaseSnapshot; invoices: ReturnType<typeof owedInvoicesOf> }> {
  const collectionsCase = await cases.findById(command.caseId);
  if (!collectionsCase) throw caseNotFound(command.caseId);
  const snapshot = collectionsCase.snapshot();
  if (snapshot.status !== 'open') throw PaymentPlanErrors.caseNotOpen(command.caseId);
  const invoices = owedInvoicesOf(snapshot, command.currency);
  if (invoices.length === 0) throw PaymentPlanErrors.noBalance(command.currency);
  const active = await plans.findActiveOfCase(command.caseId, command.currency);
  if (active) throw PaymentPlanErrors.alreadyActive(command.currency, active.id);
  return { snapshot, invoices };
}
