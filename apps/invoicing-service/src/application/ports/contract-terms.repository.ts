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
}

/** The contracts invoicing has heard of. Writes join the open unit of work; "not found" is null. */
export abstract class ContractTermsRepository {
  /** Records the terms once; a contract already known keeps its terms (amendments are a later issue). */
  abstract remember(terms: ContractTerms): Promise<void>;
  abstract findById(contractId: string): Promise<ContractTerms | null>;
}
