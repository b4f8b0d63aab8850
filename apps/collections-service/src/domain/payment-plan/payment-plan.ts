import { addDays, AggregateRoot, calendarDateIn, calendarDaysBetween, startOfDayIn } from '@mb/kernel';
import { PaymentPlanErrors } from './payment-plan.errors';
import { type DownPaymentTerms, type InstalmentTerms, type ScheduledPayment, scheduleOf } from './payment-plan-schedule';

/**
 * proposed: put to the client, holding nothing until it accepts; agreed: dunning is on hold while
 * the client pays to it; completed, broken and superseded (a newer proposal replaced it) are final.
 */
export const PAYMENT_PLAN_STATUSES = ['proposed', 'agreed', 'completed', 'broken', 'superseded'] as const;
export type PaymentPlanStatus = (typeof PAYMENT_PLAN_STATUSES)[number];

/** Days after a due date an unpaid instalment may still be paid before the plan breaks, unless the plan says otherwise. */
export const DEFAULT_GRACE_DAYS = 5;
/** Days before a due date the client is reminded, unless the plan says otherwise. */
export const DEFAULT_REMINDER_DAYS_BEFORE = 3;

/** An overdue invoice of the case the plan covers, with the part of its balance the plan takes on. */
export interface PlanInvoice {
  readonly invoiceId: string;
  readonly invoiceNumber: string;
  readonly contractId: string;
  readonly amountCents: number;
}

/** A scheduled payment with what has been paid towards it. */
export interface Instalment extends ScheduledPayment {
  readonly paidCents: number;
  /** When the payment that covered it in full was applied; null while something is owed on it. */
  readonly paidAt: Date | null;
}

export type PaymentPlanEvent =
  | { readonly type: 'proposed'; readonly at: Date; readonly supersedesPlanId: string | null }
  | { readonly type: 'agreed'; readonly at: Date }
  | { readonly type: 'instalment_paid'; readonly at: Date; readonly instalment: Instalment }
  | { readonly type: 'instalment_due_soon'; readonly at: Date; readonly instalment: Instalment; readonly daysUntilDue: number }
  | { readonly type: 'broken'; readonly at: Date; readonly missed: Instalment }
  | { readonly type: 'completed'; readonly at: Date };

export interface PaymentPlanSnapshot {
  readonly id: string;
  readonly caseId: string;
  readonly clientId: string;
  readonly currency: string;
  readonly totalCents: number;
  readonly status: PaymentPlanStatus;
  /** The client's IANA time zone: due dates are its calendar dates. */
  readonly timeZone: string;
  readonly graceDays: number;
  readonly reminderDaysBefore: number;
  /** When it was put to the client; for a plan agreed at once, when it was agreed. */
  readonly proposedAt: Date;
  /** Who put it to the client (the caller's subject); for a plan agreed at once, who agreed it. */
  readonly proposedBy: string;
  /** Null while proposed, and for a proposal superseded before it was accepted. */
  readonly agreedAt: Date | null;
  /** Who agreed it: the caller who created it agreed, or who accepted the proposal (the client, or staff on its behalf). */
  readonly agreedBy: string | null;
  /** When it completed, broke or was superseded. */
  readonly endedAt: Date | null;
  readonly invoices: readonly PlanInvoice[];
  /** In due-date order: the down payment (number 0) first when there is one. */
  readonly instalments: readonly Instalment[];
  readonly version: number;
}

/** What the plan is asked to cover: the case's overdue invoices in the plan's currency, each with its balance, and how. */
export interface PaymentPlanTerms {
  readonly id: string;
  readonly caseId: string;
  readonly clientId: string;
  readonly currency: string;
  readonly invoices: readonly PlanInvoice[];
  readonly downPayment: DownPaymentTerms | null;
  readonly instalments: InstalmentTerms;
  readonly graceDays: number;
  readonly reminderDaysBefore: number;
  readonly timeZone: string;
  readonly now: Date;
}

export interface AgreePaymentPlan extends PaymentPlanTerms {
  readonly agreedBy: string;
}

export interface ProposePaymentPlan extends PaymentPlanTerms {
  readonly proposedBy: string;
  /** The case's proposal this one replaces (the caller supersedes it), if any. */
  readonly supersedesPlanId: string | null;
}

/**
 * A payment plan: a case's overdue balance in one currency split into a down payment and
 * instalments, agreed with the client. Payments to the invoices it covers pay the instalments in
 * due-date order; an instalment still unpaid when its grace period ends breaks the plan; the last
 * one paid completes it. It never moves money or balances itself: the case keeps the balances.
 */
