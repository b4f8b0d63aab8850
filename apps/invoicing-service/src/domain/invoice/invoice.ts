import { AggregateRoot, startOfDayIn } from '@mb/kernel';
import { daysPastDueAt, dueDateOf, isPastDueAt, overdueFrom } from './due-date';
import { computeInvoiceLines, type InvoiceLine, type InvoiceTotals } from './invoice-lines';
import { InvoiceErrors } from './invoice.errors';
import { canTransition, type InvoiceIntent, type InvoiceStatus } from './invoice-status';
import type { RetainedInvoice } from './retainage-release';

/**
 * What an invoice bills: a milestone of the schedule (one draft per milestone, prepared at
 * activation), or the retainage withheld on the contract's earlier invoices (issue 10).
 */
export const INVOICE_KINDS = ['milestone', 'retainage_release'] as const;

export type InvoiceKind = (typeof INVOICE_KINDS)[number];

/** The longest reason a void or a write-off may give: a sentence or two for the audit trail, not a file. */
export const CLOSING_REASON_MAX_LENGTH = 500;

/** Everything an invoice is, as stored; the aggregate is rebuilt from it and saved back to it. */
export interface InvoiceSnapshot {
  readonly id: string;
  readonly number: string | null;
  readonly status: InvoiceStatus;
  readonly contractId: string;
  readonly clientId: string;
  readonly clientName: string | null;
  /** The client's IANA time zone: the invoice's dates are calendar dates there. */
  readonly clientTimeZone: string;
  readonly contractTitle: string;
  readonly purchaseOrderRef: string | null;
  readonly kind: InvoiceKind;
  /** The milestone billed; null on a retainage release, which bills none. */
  readonly milestoneIndex: number | null;
  readonly milestoneTitle: string | null;
  readonly milestoneId: string | null;
  readonly currency: string;
  readonly netDays: number;
  readonly taxRateBps: number;
  readonly retainageBps: number;
  /**
   * A milestone draft's planned date, as contract.activated told it (null: not planned, prepared
   * before planned dates were kept, or a retainage release). For the cash-flow forecast only; a
   * draft-only field, kept as it was when the invoice is issued.
   */
  readonly plannedDate: string | null;
  /**
   * The version of the contract's payment schedule the invoice is billed under (issue 14): a draft's
   * is the version it was prepared or last revised under, and it keeps that one when issued.
   */
  readonly scheduleVersion: number;
  readonly lines: readonly InvoiceLine[];
  /** On a retainage release: the invoices whose retainage it bills, one line each; empty otherwise. */
  readonly releasedInvoices: readonly RetainedInvoice[];
  readonly subtotalCents: number;
  readonly taxCents: number;
  readonly retainageCents: number;
  readonly totalCents: number;
  /** What the client is asked to pay on this invoice: total − retainage (EN 16931 BT-115 at issue). */
  readonly payableCents: number;
  readonly amountPaidCents: number;
  /** What credit notes have taken off the payable amount (issue 10); the balance is payable − paid − credited. */
  readonly amountCreditedCents: number;
  readonly paymentIds: readonly string[];
  readonly issueDate: string | null;
  readonly dueDate: string | null;
  readonly overdueAnnouncedAt: string | null;
  readonly paidAt: string | null;
  /** When it was credited in full, voided or written off (a paid invoice has paidAt instead). */
  readonly closedAt: string | null;
  /** Why it was voided or written off, as the person who did it said. */
  readonly closingReason: string | null;
  /** The open balance given up when it was written off (uncollectible); 0 otherwise. */
  readonly amountWrittenOffCents: number;
  /**
   * Of the milestone's amount on the schedule, what was never billed because its contract's
   * termination billed only a share of it (issue 14); 0 otherwise. The subtotal is what was billed.
   */
  readonly cancelledSubtotalCents: number;
  /** Optimistic concurrency: the version loaded; the save succeeds only if nobody saved since. */
  readonly version: number;
}

