import type { ApiKey } from '../../domain/api-key/api-key';

/** Where API keys are kept. Writes join the open unit of work; "not found" is null. */
export abstract class ApiKeyRepository {
  abstract add(key: ApiKey): Promise<void>;
  abstract findById(id: string): Promise<ApiKey | null>;
  /** Every key, revoked ones included, newest first. */
  abstract list(): Promise<ApiKey[]>;
  abstract saveRevocation(key: ApiKey): Promise<void>;
  /** Records that the key was accepted at `at`, unless a use within the last minute is already recorded. */
  abstract recordUse(id: string, at: Date): Promise<void>;
}
