import { Injectable } from '@nestjs/common';
import { DomainRejection } from '@mb/kernel';
import type { ApiKeySnapshot } from '../../domain/api-key/api-key';
import { ApiKeyRepository } from '../ports/api-key.repository';

/** What the API-key admin API reads: keys as their snapshots (the stored hash is the API's to leave out). */
@Injectable()
export class ApiKeyQueries {
  constructor(private readonly keys: ApiKeyRepository) {}

  async all(): Promise<ApiKeySnapshot[]> {
    return (await this.keys.list()).map((key) => key.snapshot());
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