/** The contract terms a retainage release is drafted on. */
export interface RetainageReleaseTerms {
  readonly id: string;
  readonly contractId: string;
  readonly clientId: string;
  readonly clientName: string | null;
  readonly clientTimeZone: string;
  readonly contractTitle: string;
  readonly purchaseOrderRef: string | null;
  readonly currency: string;
  readonly netDays: number;
  /** The contract's schedule version when the retainage is released. */
  readonly scheduleVersion: number;
  /** The invoices whose retainage is released, from retainageToRelease (retainage-release.ts). */
  readonly released: readonly RetainedInvoice[];
}

export interface DraftInvoiceTerms {
  readonly id: string;
  readonly contractId: string;
  readonly clientId: string;
  readonly clientName: string | null;
  readonly clientTimeZone: string;
  readonly contractTitle: string;
  readonly purchaseOrderRef: string | null;
  readonly milestoneIndex: number;
  readonly milestoneTitle: string;
  readonly amountCents: number;
  readonly currency: string;
  readonly netDays: number;
  readonly taxRateBps: number;
  readonly retainageBps: number;
  /** The milestone's planned date (YYYY-MM-DD) when the contract was activated; null or absent when not planned. */
  readonly plannedDate?: string | null;
  /** The schedule version the milestone's terms come from. */
  readonly scheduleVersion: number;
}

/** What a contract amendment (issue 14) may change on a milestone's draft: the new version's terms. */
export type DraftRevision = Pick<DraftInvoiceTerms, 'milestoneTitle' | 'amountCents' | 'netDays' | 'taxRateBps' | 'retainageBps' | 'scheduleVersion'> & {
  readonly plannedDate: string | null;
};

/**
 * What revising a draft came to: its figures replaced; nothing to change; or left as it is, being
 * issued already (an issued invoice never changes), discarded, or revised under a later version.
 */
export type DraftRevisionOutcome = 'revised' | 'unchanged' | 'not_a_draft' | 'later_version';

/**
 * What happened to an invoice, as the domain records it; application/events maps each to the
 * catalogue event announcing it. Each carries what held at that moment.
 */
export type InvoiceEvent =
  | {
      readonly type: 'issued';
      readonly number: string;
      readonly issueDate: string;
      readonly dueDate: string;
      /** The client's unapplied credit applied at issue (issue 10). */
      readonly creditAppliedCents: number;
    }
  | { readonly type: 'paid'; readonly number: string; readonly paidAt: Date; readonly amountPaidCents: number; readonly paymentIds: readonly string[] }
  | { readonly type: 'credited_in_full'; readonly number: string; readonly at: Date }
  | { readonly type: 'voided'; readonly number: string; readonly reason: string; readonly at: Date }
  | { readonly type: 'written_off'; readonly number: string; readonly amountCents: number; readonly reason: string; readonly at: Date; readonly caseId: string | null }
  | {
      readonly type: 'overdue_announced';
      readonly number: string;
      readonly dueDate: string;
      readonly daysOverdue: number;
      readonly amountDueCents: number;
      readonly at: Date;
    };

/**
 * The one definition of what is still owed on an invoice: payable − paid − credited. A voided
 * invoice no longer stands and a written-off one is no longer receivable (what was given up is its
 * amountWrittenOffCents), so neither has a balance.
 */
export function balanceOf(invoice: Pick<InvoiceSnapshot, 'status' | 'payableCents' | 'amountPaidCents' | 'amountCreditedCents'>): number {
  if (invoice.status === 'void' || invoice.status === 'uncollectible') return 0;
  return invoice.payableCents - invoice.amountPaidCents - invoice.amountCreditedCents;
}

/** A reason for a void or a write-off: said in words (trimmed, not empty) and bounded. */
export function closingReasonOf(reason: string): string {
  const trimmed = reason.trim();
  if (trimmed.length === 0 || trimmed.length > CLOSING_REASON_MAX_LENGTH) throw InvoiceErrors.reasonRequired(CLOSING_REASON_MAX_LENGTH);
  return trimmed;
}

