import type { Payment } from '../../domain/payment/payment';

/** A client's credit applied to one invoice at its issue: an allocation without a payment. */
export interface CreditAllocation {
  readonly id: string;
  readonly invoiceId: string;
  readonly contractId: string;
  readonly clientId: string;
  readonly currency: string;
  readonly amountCents: number;
  readonly allocatedAt: Date;
}

/** Where payments and their allocations are kept. Writes join the open unit of work. */
export abstract class PaymentRepository {
  /**
   * Adds the payment with its allocations. An external reference the client already used refuses
   * with `payment.duplicate_reference` (409): the database's unique index decides, so two
   * concurrent recordings of one bank transfer cannot both pass.
   */
  abstract add(payment: Payment): Promise<void>;
  abstract addCreditAllocation(allocation: CreditAllocation): Promise<void>;
}
