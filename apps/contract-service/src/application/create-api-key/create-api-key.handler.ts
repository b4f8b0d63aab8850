import { Inject, Injectable } from '@nestjs/common';
import { type Clock, DomainRejection, UnitOfWork } from '@mb/kernel';
import { apiKeySecretHash, apiKeyText, newApiKeySecret, SERVICE_CLOCK } from '@mb/platform';
import { ApiKey, type ApiKeySnapshot } from '../../domain/api-key/api-key';
import { ApiKeyRepository } from '../ports/api-key.repository';
import { ClientRepository } from '../ports/client.repository';

export interface CreateApiKey {
  readonly name: string;
  readonly role: string;
  readonly clientId: string | null;
  /** The subject of the admin creating it. */
  readonly createdBy: string;
}

/** The key as stored, and its text: the one time the secret is ever seen. */
export interface CreatedApiKey {
  readonly key: ApiKeySnapshot;
  readonly text: string;
}

/** Creates an API key: a fresh 256-bit secret, of which only the SHA-256 is stored. */
@Injectable()
export class CreateApiKeyHandler {
  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly keys: ApiKeyRepository,
    private readonly clients: ClientRepository,
    @Inject(SERVICE_CLOCK) private readonly clock: Clock,
  ) {}

  async execute(command: CreateApiKey): Promise<CreatedApiKey> {
    const now = this.clock.now();
    const secret = newApiKeySecret();
    const key = ApiKey.issue({ ...command, secretHash: apiKeySecretHash(secret) }, now);
    await this.unitOfWork.run(async () => {
      if (command.clientId !== null && (await this.clients.findById(command.clientId)) === null) {
        throw new DomainRejection('invalid', 'api_key.unknown_client', `there is no client ${command.clientId}`, 'client_id');
      }
      await this.keys.add(key);
    });
    return { key: key.snapshot(), text: apiKeyText(key.id, secret) };
  }
}