/** What every new draft starts with: its figures, and nothing numbered, paid, credited or closed yet. */
function newDraftFigures(totals: InvoiceTotals) {
  return {
    number: null,
    status: 'draft' as const,
    lines: totals.lines,
    subtotalCents: totals.subtotalCents,
    taxCents: totals.taxCents,
    retainageCents: totals.retainageCents,
    totalCents: totals.totalCents,
    payableCents: totals.payableCents,
    amountPaidCents: 0,
    amountCreditedCents: 0,
    paymentIds: [],
    issueDate: null,
    dueDate: null,
    overdueAnnouncedAt: null,
    paidAt: null,
    closedAt: null,
    closingReason: null,
    amountWrittenOffCents: 0,
    cancelledSubtotalCents: 0,
    version: 0,
  };
}

/** What asking an invoice to announce itself overdue came to. */
export type OverdueAnnouncement = 'announced' | 'already_announced' | 'not_open' | 'not_past_due';

/**
 * The invoice aggregate. A draft is prepared per milestone when the contract is signed (a template
 * with the contract, PO and milestone details); it is issued when the milestone becomes billable,
 * then settled by payments. Every change goes through an intent method that checks the transition
 * table and records the event announcing it.
 */
export class Invoice extends AggregateRoot<InvoiceEvent> {
  private constructor(private state: InvoiceSnapshot) {
    super();
  }

  static prepareDraft(terms: DraftInvoiceTerms): Invoice {
    const totals = computeInvoiceLines(
      [{ description: `Milestone ${terms.milestoneIndex}: ${terms.milestoneTitle}`, amountCents: terms.amountCents }],
      terms.taxRateBps,
      terms.retainageBps,
    );
    return new Invoice({
      id: terms.id,
      contractId: terms.contractId,
      clientId: terms.clientId,
      clientName: terms.clientName,
      clientTimeZone: terms.clientTimeZone,
      contractTitle: terms.contractTitle,
      purchaseOrderRef: terms.purchaseOrderRef,
      kind: 'milestone',
      milestoneIndex: terms.milestoneIndex,
      milestoneTitle: terms.milestoneTitle,
      milestoneId: null,
      currency: terms.currency,
      netDays: terms.netDays,
      taxRateBps: terms.taxRateBps,
      retainageBps: terms.retainageBps,
      plannedDate: terms.plannedDate ?? null,
      scheduleVersion: terms.scheduleVersion,
      releasedInvoices: [],
      ...newDraftFigures(totals),
    });
  }

  /**
   * A draft billing the retainage withheld on the given invoices, to be issued at once in the same
   * unit of work (IssueRetainageReleaseHandler). One line per invoice released, naming it, for the
   * amount withheld on it. Tax: none again. Retainage is withheld from the line's net amount while
   * the original invoice charged tax on the whole line (invoice-lines.ts: total = net + tax, payable
   * = total − retainage), so the tax on the retained part was billed already; the release bills the
   * retained net amount at a tax rate of 0 and withholds nothing further.
   */
  static prepareRetainageRelease(terms: RetainageReleaseTerms): Invoice {
    if (terms.released.length === 0) throw new RangeError('a retainage release needs at least one invoice to release');
    const mixed = terms.released.find((invoice) => invoice.currency !== terms.currency);
    if (mixed) throw new RangeError(`invoice ${mixed.invoiceId} is in ${mixed.currency}, the contract in ${terms.currency}`);
    const totals = computeInvoiceLines(
      terms.released.map((invoice) => ({ description: `Retainage released: ${invoice.invoiceNumber}${invoice.milestoneTitle ? ` (${invoice.milestoneTitle})` : ''}`, amountCents: invoice.retainageCents })),
      0,
      0,
    );
    return new Invoice({
      id: terms.id,
      contractId: terms.contractId,
      clientId: terms.clientId,
      clientName: terms.clientName,
      clientTimeZone: terms.clientTimeZone,
      contractTitle: terms.contractTitle,
      purchaseOrderRef: terms.purchaseOrderRef,
      kind: 'retainage_release',
      milestoneIndex: null,
      milestoneTitle: null,
      milestoneId: null,
      currency: terms.currency,
      netDays: terms.netDays,
      taxRateBps: 0,
      retainageBps: 0,
      plannedDate: null,
      scheduleVersion: terms.scheduleVersion,
      releasedInvoices: [...terms.released],
      ...newDraftFigures(totals),
    });
  }

