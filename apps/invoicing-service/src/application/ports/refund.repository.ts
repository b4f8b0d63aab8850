import type { Refund } from '../../domain/refund/refund';

/** Where refunds are kept. Writes join the open unit of work. */
export abstract class RefundRepository {
  abstract add(refund: Refund): Promise<void>;
}
