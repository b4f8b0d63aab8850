import type { Client } from '../../domain/client/client';

/** Where clients are kept. Writes join the open unit of work; "not found" is null. */
export abstract class ClientRepository {
  abstract add(client: Client, now: Date): Promise<void>;
  abstract findById(id: string): Promise<Client | null>;
  /** Every client whose AP contact or approver is this address (compared in lower case), oldest first. */
  abstract findByContactEmail(email: string): Promise<Client[]>;
}
