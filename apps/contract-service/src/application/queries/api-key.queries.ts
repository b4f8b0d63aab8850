import { Inject, Injectable } from '@nestjs/common';
import { type Clock, DomainRejection } from '@mb/kernel';
import { SERVICE_CLOCK } from '@mb/platform';
import type { ApiKeyKind, ApiKeySnapshot } from '../../domain/api-key/api-key';
import { ApiKeyRepository } from '../ports/api-key.repository';

export interface ApiKeyListing {
  /** Only keys of this kind; both unless given. */
  readonly kind?: ApiKeyKind;
  /** Revoked and expired keys too; by default only keys that can still be used. */
  readonly includeEnded: boolean;
}

/** What the API-key admin API reads: keys as their snapshots (the stored hash is the API's to leave out). */
@Injectable()
export class ApiKeyQueries {
  constructor(
    private readonly keys: ApiKeyRepository,
    @Inject(SERVICE_CLOCK) private readonly clock: Clock,
  ) {}

  async list(listing: ApiKeyListing): Promise<ApiKeySnapshot[]> {
    const keys = await this.keys.list({ kind: listing.kind, acceptedAt: listing.includeEnded ? undefined : this.clock.now() });
    return keys.map((key) => key.snapshot());
  }

  async byId(id: string): Promise<ApiKeySnapshot> {
    const key = await this.keys.findById(id);
    if (key === null) throw apiKeyNotFound(id);
    return key.snapshot();
  }
}

export function apiKeyNotFound(id: string): DomainRejection {
  return new DomainRejection('not_found', 'api_key.not_found', `there is no API key ${id}`);
}