export class PaymentPlan extends AggregateRoot<PaymentPlanEvent> {
  private constructor(
    private readonly fields: Omit<PaymentPlanSnapshot, 'status' | 'endedAt' | 'agreedAt' | 'agreedBy' | 'instalments'>,
    private status: PaymentPlanStatus,
    private endedAt: Date | null,
    private agreement: { readonly at: Date; readonly by: string } | null,
    private instalments: Instalment[],
  ) {
    super();
  }

  /** A plan agreed with the client at once: dunning holds from now. */
  static agree(input: AgreePaymentPlan): PaymentPlan {
    const plan = PaymentPlan.create(input, { status: 'agreed', by: input.agreedBy });
    plan.record({ type: 'agreed', at: input.now });
    return plan;
  }

  /** A plan put to the client, who accepts it (`accept`) before its first payment falls due; it holds and schedules nothing until then. */
  static propose(input: ProposePaymentPlan): PaymentPlan {
    const plan = PaymentPlan.create(input, { status: 'proposed', by: input.proposedBy });
    plan.record({ type: 'proposed', at: input.now, supersedesPlanId: input.supersedesPlanId });
    return plan;
  }

  private static create(input: PaymentPlanTerms, as: { status: 'agreed' | 'proposed'; by: string }): PaymentPlan {
    const totalCents = input.invoices.reduce((sum, invoice) => sum + invoice.amountCents, 0);
    if (totalCents <= 0) throw PaymentPlanErrors.noBalance(input.currency);
    assertWholeDays(input.graceDays, 'grace days');
    assertWholeDays(input.reminderDaysBefore, 'reminder days');
    const today = calendarDateIn(input.now, input.timeZone);
    const schedule = scheduleOf({ totalCents, downPayment: input.downPayment, instalments: input.instalments, today });
    return new PaymentPlan(
      {
        id: input.id,
        caseId: input.caseId,
        clientId: input.clientId,
        currency: input.currency,
        totalCents,
        timeZone: input.timeZone,
        graceDays: input.graceDays,
        reminderDaysBefore: input.reminderDaysBefore,
        proposedAt: input.now,
        proposedBy: as.by,
        invoices: [...input.invoices],
        version: 0,
      },
      as.status,
      null,
      as.status === 'agreed' ? { at: input.now, by: as.by } : null,
      schedule.map((scheduled) => ({ ...scheduled, paidCents: 0, paidAt: null })),
    );
  }

  static restore(snapshot: PaymentPlanSnapshot): PaymentPlan {
    const { status, endedAt, agreedAt, agreedBy, instalments, ...fields } = snapshot;
    return new PaymentPlan(fields, status, endedAt, agreedAt && agreedBy ? { at: agreedAt, by: agreedBy } : null, [...instalments]);
  }

  get id(): string {
    return this.fields.id;
  }

  get isActive(): boolean {
    return this.status === 'agreed';
  }

  get isProposed(): boolean {
    return this.status === 'proposed';
  }

  get caseId(): string {
    return this.fields.caseId;
  }

  get currency(): string {
    return this.fields.currency;
  }

  /**
   * The client (or staff on its behalf) accepts the proposal: it is agreed now, with the dates as
   * proposed. Refused when it is not a proposal, when its first payment's due date has passed in the
   * client's zone (the schedule no longer holds: finance proposes again), or when what the case owes
   * in the currency (`owed`, the covered invoices' balances now) is no longer what the plan splits.
   */
  accept(input: { by: string; owed: readonly PlanInvoice[]; now: Date }): void {
    if (this.status !== 'proposed') throw PaymentPlanErrors.notProposed(this.fields.id, this.status);
    const today = calendarDateIn(input.now, this.fields.timeZone);
    const first = this.instalments[0];
    if (first.dueDate < today) throw PaymentPlanErrors.proposalExpired(this.fields.id, first.dueDate, today);
    if (!sameInvoices(this.fields.invoices, input.owed)) throw PaymentPlanErrors.balanceChanged(this.fields.id, this.fields.currency);
    this.status = 'agreed';
    this.agreement = { at: input.now, by: input.by };
    this.record({ type: 'agreed', at: input.now });
  }

  /** A newer proposal for the case replaces this one: it can no longer be accepted. */
  supersede(now: Date): void {
    if (this.status !== 'proposed') throw PaymentPlanErrors.notProposed(this.fields.id, this.status);
    this.status = 'superseded';
    this.endedAt = now;
  }

  /** The last day the proposal may be accepted: its first payment's due date, in the client's zone. */
  get acceptBy(): string {
    return this.instalments[0].dueDate;
  }

