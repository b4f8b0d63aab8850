import type { EntityManager } from 'typeorm';
import type { AnyEventEnvelope } from '@mb/events';

export interface KnownClient {
  readonly clientId: string;
  readonly clientName: string | null;
  readonly apEmail: string | null;
}

export interface KnownContract {
  readonly contractId: string;
  readonly clientId: string;
  readonly title: string;
}

/** Who the clients are and how to reach them, learnt from contract events; and notices waiting for that. */
export abstract class RecipientDirectory {
  /**
   * Serialises, until the transaction ends, everything touching one client's recipients: an event
   * parked for want of a recipient and the contract event that names it may be handled at the same
   * time (different topics), and one must see the other's commit.
   */
  abstract lockClient(manager: EntityManager, clientId: string): Promise<void>;
  /** Keeps what is given; a missing name or email keeps the one known before. */
  abstract rememberClient(manager: EntityManager, client: KnownClient, at: Date): Promise<void>;
  abstract rememberContract(manager: EntityManager, contract: KnownContract, at: Date): Promise<void>;
  abstract client(manager: EntityManager, clientId: string): Promise<KnownClient | undefined>;
  abstract contract(manager: EntityManager, contractId: string): Promise<KnownContract | undefined>;
  abstract park(manager: EntityManager, clientId: string, envelope: AnyEventEnvelope, at: Date): Promise<void>;
  /** The notices parked for the client, locked, oldest first. */
  abstract parkedFor(manager: EntityManager, clientId: string): Promise<AnyEventEnvelope[]>;
  abstract unpark(manager: EntityManager, eventId: string): Promise<void>;
}
