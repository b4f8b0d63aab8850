export interface KnownClient {
  readonly clientId: string;
  readonly clientName: string | null;
  readonly apEmail: string | null;
  /** Who approves delivered milestones; null when the client named nobody (the AP contact is asked then). */
  readonly approverEmail: string | null;
  /** The language it is written to in (BCP 47, en or de); null when it set none (English then). */
  readonly language?: string | null;
}

export interface KnownContract {
  readonly contractId: string;
  readonly clientId: string;
  readonly title: string;
}

/** Who the clients are and how to reach them, learnt from contract events. Writes join the open unit of work. */
export abstract class RecipientDirectory {
  /**
   * Serialises, until the unit of work ends, everything touching one client's recipients: an event
   * parked for want of a recipient and the contract event that names it may be handled at the same
   * time (different topics), and one must see the other's commit.
   */
  abstract lockClient(clientId: string): Promise<void>;
  /** Keeps what is given; a missing name or email keeps the one known before. */
  abstract rememberClient(client: KnownClient, at: Date): Promise<void>;
  abstract rememberContract(contract: KnownContract, at: Date): Promise<void>;
  abstract findClient(clientId: string): Promise<KnownClient | null>;
  abstract findContract(contractId: string): Promise<KnownContract | null>;
}
