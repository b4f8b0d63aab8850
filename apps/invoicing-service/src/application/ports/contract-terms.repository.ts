export interface ClientBillingAddress {
  readonly street: string | null;
  readonly city: string | null;
  readonly postalCode: string | null;
  readonly countryCode: string;
}

/** A contract as invoicing knows it from contract.activated: the terms drafts are prepared on. */
export interface ContractTerms {
  readonly contractId: string;
  readonly clientId: string;
  readonly clientName: string | null;
  /** The client's IANA time zone (contract.activated's client_time_zone; UTC when the event had none). */
  readonly clientTimeZone: string;
  readonly title: string;
  readonly currency: string;
  readonly totalValueCents: number;
  readonly netDays: number;
  readonly taxRateBps: number;
  readonly retainageBps: number;
  readonly purchaseOrderRef: string | null;
  /** Who the client is on an e-invoice (contract.activated's client_billing_address, _vat_id, _peppol_id); absent or null when not given. */
  readonly clientBillingAddress?: ClientBillingAddress | null;
  readonly clientVatId?: string | null;
  readonly clientPeppolId?: string | null;
  readonly scheduleVersion: number;
  readonly activatedAt: string;
  /**
   * The day the retainage withheld so far is released, a calendar date in the client's zone
   * (contract events' retainage_release_date); null when the contract set none.
   */
  readonly retainageReleaseDate: string | null;
}

/** What a contract amendment changes of the terms invoicing keeps: everything contract.amended restates. */
export type AmendedContractTerms = Omit<ContractTerms, 'contractId' | 'clientId' | 'activatedAt'>;

/** A contract invoicing knows, with what happened to it since activation. */
export interface KnownContract extends ContractTerms {
  /** When contract.terminated said the termination took effect; null while the contract stands. */
  readonly terminatedAt: string | null;
}

export interface KnownClient {
  readonly clientId: string;
  readonly clientTimeZone: string;
}

/** The contracts invoicing has heard of. Writes join the open unit of work; "not found" is null. */
export abstract class ContractTermsRepository {
  /** Records the terms once; a contract already known keeps its terms (an amendment changes them, see amend). */
  abstract remember(terms: ContractTerms): Promise<void>;
  /**
   * A contract amendment (issue 14): the contract takes the terms of a later schedule version. Those
   * of the same or an earlier version than it holds change nothing (a repeated amendment).
   */
  abstract amend(contractId: string, terms: AmendedContractTerms): Promise<void>;
  /**
   * The contract, or null. `forUpdate` locks it until the unit of work ends: what serialises the
   * retainage releases of one contract (the release date's timer and a final acceptance at once).
   */
  abstract findById(contractId: string, options?: { readonly forUpdate?: boolean }): Promise<KnownContract | null>;
  /** Records the termination once (the first one told is kept); false when the contract is not known. */
  abstract recordTermination(contractId: string, termination: { readonly terminatedAt: string; readonly reason: string }): Promise<boolean>;
  /** A client invoicing knows from its contracts, with its time zone (of its latest contract); null when it has none. */
  abstract findClient(clientId: string): Promise<KnownClient | null>;
}
