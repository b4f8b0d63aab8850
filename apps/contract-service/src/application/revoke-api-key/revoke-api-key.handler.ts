import { Inject, Injectable } from '@nestjs/common';
import { type Clock, UnitOfWork } from '@mb/kernel';
import { SERVICE_CLOCK } from '@mb/platform';
import type { ApiKeySnapshot } from '../../domain/api-key/api-key';
import { ApiKeyRepository } from '../ports/api-key.repository';
import { apiKeyNotFound } from '../queries/api-key.queries';

/** Revokes an API key: refused from now on here, and in the other services once their cache of it expires. */
@Injectable()
export class RevokeApiKeyHandler {
  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly keys: ApiKeyRepository,
    @Inject(SERVICE_CLOCK) private readonly clock: Clock,
  ) {}

  async execute(command: { id: string; revokedBy: string }): Promise<ApiKeySnapshot> {
    return this.unitOfWork.run(async () => {
      const key = await this.keys.findById(command.id);
      if (key === null) throw apiKeyNotFound(command.id);
      key.revoke(command.revokedBy, this.clock.now());
      await this.keys.saveRevocation(key);
      return key.snapshot();
    });
  }
}
