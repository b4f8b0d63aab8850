import { addDays, AggregateRoot, calendarDaysBetween, startOfDayIn } from '@mb/kernel';
import type { DunningLadder, DunningStep } from '../dunning/dunning-ladder';
import { firstStep, stepAfter, stepNamed } from '../dunning/dunning-ladder';
import { canMove, CaseStatus } from './case-status';
import { caseAlreadyHeld, caseNotOpen, illegalCaseTransition, noNextStage, notAwaitingDecision, promiseInvalid, promisePending } from './case.errors';

/** An overdue invoice as announced by invoicing (invoice.overdue), with its balance from the receivable ledger. */
export interface OverdueInvoice {
  readonly invoiceId: string;
  readonly invoiceNumber: string;
  readonly contractId: string;
  readonly currency: string;
  /** What is still owed on it when it joins the case (the ledger's balance, payments and credits taken off). */
  readonly amountDueCents: number;
  readonly dueDate: string;
  readonly daysOverdue: number;
}

/** An invoice the case chases, with what is still owed on it. */
export interface CaseInvoice extends OverdueInvoice {
  readonly balanceCents: number;
  /** The balance invoicing wrote off (invoice.uncollectible); 0 while it is chased or once paid. */
  readonly writtenOffCents: number;
  /** An open dispute: the invoice is left out of the letters and of what drives the ladder. */
  readonly disputed: boolean;
}

/** How a closed case ended (collections.case_closed's resolution). */
export type CaseResolution = 'paid' | 'written_off' | 'partly_written_off' | 'recovered_by_agency';

/** The case given to a collection agency: to whom, why, by whom and when. */
export interface CaseHandOff {
  /** The agency's name or identifier, as finance gave it. */
  readonly agency: string;
  readonly reason: string;
  /** Who handed it off (the caller's subject). */
  readonly by: string;
  readonly at: Date;
}

/** Who closed a case by hand, and why (a write-off); null when it closed by itself. */
export interface CaseClosure {
  readonly by: string;
  readonly reason: string;
}

/**
 * What stops the ladder moving: a promise to pay (until its date), an active payment plan, or a
 * stage that waits for a person's decision. One hold of each kind at a time.
 */
export const HOLD_KINDS = ['promise', 'payment_plan', 'awaiting_decision'] as const;
export type HoldKind = (typeof HOLD_KINDS)[number];

export interface CaseHold {
  readonly kind: HoldKind;
  readonly since: Date;
  /** The client's calendar date the hold lasts until (a promise's date); null for one lifted by an act. */
  readonly until: string | null;
  /** What holds it: the promise's or the plan's id, or the stage waiting for a decision. */
  readonly reference: string | null;
}

/** Why the case moved along the ladder (collections.stage_changed's cause). */
export type StageChangeCause = 'ladder' | 'broken_promise' | 'broken_payment_plan' | 'manual';

export const PROMISE_STATUSES = ['pending', 'kept', 'broken'] as const;
export type PromiseStatus = (typeof PROMISE_STATUSES)[number];

/** A client's promise to pay `amountCents` of `currency` by `promisedDate` (its local date). */
export interface PromiseToPay {
  readonly id: string;
  readonly promisedDate: string;
  readonly currency: string;
  readonly amountCents: number;
  /** What payments and credits took off the case's invoices in that currency since the promise. */
  readonly paidCents: number;
  readonly status: PromiseStatus;
  readonly recordedAt: Date;
  /** Who recorded it: the user id, or the client's. */
  readonly recordedBy: string;
  readonly resolvedAt: Date | null;
}

