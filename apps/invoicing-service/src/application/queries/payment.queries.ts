import type { ClientBalanceView, PaymentFilter, PaymentPage, PaymentView } from './payment.view';

/**
 * What the APIs read about payments and clients' credit (issue 10): a query port, implemented in
 * SQL by the persistence adapter. An unknown payment is `payment.not_found`; a client invoicing
 * has no contract of is `client.not_found`.
 */
export abstract class PaymentQueries {
  /** Newest first, filtered by client and/or invoice, a page at a time. */
  abstract payments(filter: PaymentFilter): Promise<PaymentPage>;
  abstract payment(id: string): Promise<PaymentView>;
  /** The client's unapplied credit, one entry per currency it ever had credit in. */
  abstract balancesOf(clientId: string): Promise<ClientBalanceView[]>;
}