  static restore(snapshot: InvoiceSnapshot): Invoice {
    return new Invoice(snapshot);
  }

  get id(): string {
    return this.state.id;
  }

  get status(): InvoiceStatus {
    return this.state.status;
  }

  /** Balance still owed: what is payable on the invoice less what has been paid and credited. */
  get balanceCents(): number {
    return balanceOf(this.state);
  }

  snapshot(): InvoiceSnapshot {
    return this.state;
  }

  /**
   * Numbers and dates the invoice: issue date = the client's calendar date of the billing trigger
   * (due-date.ts issueDateOf), due date = issue date + the contract's net days. The number comes
   * from the series counter, assigned in the same transaction. The client's unapplied credit in
   * the invoice's currency (`creditAvailableCents`, issue 10) is applied at once, up to the
   * balance; the part taken is returned, for the client's balance to give up.
   */
  issue(input: { number: string; issueDate: string; milestoneId?: string | null; creditAvailableCents?: number }): number {
    this.guard('issue');
    const dueDate = dueDateOf(input.issueDate, this.state.netDays);
    const creditAppliedCents = Math.max(0, Math.min(input.creditAvailableCents ?? 0, this.balanceCents));
    this.state = {
      ...this.state,
      status: 'open',
      number: input.number,
      issueDate: input.issueDate,
      dueDate,
      milestoneId: input.milestoneId ?? this.state.milestoneId,
      amountPaidCents: this.state.amountPaidCents + creditAppliedCents,
    };
    this.record({ type: 'issued', number: input.number, issueDate: input.issueDate, dueDate, creditAppliedCents });
    // An invoice with nothing to pay (a zero-value milestone, retainage of 100 %, or covered by
    // the client's credit) is settled at once.
    if (this.balanceCents === 0) this.settle(startOfDayIn(input.issueDate, this.state.clientTimeZone));
    return creditAppliedCents;
  }

  /**
   * Its contract's termination bills the milestone for a share of its amount only (issue 14 item 2:
   * unfinished work billed for an agreed percentage): the draft is re-priced to what is billed, tax
   * and retainage computed on it as on any line, before it is issued; the rest of the milestone's
   * amount is kept as cancelled, never to be billed.
   */
  billShareOnly(billedCents: number): void {
    const { status, kind, subtotalCents, lines, taxRateBps, retainageBps } = this.state;
    if (status !== 'draft' || kind !== 'milestone') throw new Error(`invoice ${this.state.id} is a ${status} ${kind} invoice: only a milestone's draft is billed for a share`);
    if (!Number.isSafeInteger(billedCents) || billedCents < 0 || billedCents >= subtotalCents) {
      throw new RangeError(`a share of ${subtotalCents} must be a whole number of minor units below it (got ${billedCents})`);
    }
    const totals = computeInvoiceLines([{ description: `${lines[0].description} (share billed at termination)`, amountCents: billedCents }], taxRateBps, retainageBps);
    this.state = {
      ...this.state,
      lines: totals.lines,
      subtotalCents: totals.subtotalCents,
      taxCents: totals.taxCents,
      retainageCents: totals.retainageCents,
      totalCents: totals.totalCents,
      payableCents: totals.payableCents,
      cancelledSubtotalCents: subtotalCents - billedCents,
    };
  }

  /**
   * The milestone's draft is discarded: its milestone was cancelled (on its own or by the contract's
   * termination), so it will never be billed. A draft is not a legal document (no number, nobody
   * owes it), so it is marked rather than kept as a draft; it is not deleted either, so that a late
   * billing trigger for the cancelled milestone finds it and issues nothing. Discarding a draft
   * already discarded changes nothing (a redelivered cancellation); an issued invoice is not a draft
   * and stays as issued (a cancelled milestone's invoice is corrected by a credit note or a void).
   */
  discard(): 'discarded' | 'already_discarded' | 'not_a_draft' {
    if (this.state.status === 'discarded') return 'already_discarded';
    if (this.state.status !== 'draft') return 'not_a_draft';
    this.guard('discard');
    this.state = { ...this.state, status: 'discarded' };
    return 'discarded';
  }

