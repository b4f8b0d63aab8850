import type { Payment } from '../../domain/payment/payment';

/** Where payments are kept. Writes join the open unit of work. */
export abstract class PaymentRepository {
  abstract add(payment: Payment): Promise<void>;
}