/** What happened to a case, recorded by its intent methods; the application publishes them. */
export type CaseEvent =
  /** Opened on `stage` for the invoice that went overdue. */
  | { readonly type: 'opened'; readonly at: Date; readonly stage: string; readonly invoice: OverdueInvoice }
  /** Another of the client's invoices went overdue and joined the open case. */
  | { readonly type: 'invoice_joined'; readonly at: Date; readonly invoice: OverdueInvoice }
  /** The case moved along its ladder. */
  | { readonly type: 'stage_changed'; readonly at: Date; readonly stage: string; readonly previousStage: string; readonly cause: StageChangeCause }
  | { readonly type: 'promise_recorded'; readonly at: Date; readonly promise: PromiseToPay }
  | { readonly type: 'promise_kept'; readonly at: Date; readonly promise: PromiseToPay }
  | { readonly type: 'promise_broken'; readonly at: Date; readonly promise: PromiseToPay }
  /** Nothing is owed on any of its invoices any more. */
  | { readonly type: 'closed'; readonly at: Date; readonly resolution: CaseResolution; readonly closure?: CaseClosure }
  /** Handed to a collection agency: dunning stops; `balances` is what the agency is to collect. */
  | { readonly type: 'handed_off'; readonly at: Date; readonly handOff: CaseHandOff; readonly balances: Balances }
  /** One invoice's remaining balance given up by a write-off of the case (collections.written_off). */
  | { readonly type: 'written_off'; readonly at: Date; readonly invoice: CaseInvoice; readonly amountCents: number; readonly closure: CaseClosure };

export interface CaseSnapshot {
  readonly id: string;
  readonly clientId: string;
  readonly status: CaseStatus;
  readonly stage: string;
  readonly stageEnteredAt: Date;
  readonly openedAt: Date;
  readonly closedAt: Date | null;
  readonly invoices: readonly CaseInvoice[];
  /** The ladder the case opened with: configuration changed later does not move it. */
  readonly ladder: DunningLadder;
  /** The client's IANA zone: the stages' days and the promises' dates are its calendar days. */
  readonly clientTimeZone: string;
  readonly holds: readonly CaseHold[];
  readonly promises: readonly PromiseToPay[];
  /** Set once the case is handed to a collection agency. */
  readonly handOff?: CaseHandOff | null;
  /** Who wrote the case off and why, when a person closed it. */
  readonly closure?: CaseClosure | null;
  /** Optimistic concurrency: the version the case was loaded at (0 for a new case). */
  readonly version: number;
}

/** Currency → cents still owed, over the case's invoices (disputed ones included). */
export type Balances = Readonly<Record<string, number>>;

/**
 * A client's collections case: opened by the first overdue invoice, joined by later ones while it
 * is open, moved along its dunning ladder by durable timers unless held, closed when no invoice in
 * it has a balance left. Balances are kept per currency, never added across currencies.
 */
export class CollectionsCase extends AggregateRoot<CaseEvent> {
  private constructor(private state: Omit<CaseSnapshot, 'invoices'> & { invoices: Map<string, CaseInvoice> }) {
    super();
  }

  get id(): string {
    return this.state.id;
  }

  get clientId(): string {
    return this.state.clientId;
  }

  get version(): number {
    return this.state.version;
  }

  /** Opens a case on the ladder's first step for the invoice that went overdue. */
  static open(input: { id: string; clientId: string; invoice: OverdueInvoice; ladder: DunningLadder; now: Date; clientTimeZone?: string }): CollectionsCase {
    assertBalance(input.invoice.amountDueCents);
    const step = firstStep(input.ladder);
    const opened = new CollectionsCase({
      id: input.id,
      clientId: input.clientId,
      status: 'open',
      stage: step.stage,
      stageEnteredAt: input.now,
      openedAt: input.now,
      closedAt: null,
      invoices: new Map([[input.invoice.invoiceId, chased(input.invoice)]]),
      ladder: input.ladder,
      clientTimeZone: input.clientTimeZone ?? 'UTC',
      holds: [],
      promises: [],
      version: 0,
    });
    opened.record({ type: 'opened', at: input.now, stage: step.stage, invoice: input.invoice });
    if (step.pausesForDecision) opened.addHold({ kind: 'awaiting_decision', since: input.now, until: null, reference: step.stage });
    return opened;
  }