  /**
   * A contract amendment (issue 14) changed the milestone this draft bills: the draft takes the new
   * version's terms (amount, title, net days, tax and retainage rates, planned date) and its line
   * and figures are computed again, as at preparation. Only a draft changes: an issued invoice
   * stands as issued (a wrong one is corrected by a credit note or a void), a discarded one stays
   * discarded. Records no event: a draft is not announced (contract.amended told the change).
   */
  reviseDraft(revision: DraftRevision): DraftRevisionOutcome {
    const state = this.state;
    if (state.status !== 'draft' || state.kind !== 'milestone' || state.milestoneIndex === null) return 'not_a_draft';
    if (state.scheduleVersion > revision.scheduleVersion) return 'later_version';
    const unchanged =
      state.milestoneTitle === revision.milestoneTitle &&
      state.subtotalCents === revision.amountCents &&
      state.netDays === revision.netDays &&
      state.taxRateBps === revision.taxRateBps &&
      state.retainageBps === revision.retainageBps &&
      state.plannedDate === revision.plannedDate &&
      state.scheduleVersion === revision.scheduleVersion;
    if (unchanged) return 'unchanged';
    const totals = computeInvoiceLines(
      [{ description: `Milestone ${state.milestoneIndex}: ${revision.milestoneTitle}`, amountCents: revision.amountCents }],
      revision.taxRateBps,
      revision.retainageBps,
    );
    this.state = {
      ...state,
      milestoneTitle: revision.milestoneTitle,
      netDays: revision.netDays,
      taxRateBps: revision.taxRateBps,
      retainageBps: revision.retainageBps,
      plannedDate: revision.plannedDate,
      scheduleVersion: revision.scheduleVersion,
      lines: totals.lines,
      subtotalCents: totals.subtotalCents,
      taxCents: totals.taxCents,
      retainageCents: totals.retainageCents,
      totalCents: totals.totalCents,
      payableCents: totals.payableCents,
    };
    return 'revised';
  }

  /**
   * Applies part of a payment (an allocation). An allocation never exceeds the balance: what a
   * payment does not allocate stays with the client as unapplied credit (issue 10), it is never
   * pushed onto an invoice. When the balance reaches zero the invoice is paid and invoice.paid is
   * recorded.
   */
  applyPayment(input: { paymentId: string; amountCents: number; currency: string; receivedAt: Date }): void {
    if (this.state.status !== 'open') throw InvoiceErrors.notOpen(this.state.id, this.state.status);
    if (input.currency !== this.state.currency) throw InvoiceErrors.currencyMismatch(this.state.currency, input.currency);
    if (!Number.isSafeInteger(input.amountCents) || input.amountCents <= 0) throw InvoiceErrors.nonPositivePayment();
    if (input.amountCents > this.balanceCents) throw InvoiceErrors.allocationExceedsBalance(this.state.id, input.amountCents, this.balanceCents);
    this.state = {
      ...this.state,
      amountPaidCents: this.state.amountPaidCents + input.amountCents,
      paymentIds: [...this.state.paymentIds, input.paymentId],
    };
    if (this.balanceCents === 0) this.settle(input.receivedAt);
  }

  /**
   * Takes a credit note's amount off the balance (issue 10). The credit note has been checked
   * against the balance and the lines already (domain/credit-note); this guards the balance once
   * more, as a broken invariant would leave it negative. A credit that brings the balance to zero
   * closes the invoice: `paid` when money was received on it (the credit settled the rest), else
   * `credited`, cancelled in full by credit notes.
   */
  applyCredit(input: { amountCents: number; at: Date }): void {
    if (this.state.status !== 'open') throw InvoiceErrors.notOpenForCorrection(this.state.id, this.state.status);
    if (!Number.isSafeInteger(input.amountCents) || input.amountCents < 0) throw new RangeError(`a credit must be a whole number of minor units (got ${input.amountCents})`);
    if (input.amountCents > this.balanceCents) throw InvoiceErrors.creditExceedsBalance(input.amountCents, this.balanceCents);
    // A line retained in full (retainage of 100 %, no tax) credits nothing off what is payable now.
    if (input.amountCents === 0) return;
    this.state = { ...this.state, amountCreditedCents: this.state.amountCreditedCents + input.amountCents };
    if (this.balanceCents > 0) return;
    if (this.state.amountPaidCents > 0) {
      this.settle(input.at);
      return;
    }
    this.guard('credit_in_full');
    this.state = { ...this.state, status: 'credited', closedAt: input.at.toISOString() };
    this.record({ type: 'credited_in_full', number: this.issuedNumber(), at: input.at });
  }

