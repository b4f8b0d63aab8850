import type { ChangeOrder } from '../../domain/change-order/change-order';

/** Where change orders are kept. Writes join the open unit of work; "not found" is null. */
export abstract class ChangeOrderRepository {
  /** Saves a new change order; a second open one for the contract is refused with `change_order.already_open`. */
  abstract add(changeOrder: ChangeOrder, now: Date): Promise<number>;
  abstract findById(id: string): Promise<ChangeOrder | null>;
  /** The contract's change order still waiting for the client, if any. */
  abstract findOpenByContract(contractId: string): Promise<ChangeOrder | null>;
  /** Every change order of the contract, oldest first. */
  abstract listByContract(contractId: string): Promise<ChangeOrder[]>;
  /** Saves a decision made since loading, guarded by the version loaded (`change_order.concurrent_update`). */
  abstract save(changeOrder: ChangeOrder, now: Date): Promise<number>;
}
