import type { PaymentMethod } from '../../domain/payment/payment';

/** A payment as the API reads it back, with its allocations. */
export interface PaymentView {
  readonly id: string;
  readonly clientId: string;
  readonly currency: string;
  readonly amountCents: number;
  readonly receivedOn: string;
  readonly method: PaymentMethod;
  readonly externalReference: string | null;
  readonly allocations: readonly { readonly invoiceId: string; readonly invoiceNumber: string; readonly contractId: string; readonly amountCents: number }[];
  readonly unappliedCents: number;
  readonly recordedAt: string;
}

/** A client's unapplied credit in one currency. */
export interface ClientBalanceView {
  readonly clientId: string;
  readonly currency: string;
  readonly unappliedCents: number;
}

export interface PaymentFilter {
  readonly clientId?: string;
  readonly invoiceId?: string;
  /** The last payment id of the page before (newest first), or none for the first page. */
  readonly after?: string;
  readonly limit: number;
}

export interface PaymentPage {
  readonly payments: readonly PaymentView[];
  /** Where the next page starts, or null on the last one. */
  readonly nextCursor: string | null;
}
