import { canMove, DeliveryChannel, DeliveryStatus } from './delivery-status';
import { nextAttemptAfterFailure, RetryPolicy } from './retry-policy';

/**
 * The documents an email can attach, by kind: each names another service's document (the invoice
 * PDF, the credit note PDF) that the DocumentFetcher port fetches when the email is sent.
 */
export const DOCUMENT_KINDS = ['invoice_pdf', 'credit_note_pdf', 'payment_plan_pdf'] as const;
export type DocumentKind = (typeof DOCUMENT_KINDS)[number];

/**
 * A document an email attaches, by reference: the delivery keeps the reference, not the bytes,
 * and the document is fetched at each attempt (it is the issued document, which does not change).
 */
export interface DocumentReference {
  readonly kind: DocumentKind;
  /** The id of what the document is of (`inv_…`, `cn_…`, `plan_…`). */
  readonly id: string;
}

/** What an email delivery sends. */
export interface EmailContent {
  readonly subject: string;
  readonly text: string;
  /** The HTML alternative of the text, from the same template; absent from emails planned before templates had one. */
  readonly html?: string;
  /** The template it was rendered from (src/templates/<name>) and the language it was written in; absent before templates. */
  readonly template?: string;
  readonly language?: string;
  /** Documents attached when the email is sent; absent or empty: none. */
  readonly attachments?: readonly DocumentReference[];
}

/** What a webhook delivery sends: the event envelope's JSON text, for one subscription. */
export interface WebhookContent {
  readonly subscriptionId: string;
  readonly body: string;
}

export type DeliveryPayload = EmailContent | WebhookContent;

/** One try at sending, as the attempts log keeps it. */
export interface DeliveryAttempt {
  readonly deliveryId: string;
  readonly attemptNumber: number;
  readonly attemptedAt: Date;
  readonly outcome: 'sent' | 'failed';
  readonly statusCode: number | null;
  readonly error: string | null;
}

export interface DeliverySnapshot {
  readonly id: string;
  readonly eventId: string;
  readonly eventName: string;
  /** The client of the event it carries (its `data.client_id`); null when the event names none. A client sees only its own. */
  readonly clientId: string | null;
  readonly channel: DeliveryChannel;
  readonly recipient: string;
  readonly payload: DeliveryPayload;
  readonly status: DeliveryStatus;
  readonly attempts: number;
  readonly nextAttemptAt: Date | null;
  readonly firstAttemptAt: Date | null;
  readonly lastError: string | null;
  readonly sentAt: Date | null;
  readonly createdAt: Date;
  /** The delivery this one sends again (a replay), or null for the first delivery of its event. */
  readonly replayOf: string | null;
  /** Why it was replayed, as its requester said; null when not a replay. */
  readonly replayReason: string | null;
}

export class IllegalDeliveryTransitionError extends Error {
  constructor(id: string, from: DeliveryStatus, to: DeliveryStatus) {
    super(`delivery ${id} cannot move from ${from} to ${to}`);
    this.name = 'IllegalDeliveryTransitionError';
  }
}

/**
 * One message to one recipient for one event. Planned when the event arrives; every attempt is
 * recorded here, which decides whether to retry (backoff), stop (sent, failed) or give up.
 */
export class Delivery {
  private constructor(private state: DeliverySnapshot) {}

  /**
   * `held`: planned for a paused subscription, it waits for the resume instead of its first
   * attempt. `replayOf`: the delivery it sends again, with the requester's reason.
   */
  static plan(input: {
    id: string;
    eventId: string;
    eventName: string;
    clientId?: string | null;
    channel: DeliveryChannel;
    recipient: string;
    payload: DeliveryPayload;
    now: Date;
    held?: boolean;
    replayOf?: string | null;
    replayReason?: string | null;
  }): Delivery {
    const { now, clientId = null, held = false, replayOf = null, replayReason = null, ...message } = input;
    return new Delivery({
      ...message,
      clientId,
      replayOf,
      replayReason,
      status: held ? 'held' : 'pending',
      attempts: 0,
      nextAttemptAt: held ? null : now,
      firstAttemptAt: null,
      lastError: null,
      sentAt: null,
      createdAt: now,
    });
  }

