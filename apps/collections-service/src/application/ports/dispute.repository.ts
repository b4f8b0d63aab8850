import type { Dispute, DisputeStatus } from '../../domain/dispute/dispute';

/**
 * Where disputes are kept. Writes join the open unit of work; "not found" is null. At most one
 * open dispute per invoice: the store refuses a second (`dispute.already_open`).
 */
export abstract class DisputeRepository {
  /** The dispute, locked until the unit of work ends when `forUpdate`. */
  abstract findById(id: string, options?: { forUpdate?: boolean }): Promise<Dispute | null>;
  /** The invoice's open dispute, if any. */
  abstract findOpenOnInvoice(invoiceId: string): Promise<Dispute | null>;
  /** Disputes, newest first, of one client and/or in one status when given. */
  abstract list(filter: { clientId?: string; status?: DisputeStatus }): Promise<Dispute[]>;
  abstract add(dispute: Dispute): Promise<void>;
  /** Saves a resolution, guarded by the version loaded (`dispute.concurrent_update` otherwise). */
  abstract save(dispute: Dispute): Promise<void>;
}
