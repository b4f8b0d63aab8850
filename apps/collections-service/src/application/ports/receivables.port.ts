/** A payment to record in invoicing for money an agency recovered. */
export interface AgencyPaymentRequest {
  readonly clientId: string;
  readonly amountCents: number;
  readonly currency: string;
  /** YYYY-MM-DD, in the client's time zone. */
  readonly receivedOn: string;
  readonly externalReference: string;
  /** The same key for the same recovery, so a retry records one payment (invoicing's Idempotency-Key). */
  readonly idempotencyKey: string;
}

/**
 * Invoicing, where payments are recorded and allocated: collections asks it to record an agency's
 * recovery as the client's payment, so that allocations and invoice statuses stay invoicing's job.
 * Refusals come back as DomainRejections naming invoicing's reason; an unreachable invoicing as a
 * 503 the caller may retry.
 */
export abstract class Receivables {
  abstract recordAgencyPayment(request: AgencyPaymentRequest): Promise<{ paymentId: string }>;
}
