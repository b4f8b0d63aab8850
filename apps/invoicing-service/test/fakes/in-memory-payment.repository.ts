import { PaymentRepository } from '../../src/application/ports/payment.repository';
import type { Payment, PaymentSnapshot } from '../../src/domain/payment/payment';

/** Payments kept as snapshots, for use-case unit tests. */
export class InMemoryPaymentRepository extends PaymentRepository {
  private readonly payments = new Map<string, PaymentSnapshot>();

  async add(payment: Payment): Promise<void> {
    if (this.payments.has(payment.id)) throw new Error(`payment ${payment.id} already exists`);
    this.payments.set(payment.id, payment.snapshot());
  }

  all(): PaymentSnapshot[] {
    return [...this.payments.values()];
  }
}
