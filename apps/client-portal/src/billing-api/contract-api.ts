import { ServiceClient } from './service-client';

export interface Client {
  readonly id: string;
  readonly name: string;
  readonly language: 'en' | 'de';
  readonly time_zone: string;
}

export interface Contract {
  readonly id: string;
  readonly client_id: string;
  readonly title: string;
  readonly status: 'draft' | 'active' | 'completed' | 'terminated';
  readonly currency: string;
  readonly total_value_cents: number;
}

/** A client-role API key, as contract-service describes the key a request presents. */
export interface PresentedApiKey {
  readonly id: string;
  readonly role: string;
  readonly client_id: string | null;
}

/** What exchanging a sign-in link gives: a client-role API key that ends at expires_at. */
export interface PortalSession {
  readonly token: string;
  readonly client_id: string;
  readonly client_name: string;
  readonly client_language: 'en' | 'de';
  readonly email: string;
  readonly expires_at: string;
}

/** contract-service: the client, its contracts, and the portal's sign-in links and sessions. */
export class ContractApi {
  constructor(private readonly api: ServiceClient) {}

  client(clientId: string): Promise<Client> {
    return this.api.json('GET', `/v1/clients/${encodeURIComponent(clientId)}`);
  }

  async contractsOf(clientId: string): Promise<Contract[]> {
    return (await this.api.json<{ data: Contract[] }>('GET', `/v1/contracts?client_id=${encodeURIComponent(clientId)}`)).data;
  }

  contract(contractId: string): Promise<Contract> {
    return this.api.json('GET', `/v1/contracts/${encodeURIComponent(contractId)}`);
  }

  currentApiKey(): Promise<PresentedApiKey> {
    return this.api.json('GET', '/v1/api-keys/current');
  }

  /** 202 whatever the address: contract-service emails a link only to a known client contact. */
  async requestSignInLink(email: string): Promise<void> {
    await this.api.json('POST', '/v1/portal/sign-in-links', { body: { email } });
  }

  startSession(signInToken: string): Promise<PortalSession> {
    return this.api.json('POST', '/v1/portal/sessions', { body: { sign_in_token: signInToken } });
  }

  async endSession(): Promise<void> {
    await this.api.json('POST', '/v1/portal/sessions/current/end');
  }
}