  static restore(snapshot: CaseSnapshot): CollectionsCase {
    return new CollectionsCase({ ...snapshot, invoices: new Map(snapshot.invoices.map((invoice) => [invoice.invoiceId, invoice])) });
  }

  /** Another of the client's invoices went overdue: it joins the open case (once), and is chased with a letter. */
  addOverdueInvoice(invoice: OverdueInvoice, now: Date = this.state.openedAt): 'added' | 'already_in_case' {
    this.assertOpen();
    assertBalance(invoice.amountDueCents);
    if (this.state.invoices.has(invoice.invoiceId)) return 'already_in_case';
    this.state.invoices.set(invoice.invoiceId, chased(invoice));
    this.record({ type: 'invoice_joined', at: now, invoice });
    return 'added';
  }

  /** Part of a payment (or a credit) was applied to one of the case's invoices; closes the case once nothing is owed. */
  applyPayment(invoiceId: string, amountCents: number, now: Date): void {
    if (!Number.isSafeInteger(amountCents) || amountCents < 0) throw new RangeError(`payment amount must be whole cents (got ${amountCents})`);
    const invoice = this.state.invoices.get(invoiceId);
    if (!invoice || this.state.status === 'closed') return;
    this.reduce(invoice, Math.min(invoice.balanceCents, amountCents));
    this.closeIfSettled(now);
  }

  /**
   * Invoicing wrote the invoice's balance off (invoice.uncollectible): nothing more is chased on it,
   * and the case, once nothing else is owed, closes as written off (in part, when others were paid).
   */
  writeOffInvoice(invoiceId: string, now: Date): void {
    const invoice = this.state.invoices.get(invoiceId);
    if (!invoice || this.state.status === 'closed' || invoice.balanceCents === 0) return;
    this.state.invoices.set(invoiceId, { ...invoice, balanceCents: 0, writtenOffCents: invoice.balanceCents });
    this.closeIfSettled(now);
  }

  /** The invoice was settled (invoice.paid, a void, or credit notes taking all of it), whatever the payments the case saw. */
  settleInvoice(invoiceId: string, now: Date): void {
    const invoice = this.state.invoices.get(invoiceId);
    if (!invoice || this.state.status === 'closed') return;
    this.reduce(invoice, invoice.balanceCents);
    this.closeIfSettled(now);
  }

  /** An open dispute on the invoice: it leaves the letters and the ladder until the dispute is resolved. */
  markInvoiceDisputed(invoiceId: string): boolean {
    const invoice = this.state.invoices.get(invoiceId);
    if (!invoice || invoice.disputed) return false;
    this.state.invoices.set(invoiceId, { ...invoice, disputed: true });
    return true;
  }

  /** The invoice's dispute was resolved: it is chased again where the case stands. */
  clearInvoiceDispute(invoiceId: string): boolean {
    const invoice = this.state.invoices.get(invoiceId);
    if (!invoice || !invoice.disputed) return false;
    this.state.invoices.set(invoiceId, { ...invoice, disputed: false });
    return true;
  }

  /** Holds the ladder (one hold of each kind at a time); only an open case can be held. */
  placeHold(hold: { kind: HoldKind; until?: string | null; reference?: string | null }, now: Date): void {
    this.assertOpen();
    if (this.state.holds.some((held) => held.kind === hold.kind)) throw caseAlreadyHeld(this.id, hold.kind);
    this.addHold({ kind: hold.kind, since: now, until: hold.until ?? null, reference: hold.reference ?? null });
  }

