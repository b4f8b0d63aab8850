import { AggregateRoot } from '@mb/kernel';
import { DisputeErrors } from './dispute.errors';

/** The longest reason a client may give, and the longest note finance may write on the decision. */
export const DISPUTE_REASON_MAX_LENGTH = 2000;
export const DISPUTE_NOTE_MAX_LENGTH = 2000;

/** open until finance decides (upheld, rejected) or the client takes it back (withdrawn); the three endings are final. */
export const DISPUTE_STATUSES = ['open', 'upheld', 'rejected', 'withdrawn'] as const;
export type DisputeStatus = (typeof DISPUTE_STATUSES)[number];

export const DISPUTE_OUTCOMES = ['upheld', 'rejected'] as const;
export type DisputeOutcome = (typeof DISPUTE_OUTCOMES)[number];

/** Who acted on a dispute: the client itself, or staff on its behalf. */
export interface DisputeActor {
  readonly role: 'client' | 'finance' | 'admin';
  readonly subject: string;
}

/**
 * An invoice as collections knows it from invoicing's events (invoice.issued, then payments,
 * credit notes and closings), enough to dispute it: whose it is, its currency, what is still owed.
 */
export interface DisputableInvoice {
  readonly invoiceId: string;
  readonly invoiceNumber: string;
  readonly contractId: string;
  readonly clientId: string;
  readonly currency: string;
  readonly balanceCents: number;
  /** False once it was paid, credited in full, voided or written off. */
  readonly open: boolean;
}

export interface DisputeResolution {
  readonly outcome: DisputeOutcome;
  readonly note: string;
  /** Upheld: what is credited on the invoice; rejected: null. */
  readonly creditAmountCents: number | null;
  readonly resolvedBy: DisputeActor;
  readonly resolvedAt: Date;
}

/** The client (or staff on its behalf) took the dispute back (issue 15). */
export interface DisputeWithdrawal {
  /** Why, when the person said. */
  readonly note: string | null;
  readonly withdrawnBy: DisputeActor;
  readonly withdrawnAt: Date;
}

export interface DisputeSnapshot {
  readonly id: string;
  readonly clientId: string;
  readonly invoiceId: string;
  readonly invoiceNumber: string;
  readonly contractId: string;
  readonly currency: string;
  /** The part of the open balance disputed. */
  readonly amountCents: number;
  /** The invoice's open balance when the dispute was opened. */
  readonly invoiceBalanceCents: number;
  readonly wholeInvoice: boolean;
  readonly reason: string;
  readonly status: DisputeStatus;
  readonly openedBy: DisputeActor;
  readonly openedAt: Date;
  readonly resolution: DisputeResolution | null;
  readonly withdrawal: DisputeWithdrawal | null;
  /** Optimistic concurrency: the version it was loaded at (0 for a new dispute). */
  readonly version: number;
}

export type DisputeEvent = { readonly type: 'opened' } | { readonly type: 'resolved' } | { readonly type: 'withdrawn' };

/**
 * A client's dispute of one invoice, in whole or in part (issue 11 "Disputes"): opened with a
 * reason for at most the invoice's open balance, then resolved once by finance, upheld (a credit
 * note of at most the disputed amount follows through invoicing) or rejected (the invoice is due
 * again), or withdrawn by the client before that (the invoice is due again, as after a rejection).
 * Dunning leaves the invoice alone while the dispute is open.
 */
export class Dispute extends AggregateRoot<DisputeEvent> {
  private constructor(private state: DisputeSnapshot) {
    super();
  }

