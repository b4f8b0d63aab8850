import type { ApiKey, ApiKeyKind } from '../../domain/api-key/api-key';

/** Which keys a list holds; every one when nothing is given. */
export interface ApiKeyListFilter {
  /** Only keys of this kind. */
  readonly kind?: ApiKeyKind;
  /** Only keys accepted at this instant: neither revoked nor expired (ApiKey.isAcceptedAt). */
  readonly acceptedAt?: Date;
}

/** Where API keys are kept. Writes join the open unit of work; "not found" is null. */
export abstract class ApiKeyRepository {
  abstract add(key: ApiKey): Promise<void>;
  abstract findById(id: string): Promise<ApiKey | null>;
  /** The keys the filter names, newest first. */
  abstract list(filter?: ApiKeyListFilter): Promise<ApiKey[]>;
  abstract saveRevocation(key: ApiKey): Promise<void>;
  /** Records that the key was accepted at `at`, unless a use within the last minute is already recorded. */
  abstract recordUse(id: string, at: Date): Promise<void>;
}
