import { calendarDateOf } from '@mb/kernel';
import type { RecordedEvent } from '../recorded-event';
import { daysPastDue, dueDateOf } from './due-date';
import { computeInvoiceLines, type InvoiceLine } from './invoice-lines';
import { InvoiceErrors } from './invoice.errors';
import { canTransition, type InvoiceIntent, type InvoiceStatus } from './invoice-status';

/** Everything an invoice is, as stored; the aggregate is rebuilt from it and saved back to it. */
export interface InvoiceSnapshot {
  readonly id: string;
  readonly number: string | null;
  readonly status: InvoiceStatus;
  readonly contractId: string;
  readonly clientId: string;
  readonly clientName: string | null;
  readonly contractTitle: string;
  readonly purchaseOrderRef: string | null;
  readonly milestoneIndex: number;
  readonly milestoneTitle: string;
  readonly milestoneId: string | null;
  readonly currency: string;
  readonly netDays: number;
  readonly taxRateBps: number;
  readonly retainageBps: number;
  readonly lines: readonly InvoiceLine[];
  readonly subtotalCents: number;
  readonly taxCents: number;
  readonly retainageCents: number;
  readonly totalCents: number;
  /** What the client is asked to pay on this invoice: total − retainage (EN 16931 BT-115 at issue). */
  readonly payableCents: number;
  readonly amountPaidCents: number;
  readonly paymentIds: readonly string[];
  readonly issueDate: string | null;
  readonly dueDate: string | null;
  readonly overdueAnnouncedAt: string | null;
  readonly paidAt: string | null;
  /** Optimistic concurrency: the version loaded; the save succeeds only if nobody saved since. */
  readonly version: number;
}

export interface DraftInvoiceTerms {
  readonly id: string;
  readonly contractId: string;
  readonly clientId: string;
  readonly clientName: string | null;
  readonly contractTitle: string;
  readonly purchaseOrderRef: string | null;
  readonly milestoneIndex: number;
  readonly milestoneTitle: string;
  readonly amountCents: number;
  readonly currency: string;
  readonly netDays: number;
  readonly taxRateBps: number;
  readonly retainageBps: number;
}

/**
 * The invoice aggregate. A draft is prepared per milestone when the contract is signed (a template
 * with the contract, PO and milestone details); it is issued when the milestone becomes billable,
 * then settled by payments. Every change goes through an intent method that checks the transition
 * table and records the event announcing it.
 */
export class Invoice {
  private state: InvoiceSnapshot;
  private readonly recorded: RecordedEvent[] = [];

  private constructor(snapshot: InvoiceSnapshot) {
    this.state = snapshot;
  }

  static prepareDraft(terms: DraftInvoiceTerms): Invoice {
    const totals = computeInvoiceLines(
      [{ description: `Milestone ${terms.milestoneIndex}: ${terms.milestoneTitle}`, amountCents: terms.amountCents }],
      terms.taxRateBps,
      terms.retainageBps,
    );
    return new Invoice({
      id: terms.id,
      number: null,
      status: 'draft',
      contractId: terms.contractId,
      clientId: terms.clientId,
      clientName: terms.clientName,
      contractTitle: terms.contractTitle,
      purchaseOrderRef: terms.purchaseOrderRef,
      milestoneIndex: terms.milestoneIndex,
      milestoneTitle: terms.milestoneTitle,
      milestoneId: null,
      currency: terms.currency,
      netDays: terms.netDays,
      taxRateBps: terms.taxRateBps,
      retainageBps: terms.retainageBps,
      lines: totals.lines,
      subtotalCents: totals.subtotalCents,
      taxCents: totals.taxCents,
      retainageCents: totals.retainageCents,
      totalCents: totals.totalCents,
      payableCents: totals.payableCents,
      amountPaidCents: 0,
      paymentIds: [],
      issueDate: null,
      dueDate: null,
      overdueAnnouncedAt: null,
      paidAt: null,
      version: 0,
    });
  }

  static fromSnapshot(snapshot: InvoiceSnapshot): Invoice {
    return new Invoice(snapshot);
  }

  get id(): string {
    return this.state.id;
  }

  get status(): InvoiceStatus {
    return this.state.status;
  }

  /** Balance still owed: what is payable on the invoice less what has been paid. */
  get balanceCents(): number {
    return this.state.payableCents - this.state.amountPaidCents;
  }

  snapshot(): InvoiceSnapshot {
    return this.state;
  }

  /** Events recorded since load, in order; the use case puts them in the outbox and clears them. */
  pullEvents(): RecordedEvent[] {
    return this.recorded.splice(0, this.recorded.length);
  }

