import { ClientBalanceRepository } from '../../src/application/ports/client-balance.repository';
import { ClientBalance, type ClientBalanceSnapshot } from '../../src/domain/client-balance/client-balance';

/** Clients' credit kept per client and currency, for use-case unit tests. Locks are not modelled. */
export class InMemoryClientBalanceRepository extends ClientBalanceRepository {
  private readonly balances = new Map<string, ClientBalanceSnapshot>();

  async lock(clientId: string, currency: string): Promise<ClientBalance> {
    const key = `${clientId}/${currency}`;
    if (!this.balances.has(key)) this.balances.set(key, ClientBalance.empty(clientId, currency).snapshot());
    return ClientBalance.restore(this.balances.get(key) as ClientBalanceSnapshot);
  }

  async lockIfAny(clientId: string, currency: string): Promise<ClientBalance | null> {
    const stored = this.balances.get(`${clientId}/${currency}`);
    return stored ? ClientBalance.restore(stored) : null;
  }

  async save(balance: ClientBalance): Promise<void> {
    const snapshot = balance.snapshot();
    this.balances.set(`${snapshot.clientId}/${snapshot.currency}`, snapshot);
  }

  /** The credit now, 0 when none, for a test's "then". */
  unapplied(clientId: string, currency: string): number {
    return this.balances.get(`${clientId}/${currency}`)?.unappliedCents ?? 0;
  }
}
