import { AggregateRoot } from '@mb/kernel';
import type { DunningLadder } from '../dunning/dunning-ladder';
import { firstStep } from '../dunning/dunning-ladder';
import { canMove, CaseStatus } from './case-status';
import { illegalCaseTransition } from './case.errors';

/** An overdue invoice as announced by invoicing (invoice.overdue). */
export interface OverdueInvoice {
  readonly invoiceId: string;
  readonly invoiceNumber: string;
  readonly contractId: string;
  readonly currency: string;
  readonly amountDueCents: number;
  readonly dueDate: string;
  readonly daysOverdue: number;
}

/** An invoice the case chases, with what is still owed on it. */
export interface CaseInvoice extends OverdueInvoice {
  readonly balanceCents: number;
  /** The balance invoicing wrote off (invoice.uncollectible); 0 while it is chased or once paid. */
  readonly writtenOffCents: number;
}

/** How a closed case ended (collections.case_closed's resolution). */
export type CaseResolution = 'paid' | 'written_off' | 'partly_written_off' | 'recovered_by_agency';

/** What is still owed on a case, per currency (lowercase ISO 4217 → minor units); never summed across currencies. */
export type CaseBalances = Readonly<Record<string, number>>;

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

/** What happened to a case, recorded by its intent methods; the application publishes them. */
export type CaseEvent =
  /** Opened on `stage` for the invoice that went overdue. */
  | { readonly type: 'opened'; readonly at: Date; readonly stage: string; readonly invoice: OverdueInvoice }
  /** Nothing is owed on any of its invoices any more. */
  | { readonly type: 'closed'; readonly at: Date; readonly resolution: CaseResolution; readonly closure?: CaseClosure }
  /** Handed to a collection agency: dunning stops; `balances` is what the agency is to collect. */
  | { readonly type: 'handed_off'; readonly at: Date; readonly handOff: CaseHandOff; readonly balances: CaseBalances }
  /** One invoice's remaining balance given up by a write-off of the case (collections.written_off). */
  | { readonly type: 'written_off'; readonly at: Date; readonly invoice: CaseInvoice; readonly amountCents: number; readonly closure: CaseClosure };

export interface CaseSnapshot {
  readonly id: string;
  readonly clientId: string;
  readonly status: CaseStatus;
  readonly stage: string;
  readonly openedAt: Date;
  readonly closedAt: Date | null;
  readonly invoices: readonly CaseInvoice[];
  /** Set once the case is handed to a collection agency. */
  readonly handOff?: CaseHandOff | null;
  /** Who wrote the case off and why, when a person closed it. */
  readonly closure?: CaseClosure | null;
  /** Optimistic concurrency: the version the case was loaded at (0 for a new case). */
  readonly version: number;
}

/**
 * A client's collections case: opened by the first overdue invoice, joined by later ones while it
 * is open, closed when no invoice in it has a balance left.
 */
export class CollectionsCase extends AggregateRoot<CaseEvent> {
  private constructor(
    readonly id: string,
    readonly clientId: string,
    private status: CaseStatus,
    private stage: string,
    readonly openedAt: Date,
    private closedAt: Date | null,
    private readonly invoices: Map<string, CaseInvoice>,
    readonly version: number,
    private handOffRecord: CaseHandOff | null = null,
    private closure: CaseClosure | null = null,
  ) {
    super();
  }

  /** Opens a case on the ladder's first step for the invoice that went overdue. */
  static open(input: { id: string; clientId: string; invoice: OverdueInvoice; ladder: DunningLadder; now: Date }): CollectionsCase {
    assertBalance(input.invoice.amountDueCents);
    const stage = firstStep(input.ladder).stage;
    const opened = new CollectionsCase(input.id, input.clientId, 'open', stage, input.now, null, new Map(), 0);
    opened.invoices.set(input.invoice.invoiceId, { ...input.invoice, balanceCents: input.invoice.amountDueCents, writtenOffCents: 0 });
    opened.record({ type: 'opened', at: input.now, stage, invoice: input.invoice });
    return opened;
  }

  static restore(snapshot: CaseSnapshot): CollectionsCase {
    return new CollectionsCase(
      snapshot.id,
      snapshot.clientId,
      snapshot.status,
      snapshot.stage,
      snapshot.openedAt,
      snapshot.closedAt,
      new Map(snapshot.invoices.map((invoice) => [invoice.invoiceId, invoice])),
      snapshot.version,
      snapshot.handOff ?? null,
      snapshot.closure ?? null,
    );
  }

  /** Another of the client's invoices went overdue: it joins the open case (once). */
  addOverdueInvoice(invoice: OverdueInvoice): 'added' | 'already_in_case' {
    this.assertOpen();
    assertBalance(invoice.amountDueCents);
    if (this.invoices.has(invoice.invoiceId)) return 'already_in_case';
    this.invoices.set(invoice.invoiceId, { ...invoice, balanceCents: invoice.amountDueCents, writtenOffCents: 0 });
    return 'added';
  }

  /** Part of a payment was applied to one of the case's invoices; closes the case once nothing is owed. */
  applyPayment(invoiceId: string, amountCents: number, now: Date): void {
    if (!Number.isSafeInteger(amountCents) || amountCents < 0) throw new RangeError(`payment amount must be whole cents (got ${amountCents})`);
    const invoice = this.invoices.get(invoiceId);
    if (!invoice || this.status === 'closed') return;
    this.invoices.set(invoiceId, { ...invoice, balanceCents: Math.max(0, invoice.balanceCents - amountCents) });
    this.closeIfSettled(now);
  }

