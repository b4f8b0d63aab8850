import { MAX_AMOUNT_CENTS } from '@mb/money';
import { ClientBalanceErrors } from './client-balance.errors';

export interface ClientBalanceSnapshot {
  readonly clientId: string;
  readonly currency: string;
  /** Money received and not allocated to any invoice yet, in minor units of `currency`. */
  readonly unappliedCents: number;
}

/**
 * A client's unapplied credit in one currency (issue 10): what its payments left over. A client
 * has one per currency and money never moves between them. It grows by what a payment does not
 * allocate, and shrinks when the credit is applied to the client's next invoice in that currency
 * or refunded; it never goes below zero.
 */
export class ClientBalance {
  private constructor(private state: ClientBalanceSnapshot) {}

  static restore(snapshot: ClientBalanceSnapshot): ClientBalance {
    return new ClientBalance(snapshot);
  }

  static empty(clientId: string, currency: string): ClientBalance {
    return new ClientBalance({ clientId, currency, unappliedCents: 0 });
  }

  get clientId(): string {
    return this.state.clientId;
  }

  get currency(): string {
    return this.state.currency;
  }

  get unappliedCents(): number {
    return this.state.unappliedCents;
  }

  snapshot(): ClientBalanceSnapshot {
    return this.state;
  }

  /** What a payment left unallocated. */
  add(amountCents: number): void {
    if (!Number.isSafeInteger(amountCents) || amountCents < 0) throw new Error(`credit of ${amountCents} is not a whole non-negative amount`);
    const unappliedCents = this.state.unappliedCents + amountCents;
    if (unappliedCents > MAX_AMOUNT_CENTS) throw ClientBalanceErrors.overCap(this.state.clientId, this.state.currency);
    this.state = { ...this.state, unappliedCents };
  }

  /** Gives up up to `upToCents` of the credit (applied to an invoice); answers what it gave. */
  take(upToCents: number): number {
    const taken = Math.max(0, Math.min(upToCents, this.state.unappliedCents));
    this.state = { ...this.state, unappliedCents: this.state.unappliedCents - taken };
    return taken;
  }

  /** Pays `amountCents` of the credit back; more than the credit is refused (`refund.exceeds_credit`). */
  refund(amountCents: number): void {
    if (!Number.isSafeInteger(amountCents) || amountCents <= 0) throw ClientBalanceErrors.nonPositiveRefund();
    if (amountCents > this.state.unappliedCents) {
      throw ClientBalanceErrors.refundExceedsCredit(amountCents, this.state.unappliedCents, this.state.currency);
    }
    this.state = { ...this.state, unappliedCents: this.state.unappliedCents - amountCents };
  }
}
