import type { ClientBalance } from '../../domain/client-balance/client-balance';

/** Where clients' unapplied credit is kept, one balance per client and currency. Writes join the open unit of work. */
export abstract class ClientBalanceRepository {
  /** The client's balance in `currency`, locked until the unit of work ends; an empty one (0) is created if it has none. */
  abstract lock(clientId: string, currency: string): Promise<ClientBalance>;
  /** The client's balance in `currency`, locked, or null when it never had one (so nothing to apply). */
  abstract lockIfAny(clientId: string, currency: string): Promise<ClientBalance | null>;
  abstract save(balance: ClientBalance): Promise<void>;
}