  /**
   * Numbers and dates the invoice: issue date = today, due date = issue date + the contract's net
   * days. The number comes from the series counter, assigned in the same transaction.
   */
  issue(input: { number: string; issueDate: string; milestoneId?: string | null }): void {
    this.guard('issue');
    const dueDate = dueDateOf(input.issueDate, this.state.netDays);
    this.state = {
      ...this.state,
      status: 'open',
      number: input.number,
      issueDate: input.issueDate,
      dueDate,
      milestoneId: input.milestoneId ?? this.state.milestoneId,
    };
    const s = this.state;
    this.recorded.push({
      name: 'invoice.issued',
      data: {
        invoice_id: s.id,
        invoice_number: input.number,
        contract_id: s.contractId,
        client_id: s.clientId,
        milestone_index: s.milestoneIndex,
        milestone_title: s.milestoneTitle,
        currency: s.currency,
        subtotal_cents: s.subtotalCents,
        tax_cents: s.taxCents,
        retainage_cents: s.retainageCents,
        total_cents: s.totalCents,
        amount_due_cents: s.payableCents,
        issue_date: input.issueDate,
        due_date: dueDate,
        purchase_order_ref: s.purchaseOrderRef,
        ...(s.milestoneId ? { milestone_id: s.milestoneId } : {}),
      },
    });
    // An invoice with nothing to pay (a zero-value milestone, or retainage of 100 %) is settled at once.
    if (this.balanceCents === 0) this.settle(new Date(`${input.issueDate}T00:00:00Z`));
  }

  /**
   * Applies part or all of a payment. Over-payment is refused for now (payment.exceeds_balance):
   * unapplied credit needs credit notes and client balances, a later issue. When the balance
   * reaches zero the invoice is paid and invoice.paid is recorded.
   */
  applyPayment(input: { paymentId: string; amountCents: number; currency: string; receivedAt: Date }): void {
    if (this.state.status !== 'open') throw InvoiceErrors.notOpen(this.state.id, this.state.status);
    if (input.currency !== this.state.currency) throw InvoiceErrors.currencyMismatch(this.state.currency, input.currency);
    if (!Number.isSafeInteger(input.amountCents) || input.amountCents <= 0) throw InvoiceErrors.nonPositivePayment();
    if (input.amountCents > this.balanceCents) throw InvoiceErrors.exceedsBalance(input.amountCents, this.balanceCents);
    this.state = {
      ...this.state,
      amountPaidCents: this.state.amountPaidCents + input.amountCents,
      paymentIds: [...this.state.paymentIds, input.paymentId],
    };
    if (this.balanceCents === 0) this.settle(input.receivedAt);
  }

  /** Whether the overdue scan should announce this invoice today: open, past due, not yet announced. */
  isOverdueUnannounced(today: string): boolean {
    return this.state.status === 'open' && this.state.dueDate !== null && this.state.dueDate < today && this.state.overdueAnnouncedAt === null;
  }

  /** Announces once that the invoice is past due with a balance; later scans leave it alone. */
  announceOverdue(now: Date): void {
    const today = calendarDateOf(now);
    if (!this.isOverdueUnannounced(today) || this.balanceCents <= 0) return;
    const s = this.state;
    this.state = { ...s, overdueAnnouncedAt: now.toISOString() };
    this.recorded.push({
      name: 'invoice.overdue',
      data: {
        invoice_id: s.id,
        invoice_number: s.number as string,
        contract_id: s.contractId,
        client_id: s.clientId,
        milestone_index: s.milestoneIndex,
        currency: s.currency,
        amount_due_cents: this.balanceCents,
        due_date: s.dueDate as string,
        days_overdue: daysPastDue(s.dueDate as string, today),
      },
    });
  }

  private settle(paidAt: Date): void {
    this.guard('settle');
    const s = this.state;
    this.state = { ...s, status: 'paid', paidAt: paidAt.toISOString() };
    this.recorded.push({
      name: 'invoice.paid',
      data: {
        invoice_id: s.id,
        invoice_number: s.number as string,
        contract_id: s.contractId,
        client_id: s.clientId,
        milestone_index: s.milestoneIndex,
        currency: s.currency,
        amount_paid_cents: s.amountPaidCents,
        paid_at: paidAt.toISOString(),
        payment_ids: [...s.paymentIds],
      },
    });
  }

  private guard(intent: InvoiceIntent): void {
    if (!canTransition(this.state.status, intent)) throw InvoiceErrors.illegalTransition(this.state.id, this.state.status, intent);
  }
}
