import { PaymentRepository, type CreditAllocation } from '../../src/application/ports/payment.repository';
import type { Payment, PaymentSnapshot } from '../../src/domain/payment/payment';
import { PaymentErrors } from '../../src/domain/payment/payment.errors';

/** Payments kept as snapshots, for use-case unit tests, with the table's one external reference per client. */
export class InMemoryPaymentRepository extends PaymentRepository {
  private readonly payments = new Map<string, PaymentSnapshot>();
  readonly creditAllocations: CreditAllocation[] = [];

  async add(payment: Payment): Promise<void> {
    const snapshot = payment.snapshot();
    if (this.payments.has(snapshot.id)) throw new Error(`payment ${snapshot.id} already exists`);
    const { clientId, externalReference } = snapshot;
    if (externalReference !== null && this.all().some((stored) => stored.clientId === clientId && stored.externalReference === externalReference)) {
      throw PaymentErrors.duplicateReference(clientId, externalReference);
    }
    this.payments.set(snapshot.id, snapshot);
  }

  async addCreditAllocation(allocation: CreditAllocation): Promise<void> {
    this.creditAllocations.push(allocation);
  }

  all(): PaymentSnapshot[] {
    return [...this.payments.values()];
  }
}