  /**
   * Withdraws an issued invoice nothing was paid or credited on (issue 10): it no longer stands,
   * nothing is owed on it, and its number stays used. One with money or credit notes on it is
   * corrected by a credit note instead, so the documents keep adding up.
   */
  void(input: { reason: string; at: Date }): void {
    this.guard('void');
    if (this.state.amountPaidCents > 0) throw InvoiceErrors.hasPayments(this.state.id);
    if (this.state.amountCreditedCents > 0) throw InvoiceErrors.hasCreditNotes(this.state.id);
    const reason = closingReasonOf(input.reason);
    this.state = { ...this.state, status: 'void', closedAt: input.at.toISOString(), closingReason: reason };
    this.record({ type: 'voided', number: this.issuedNumber(), reason, at: input.at });
  }

  /**
   * Writes the open balance off (issue 10: uncollectible): nothing more is expected on the invoice,
   * and what was given up is kept as amountWrittenOffCents. An internal decision: the client is not told.
   */
  markUncollectible(input: { reason: string; at: Date; caseId?: string | null }): void {
    this.guard('write_off');
    const reason = closingReasonOf(input.reason);
    const amountCents = this.balanceCents;
    this.state = { ...this.state, status: 'uncollectible', closedAt: input.at.toISOString(), closingReason: reason, amountWrittenOffCents: amountCents };
    this.record({ type: 'written_off', number: this.issuedNumber(), amountCents, reason, at: input.at, caseId: input.caseId ?? null });
  }

  /**
   * When this invoice falls overdue if it is not paid in full by then (the start of the day after
   * its due date in the client's zone),
   * or null when nothing can fall overdue: a draft, or an invoice already paid.
   */
  get fallsOverdueAt(): Date | null {
    return this.state.status === 'open' && this.state.dueDate !== null ? overdueFrom(this.state.dueDate, this.state.clientTimeZone) : null;
  }

  /**
   * Announces once that the invoice is past its due date with a balance: open, past due at `now`
   * and never announced. Otherwise it says why not and changes nothing.
   */
  announceOverdue(now: Date): OverdueAnnouncement {
    const { dueDate } = this.state;
    if (this.state.status !== 'open' || dueDate === null || this.balanceCents <= 0) return 'not_open';
    if (this.state.overdueAnnouncedAt !== null) return 'already_announced';
    if (!isPastDueAt(dueDate, now, this.state.clientTimeZone)) return 'not_past_due';
    this.state = { ...this.state, overdueAnnouncedAt: now.toISOString() };
    this.record({
      type: 'overdue_announced',
      number: this.issuedNumber(),
      dueDate,
      daysOverdue: daysPastDueAt(dueDate, now, this.state.clientTimeZone),
      amountDueCents: this.balanceCents,
      at: now,
    });
    return 'announced';
  }

  private settle(paidAt: Date): void {
    this.guard('settle');
    this.state = { ...this.state, status: 'paid', paidAt: paidAt.toISOString() };
    this.record({
      type: 'paid',
      number: this.issuedNumber(),
      paidAt,
      amountPaidCents: this.state.amountPaidCents,
      paymentIds: [...this.state.paymentIds],
    });
  }

  /** Only a draft has no number: past issue, a missing one is broken data, not a refusal. */
  private issuedNumber(): string {
    if (this.state.number === null) throw new Error(`invoice ${this.state.id} is ${this.state.status} but has no number`);
    return this.state.number;
  }

  private guard(intent: InvoiceIntent): void {
    if (!canTransition(this.state.status, intent)) throw InvoiceErrors.illegalTransition(this.state.id, this.state.status, intent);
  }
}