  /**
   * Invoicing wrote the invoice's balance off (invoice.uncollectible): nothing more is chased on it,
   * and the case, once nothing else is owed, closes as written off (in part, when others were paid).
   */
  writeOffInvoice(invoiceId: string, now: Date): void {
    const invoice = this.invoices.get(invoiceId);
    if (!invoice || this.status === 'closed' || invoice.balanceCents === 0) return;
    this.invoices.set(invoiceId, { ...invoice, balanceCents: 0, writtenOffCents: invoice.balanceCents });
    this.closeIfSettled(now);
  }

  /** The invoice was settled (invoice.paid, a void, or credit notes taking all of it), whatever the payments the case saw. */
  settleInvoice(invoiceId: string, now: Date): void {
    const invoice = this.invoices.get(invoiceId);
    if (!invoice || this.status === 'closed') return;
    this.invoices.set(invoiceId, { ...invoice, balanceCents: 0 });
    this.closeIfSettled(now);
  }

  /**
   * Hands the case to a collection agency (issue 11 item 6): dunning stops for good (the ladder
   * moves only an `open` case), while payments, the agency's recoveries among them, still lower
   * the balance. Only an open case with something owed is handed off.
   */
  handOff(now: Date, input: { agency: string; reason: string; by: string }): void {
    this.assertOpen();
    assertText('agency', input.agency);
    assertText('reason', input.reason);
    this.moveTo('handed_off');
    this.handOffRecord = { agency: input.agency.trim(), reason: input.reason.trim(), by: input.by, at: now };
    this.record({ type: 'handed_off', at: now, handOff: this.handOffRecord, balances: this.balances() });
  }

  /**
   * Writes off what is still owed (issue 11 item 7), on an open or a handed-off case: each invoice
   * with a balance gives it up (one `written_off` each, which invoicing turns into an uncollectible
   * invoice), and the case closes as written off, or partly when some of it was paid or recovered.
   */
  writeOff(now: Date, by: string, reason: string): void {
    if (this.status === 'closed') throw illegalCaseTransition(this.id, this.status, 'closed');
    assertText('reason', reason);
    const closure: CaseClosure = { by, reason: reason.trim() };
    for (const invoice of this.invoices.values()) {
      if (invoice.balanceCents === 0) continue;
      const writtenOff = { ...invoice, balanceCents: 0, writtenOffCents: invoice.writtenOffCents + invoice.balanceCents };
      this.invoices.set(invoice.invoiceId, writtenOff);
      this.record({ type: 'written_off', at: now, invoice, amountCents: invoice.balanceCents, closure });
    }
    this.closeIfSettled(now, closure);
  }

  /** What is still owed, per currency; a currency whose invoices are all settled is left out. */
  balances(): CaseBalances {
    const balances: Record<string, number> = {};
    for (const invoice of this.invoices.values()) {
      if (invoice.balanceCents === 0) continue;
      balances[invoice.currency] = (balances[invoice.currency] ?? 0) + invoice.balanceCents;
    }
    return Object.fromEntries(Object.entries(balances).sort(([a], [b]) => a.localeCompare(b)));
  }

  get isHandedOff(): boolean {
    return this.status === 'handed_off';
  }

  holds(invoiceId: string): boolean {
    return this.invoices.has(invoiceId);
  }

  get isOpen(): boolean {
    return this.status === 'open';
  }

  snapshot(): CaseSnapshot {
    return {
      id: this.id,
      clientId: this.clientId,
      status: this.status,
      stage: this.stage,
      openedAt: this.openedAt,
      closedAt: this.closedAt,
      invoices: [...this.invoices.values()],
      handOff: this.handOffRecord,
      closure: this.closure,
      version: this.version,
    };
  }

  private closeIfSettled(now: Date, closure?: CaseClosure): void {
    if ([...this.invoices.values()].some((invoice) => invoice.balanceCents > 0)) return;
    // Settled in full while with the agency: the agency recovered it (payments it passed on).
    const settledInFull: CaseResolution = this.status === 'handed_off' ? 'recovered_by_agency' : 'paid';
    this.moveTo('closed');
    this.closedAt = now;
    const writtenOff = [...this.invoices.values()].filter((invoice) => invoice.writtenOffCents > 0).length;
    const resolution: CaseResolution = writtenOff === 0 ? settledInFull : writtenOff === this.invoices.size ? 'written_off' : 'partly_written_off';
    if (closure) this.closure = closure;
    this.record({ type: 'closed', at: now, resolution, ...(closure ? { closure } : {}) });
  }

  private assertOpen(): void {
    if (this.status !== 'open') throw illegalCaseTransition(this.id, this.status, 'open');
  }

  private moveTo(next: CaseStatus): void {
    if (!canMove(this.status, next)) throw illegalCaseTransition(this.id, this.status, next);
    this.status = next;
  }
}

function assertText(field: string, value: string): void {
  if (value.trim().length === 0) throw new RangeError(`${field} must not be blank`);
}

function assertBalance(amountCents: number): void {
  if (!Number.isSafeInteger(amountCents) || amountCents < 1) throw new RangeError(`an overdue invoice must have a balance in whole cents (got ${amountCents})`);
}