  /**
   * Lifts the hold of `kind` (nothing when there is none). With `escalate` (a broken promise or
   * plan) the case moves one stage up at once, with that stage's letter.
   */
  liftHold(kind: HoldKind, now: Date, options: { escalate?: boolean } = {}): boolean {
    if (!this.state.holds.some((held) => held.kind === kind)) return false;
    this.state = { ...this.state, holds: this.state.holds.filter((held) => held.kind !== kind) };
    if (options.escalate && this.state.status === 'open') {
      const next = stepAfter(this.state.ladder, this.state.stage);
      if (next) this.enter(next, now, kind === 'payment_plan' ? 'broken_payment_plan' : kind === 'promise' ? 'broken_promise' : 'manual');
    }
    return true;
  }

  /**
   * The ladder's timer fired: the case moves to the next stage when it is due and nothing holds it.
   * One stage per firing; the next timer catches up with stages already past.
   */
  advanceOnLadder(now: Date): 'moved' | 'not_due' | 'waiting' {
    const dueAt = this.nextStageAt();
    if (!dueAt) return 'waiting';
    if (now.getTime() < dueAt.getTime()) return 'not_due';
    const next = stepAfter(this.state.ladder, this.state.stage);
    if (!next) return 'waiting';
    this.enter(next, now, 'ladder');
    return 'moved';
  }

  /** A person decided a stage that pauses for a decision: `continue` moves the case to the next stage. */
  decide(decision: 'continue', now: Date): void {
    this.assertOpen();
    if (!this.state.holds.some((held) => held.kind === 'awaiting_decision')) throw notAwaitingDecision(this.id);
    const next = stepAfter(this.state.ladder, this.state.stage);
    if (!next) throw noNextStage(this.id, this.state.stage);
    this.state = { ...this.state, holds: this.state.holds.filter((held) => held.kind !== 'awaiting_decision') };
    this.enter(next, now, 'manual');
  }

  /**
   * When the ladder's timer should fire: the start, in the client's zone, of the next stage's day
   * counted from the oldest chased invoice's due date; null while nothing moves the case (closed,
   * handed off, held, only disputed invoices left, or on the last stage).
   */
  nextStageAt(): Date | null {
    if (this.state.status !== 'open' || this.state.holds.length > 0) return null;
    const next = stepAfter(this.state.ladder, this.state.stage);
    const oldestDue = this.chasedInvoices().map((invoice) => invoice.dueDate).sort()[0];
    if (!next || !oldestDue) return null;
    return startOfDayIn(addDays(oldestDue, next.dayOffset), this.state.clientTimeZone);
  }

  /**
   * Records a promise to pay and holds the case until its date. The amount is at most what is owed
   * in that currency; the date is today or later in the client's calendar (`today`).
   */
  recordPromise(input: { id: string; promisedDate: string; currency: string; amountCents: number; recordedBy: string; today: string; now: Date }): PromiseToPay {
    this.assertOpen();
    if (this.pendingPromise()) throw promisePending(this.id);
    const owed = this.balances()[input.currency];
    if (owed === undefined) throw promiseInvalid('currency', `nothing is owed in ${input.currency} on case ${this.id}`);
    if (!Number.isSafeInteger(input.amountCents) || input.amountCents < 1) throw promiseInvalid('amount_cents', 'amount_cents must be a whole number of cents from 1');
    if (input.amountCents > owed) throw promiseInvalid('amount_cents', `amount_cents must not exceed what is owed in ${input.currency} (${owed})`);
    if (input.promisedDate < input.today) throw promiseInvalid('promised_date', `promised_date must be today (${input.today}) or later in the client's calendar`);
    const promise: PromiseToPay = {
      id: input.id,
      promisedDate: input.promisedDate,
      currency: input.currency,
      amountCents: input.amountCents,
      paidCents: 0,
      status: 'pending',
      recordedAt: input.now,
      recordedBy: input.recordedBy,
      resolvedAt: null,
    };
    this.placeHold({ kind: 'promise', until: input.promisedDate, reference: promise.id }, input.now);
    this.state = { ...this.state, promises: [...this.state.promises, promise] };
    this.record({ type: 'promise_recorded', at: input.now, promise });
    return promise;
  }

