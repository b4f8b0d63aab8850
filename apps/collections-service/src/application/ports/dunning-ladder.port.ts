import type { DunningLadder } from '../../domain/dunning/dunning-ladder';

/** The ladder the service runs when nothing is configured; a provider so tests can replace it. */
export const DUNNING_LADDER = Symbol('DUNNING_LADDER');

/** The scope of the account-wide default ladder; a client's override is kept under its client id. */
export const ACCOUNT_LADDER_SCOPE = 'account';

export interface ConfiguredLadder {
  readonly stages: DunningLadder;
  readonly updatedAt: Date;
  readonly updatedBy: string;
}

/** The configured dunning ladders: the account default and per-client overrides. Writes join the open unit of work. */
export abstract class DunningLadderRepository {
  /** The ladder configured for `scope` (ACCOUNT_LADDER_SCOPE or a client id), null when none. */
  abstract find(scope: string): Promise<ConfiguredLadder | null>;
  abstract put(scope: string, ladder: ConfiguredLadder): Promise<void>;
  /** Removes the scope's ladder; whether there was one. */
  abstract remove(scope: string): Promise<boolean>;
}

/** The client's IANA time zone, learnt from its contracts (contract.activated); UTC when unknown. */
export abstract class ClientCalendarRepository {
  abstract timeZoneOf(clientId: string): Promise<string>;
  abstract remember(clientId: string, timeZone: string, at: Date): Promise<void>;
}