  static restore(snapshot: DeliverySnapshot): Delivery {
    return new Delivery(snapshot);
  }

  get id(): string {
    return this.state.id;
  }

  /** The webhook subscription it is for; null for an email. */
  get subscriptionId(): string | null {
    return this.state.channel === 'webhook' ? (this.state.payload as WebhookContent).subscriptionId : null;
  }

  /** Its subscription is paused: no attempt until it resumes. */
  hold(): void {
    this.moveTo('held');
    this.state = { ...this.state, nextAttemptAt: null };
  }

  /** Its subscription resumed: the next attempt is due at once. */
  release(now: Date): void {
    this.moveTo('pending');
    this.state = { ...this.state, nextAttemptAt: now };
  }

  /** Its subscription was deleted or disabled: never sent. The reason goes where the last error would. */
  cancel(reason: string): void {
    this.moveTo('cancelled');
    this.state = { ...this.state, nextAttemptAt: null, lastError: reason };
  }

  /**
   * The recipient accepted the message. Also when the delivery was held or cancelled while this
   * send was in flight: it reached the recipient, so it is sent.
   */
  recordSuccess(now: Date, statusCode: number | null = null): DeliveryAttempt {
    const attempt = this.startAttempt(now);
    this.moveTo('sent');
    this.state = { ...this.state, sentAt: now, nextAttemptAt: null, lastError: null };
    return { ...attempt, outcome: 'sent', statusCode, error: null };
  }

  /**
   * The attempt failed: a permanent refusal ends the delivery as failed; otherwise it is retried
   * with backoff until the retry window closes, then abandoned. A delivery held or cancelled while
   * this send was in flight keeps its status: the attempt is logged, and no retry is set.
   */
  recordFailure(now: Date, failure: { error: string; statusCode?: number | null; permanent?: boolean }, policy: RetryPolicy): DeliveryAttempt {
    const attempt = this.startAttempt(now);
    const failed = { ...attempt, outcome: 'failed' as const, statusCode: failure.statusCode ?? null, error: failure.error };
    if (this.state.status === 'cancelled') return failed;
    if (this.state.status === 'held') {
      this.state = { ...this.state, lastError: failure.error };
      return failed;
    }
    const next = failure.permanent
      ? 'give_up'
      : nextAttemptAfterFailure(policy, { firstAttemptAt: this.state.firstAttemptAt ?? now, attempt: attempt.attemptNumber, now });
    if (next === 'give_up') {
      this.moveTo(failure.permanent ? 'failed' : 'abandoned');
      this.state = { ...this.state, nextAttemptAt: null, lastError: failure.error };
    } else {
      this.moveTo('pending');
      this.state = { ...this.state, nextAttemptAt: next, lastError: failure.error };
    }
    return failed;
  }

  snapshot(): DeliverySnapshot {
    return this.state;
  }

  private startAttempt(now: Date): Pick<DeliveryAttempt, 'deliveryId' | 'attemptNumber' | 'attemptedAt'> {
    // Pending, or held or cancelled while the send was in flight; a final outcome takes no more.
    if (!['pending', 'held', 'cancelled'].includes(this.state.status)) throw new IllegalDeliveryTransitionError(this.state.id, this.state.status, 'sent');
    const attemptNumber = this.state.attempts + 1;
    this.state = { ...this.state, attempts: attemptNumber, firstAttemptAt: this.state.firstAttemptAt ?? now };
    return { deliveryId: this.state.id, attemptNumber, attemptedAt: now };
  }

  private moveTo(next: DeliveryStatus): void {
    if (!canMove(this.state.status, next)) throw new IllegalDeliveryTransitionError(this.state.id, this.state.status, next);
    this.state = { ...this.state, status: next };
  }
}