  /**
   * The promised day ended: kept when at least the amount was paid since (or nothing is owed any
   * more) and the ladder resumes where it stood; broken otherwise, and the case escalates one stage.
   */
  resolvePromise(promiseId: string, now: Date): 'kept' | 'broken' | 'already_resolved' {
    const promise = this.state.promises.find((candidate) => candidate.id === promiseId);
    if (!promise || promise.status !== 'pending') return 'already_resolved';
    const kept = promise.paidCents >= promise.amountCents || this.state.status === 'closed';
    const resolved: PromiseToPay = { ...promise, status: kept ? 'kept' : 'broken', resolvedAt: now };
    this.state = { ...this.state, promises: this.state.promises.map((candidate) => (candidate.id === promiseId ? resolved : candidate)) };
    this.record({ type: kept ? 'promise_kept' : 'promise_broken', at: now, promise: resolved });
    this.liftHold('promise', now, { escalate: !kept });
    return kept ? 'kept' : 'broken';
  }

  /**
   * Hands the case to a collection agency (issue 11 item 6): dunning stops for good (the ladder
   * moves only an `open` case, and the holds it had go with it), while payments, the agency's
   * recoveries among them, still lower the balance. Only an open case with something owed is handed off.
   */
  handOff(now: Date, input: { agency: string; reason: string; by: string }): void {
    this.assertOpen();
    assertText('agency', input.agency);
    assertText('reason', input.reason);
    this.moveTo('handed_off');
    const handOff: CaseHandOff = { agency: input.agency.trim(), reason: input.reason.trim(), by: input.by, at: now };
    this.state = { ...this.state, handOff, holds: [] };
    this.record({ type: 'handed_off', at: now, handOff, balances: this.balances() });
  }

  /**
   * Writes off what is still owed (issue 11 item 7), on an open or a handed-off case: each invoice
   * with a balance gives it up (one `written_off` each, which invoicing turns into an uncollectible
   * invoice), and the case closes as written off, or partly when some of it was paid or recovered.
   */
  writeOff(now: Date, by: string, reason: string): void {
    if (this.state.status === 'closed') throw illegalCaseTransition(this.id, this.state.status, 'closed');
    assertText('reason', reason);
    const closure: CaseClosure = { by, reason: reason.trim() };
    for (const invoice of this.state.invoices.values()) {
      if (invoice.balanceCents === 0) continue;
      this.state.invoices.set(invoice.invoiceId, { ...invoice, balanceCents: 0, writtenOffCents: invoice.writtenOffCents + invoice.balanceCents });
      this.record({ type: 'written_off', at: now, invoice, amountCents: invoice.balanceCents, closure });
    }
    this.closeIfSettled(now, closure);
  }

  get isHandedOff(): boolean {
    return this.state.status === 'handed_off';
  }

  /** What is owed per currency, over every invoice of the case (disputed ones included). */
  balances(): Balances {
    const balances: Record<string, number> = {};
    for (const invoice of this.state.invoices.values()) {
      if (invoice.balanceCents > 0) balances[invoice.currency] = (balances[invoice.currency] ?? 0) + invoice.balanceCents;
    }
    // in currency order, so the events and responses list them the same way every time
    return Object.fromEntries(Object.entries(balances).sort(([a], [b]) => a.localeCompare(b)));
  }

  /** The invoices the letters name and the ladder counts from: owed on and not disputed. */
  chasedInvoices(): CaseInvoice[] {
    return [...this.state.invoices.values()].filter((invoice) => invoice.balanceCents > 0 && !invoice.disputed);
  }

  /** The stage the case is on, with its letter's template and channel. */
  currentStep(): DunningStep {
    return stepNamed(this.state.ladder, this.state.stage);
  }

  isHeld(): boolean {
    return this.state.holds.length > 0;
  }