  covers(invoiceId: string): boolean {
    return this.fields.invoices.some((invoice) => invoice.invoiceId === invoiceId);
  }

  /**
   * Part of a payment went to one of the plan's invoices: it pays the instalments in due-date order
   * (what is left over on one goes to the next). Each instalment covered in full is recorded; the
   * last completes the plan. A plan no longer active, or an invoice it does not cover, takes nothing.
   * Answers what the plan took.
   */
  applyPayment(invoiceId: string, amountCents: number, now: Date): number {
    if (!Number.isSafeInteger(amountCents) || amountCents < 0) throw new RangeError(`payment amount must be whole minor units (got ${amountCents})`);
    if (!this.isActive || !this.covers(invoiceId)) return 0;
    let left = amountCents;
    this.instalments = this.instalments.map((instalment) => {
      const owed = instalment.amountCents - instalment.paidCents;
      if (left === 0 || owed === 0) return instalment;
      const taken = Math.min(owed, left);
      left -= taken;
      const paid: Instalment = { ...instalment, paidCents: instalment.paidCents + taken, paidAt: taken === owed ? now : null };
      if (paid.paidAt) this.record({ type: 'instalment_paid', at: now, instalment: paid });
      return paid;
    });
    if (this.instalments.every((instalment) => instalment.paidAt !== null)) {
      this.status = 'completed';
      this.endedAt = now;
      this.record({ type: 'completed', at: now });
    }
    return amountCents - left;
  }

  /** When to remind the client of instalment `number`: the start of the day `reminderDaysBefore` before its due date, in the client's zone. */
  reminderAt(number: number): Date {
    return startOfDayIn(addDays(this.instalment(number).dueDate, -this.fields.reminderDaysBefore), this.fields.timeZone);
  }

  /** When instalment `number`, unpaid, breaks the plan: the start of the day after its grace period, in the client's zone. */
  deadlineOf(number: number): Date {
    return startOfDayIn(addDays(this.instalment(number).dueDate, this.fields.graceDays + 1), this.fields.timeZone);
  }

  /** The reminder time of instalment `number` came: reminds of it if the plan is active and it is not paid. */
  remind(number: number, now: Date): 'reminded' | 'not_needed' {
    const instalment = this.instalment(number);
    if (!this.isActive || instalment.paidAt !== null) return 'not_needed';
    const daysUntilDue = Math.max(0, calendarDaysBetween(calendarDateIn(now, this.fields.timeZone), instalment.dueDate));
    this.record({ type: 'instalment_due_soon', at: now, instalment, daysUntilDue });
    return 'reminded';
  }

  /**
   * The grace period of instalment `number` ended: an active plan with it still unpaid breaks.
   * `not_yet` when asked before the deadline (a timer firing early), which the caller retries.
   */
  checkDeadline(number: number, now: Date): 'broken' | 'kept' | 'not_yet' {
    const instalment = this.instalment(number);
    if (!this.isActive || instalment.paidAt !== null) return 'kept';
    if (now.getTime() < this.deadlineOf(number).getTime()) return 'not_yet';
    this.status = 'broken';
    this.endedAt = now;
    this.record({ type: 'broken', at: now, missed: instalment });
    return 'broken';
  }

  /** What the client paid under the plan so far. */
  get paidCents(): number {
    return this.instalments.reduce((sum, instalment) => sum + instalment.paidCents, 0);
  }

  snapshot(): PaymentPlanSnapshot {
    return {
      ...this.fields,
      status: this.status,
      agreedAt: this.agreement?.at ?? null,
      agreedBy: this.agreement?.by ?? null,
      endedAt: this.endedAt,
      instalments: [...this.instalments],
    };
  }

  private instalment(number: number): Instalment {
    const found = this.instalments.find((instalment) => instalment.number === number);
    if (!found) throw new RangeError(`plan ${this.fields.id} has no instalment ${number}`);
    return found;
  }
}

/** The same invoices for the same amounts, in any order. */
function sameInvoices(planned: readonly PlanInvoice[], owed: readonly PlanInvoice[]): boolean {
  const owedCents = new Map(owed.map((invoice) => [invoice.invoiceId, invoice.amountCents]));
  return planned.length === owed.length && planned.every((invoice) => owedCents.get(invoice.invoiceId) === invoice.amountCents);
}

function assertWholeDays(days: number, what: string): void {
  if (!Number.isSafeInteger(days) || days < 0 || days > 90) throw new RangeError(`${what} must be a whole number of days from 0 to 90 (got ${days})`);
}