  /** Opens a dispute of `amountCents` (undefined: the whole open balance) on an open invoice. */
  static open(input: { id: string; invoice: DisputableInvoice; amountCents?: number; reason: string; openedBy: DisputeActor; now: Date }): Dispute {
    const { invoice } = input;
    if (!invoice.open || invoice.balanceCents <= 0) throw DisputeErrors.invoiceNotOpen(invoice.invoiceId);
    const amountCents = input.amountCents ?? invoice.balanceCents;
    if (!Number.isSafeInteger(amountCents) || amountCents <= 0) throw DisputeErrors.amountNotPositive();
    if (amountCents > invoice.balanceCents) throw DisputeErrors.amountExceedsBalance(amountCents, invoice.balanceCents);
    const reason = boundedText(input.reason, DISPUTE_REASON_MAX_LENGTH, () => DisputeErrors.reasonRequired(DISPUTE_REASON_MAX_LENGTH));
    const dispute = new Dispute({
      id: input.id,
      clientId: invoice.clientId,
      invoiceId: invoice.invoiceId,
      invoiceNumber: invoice.invoiceNumber,
      contractId: invoice.contractId,
      currency: invoice.currency,
      amountCents,
      invoiceBalanceCents: invoice.balanceCents,
      wholeInvoice: amountCents === invoice.balanceCents,
      reason,
      status: 'open',
      openedBy: input.openedBy,
      openedAt: input.now,
      resolution: null,
      withdrawal: null,
      version: 0,
    });
    dispute.record({ type: 'opened' });
    return dispute;
  }

  static restore(snapshot: DisputeSnapshot): Dispute {
    return new Dispute(snapshot);
  }

  get id(): string {
    return this.state.id;
  }

  get status(): DisputeStatus {
    return this.state.status;
  }

  /**
   * Finance decides, once. Upheld credits `creditAmountCents` (by default the disputed amount, never
   * more); rejected takes no credit and a note that tells the client why.
   */
  resolve(input: { outcome: DisputeOutcome; note: string; creditAmountCents?: number; by: DisputeActor; now: Date }): void {
    if (this.state.status !== 'open') throw DisputeErrors.alreadyResolved(this.state.id, this.state.status);
    const note = boundedText(input.note, DISPUTE_NOTE_MAX_LENGTH, () => DisputeErrors.noteRequired(DISPUTE_NOTE_MAX_LENGTH));
    let creditAmountCents: number | null = null;
    if (input.outcome === 'upheld') {
      creditAmountCents = input.creditAmountCents ?? this.state.amountCents;
      if (!Number.isSafeInteger(creditAmountCents) || creditAmountCents <= 0) throw DisputeErrors.creditNotPositive();
      if (creditAmountCents > this.state.amountCents) throw DisputeErrors.creditExceedsDisputed(creditAmountCents, this.state.amountCents);
    } else if (input.creditAmountCents !== undefined) {
      throw DisputeErrors.creditOnRejection();
    }
    this.state = {
      ...this.state,
      status: input.outcome,
      resolution: { outcome: input.outcome, note, creditAmountCents, resolvedBy: input.by, resolvedAt: input.now },
    };
    this.record({ type: 'resolved' });
  }

  /**
   * The client takes back its open dispute (or staff do on its behalf), with an optional note: the
   * invoice stands as it is, nothing is credited. Final, like a resolution; a dispute already ended is
   * refused as a second resolution is.
   */
  withdraw(input: { note?: string; by: DisputeActor; now: Date }): void {
    if (this.state.status !== 'open') throw DisputeErrors.alreadyResolved(this.state.id, this.state.status);
    let note: string | null = null;
    if (input.note !== undefined && input.note.trim().length > 0) {
      note = boundedText(input.note, DISPUTE_NOTE_MAX_LENGTH, () => DisputeErrors.noteRequired(DISPUTE_NOTE_MAX_LENGTH));
    }
    this.state = { ...this.state, status: 'withdrawn', withdrawal: { note, withdrawnBy: input.by, withdrawnAt: input.now } };
    this.record({ type: 'withdrawn' });
  }

  snapshot(): DisputeSnapshot {
    return this.state;
  }
}

/** `text` trimmed, refused (by `refusal`) when empty or longer than `maxLength`. */
function boundedText(text: string, maxLength: number, refusal: () => Error): string {
  const trimmed = text.trim();
  if (trimmed.length === 0 || trimmed.length > maxLength) throw refusal();
  return trimmed;
}