  pendingPromise(): PromiseToPay | null {
    return this.state.promises.find((promise) => promise.status === 'pending') ?? null;
  }

  holdsInvoice(invoiceId: string): boolean {
    return this.state.invoices.has(invoiceId);
  }

  /** @deprecated name kept for callers from before holds existed: whether the invoice is in the case. */
  holds(invoiceId: string): boolean {
    return this.holdsInvoice(invoiceId);
  }

  get isOpen(): boolean {
    return this.state.status === 'open';
  }

  snapshot(): CaseSnapshot {
    return { ...this.state, invoices: [...this.state.invoices.values()] };
  }

  private enter(step: DunningStep, now: Date, cause: StageChangeCause): void {
    const previousStage = this.state.stage;
    this.state = { ...this.state, stage: step.stage, stageEnteredAt: now };
    this.record({ type: 'stage_changed', at: now, stage: step.stage, previousStage, cause });
    if (step.pausesForDecision && !this.state.holds.some((held) => held.kind === 'awaiting_decision')) {
      this.addHold({ kind: 'awaiting_decision', since: now, until: null, reference: step.stage });
    }
  }

  private addHold(hold: CaseHold): void {
    this.state = { ...this.state, holds: [...this.state.holds, hold] };
  }

  /** Takes `amountCents` off the invoice's balance, counting it towards a pending promise in its currency. */
  private reduce(invoice: CaseInvoice, amountCents: number): void {
    if (amountCents === 0) return;
    this.state.invoices.set(invoice.invoiceId, { ...invoice, balanceCents: invoice.balanceCents - amountCents });
    const pending = this.pendingPromise();
    if (pending && pending.currency === invoice.currency) {
      const counted = { ...pending, paidCents: pending.paidCents + amountCents };
      this.state = { ...this.state, promises: this.state.promises.map((promise) => (promise.id === pending.id ? counted : promise)) };
    }
  }

  private closeIfSettled(now: Date, closure?: CaseClosure): void {
    const invoices = [...this.state.invoices.values()];
    if (invoices.some((invoice) => invoice.balanceCents > 0)) return;
    // Settled in full while with the agency: the agency recovered it (payments it passed on).
    const settledInFull: CaseResolution = this.state.status === 'handed_off' ? 'recovered_by_agency' : 'paid';
    this.moveTo('closed');
    this.state = { ...this.state, closedAt: now, holds: [], ...(closure ? { closure } : {}) };
    const writtenOff = invoices.filter((invoice) => invoice.writtenOffCents > 0).length;
    const resolution: CaseResolution = writtenOff === 0 ? settledInFull : writtenOff === invoices.length ? 'written_off' : 'partly_written_off';
    this.record({ type: 'closed', at: now, resolution, ...(closure ? { closure } : {}) });
  }

  private assertOpen(): void {
    if (this.state.status !== 'open') throw caseNotOpen(this.id, this.state.status);
  }

  private moveTo(next: CaseStatus): void {
    if (!canMove(this.state.status, next)) throw illegalCaseTransition(this.id, this.state.status, next);
    this.state = { ...this.state, status: next };
  }
}

/** Whole days the invoice due on `dueDate` is late on the client's calendar date `today`. */
export function daysLate(dueDate: string, today: string): number {
  return Math.max(0, calendarDaysBetween(dueDate, today));
}

function chased(invoice: OverdueInvoice): CaseInvoice {
  return { ...invoice, balanceCents: invoice.amountDueCents, writtenOffCents: 0, disputed: false };
}

function assertText(field: string, value: string): void {
  if (value.trim().length === 0) throw new RangeError(`${field} must not be blank`);
}

function assertBalance(amountCents: number): void {
  if (!Number.isSafeInteger(amountCents) || amountCents < 1) throw new RangeError(`an overdue invoice must have a balance in whole cents (got ${amountCents})`);
}
