import { Inject, Injectable } from '@nestjs/common';
import { type Clock, DomainRejection, UnitOfWork } from '@mb/kernel';
import { SERVICE_CLOCK } from '@mb/platform';
import { ApiKeyRepository } from '../ports/api-key.repository';

export interface EndPortalSession {
  /** The API key the caller is authenticated with; undefined for an access token (JWT). */
  readonly apiKeyId: string | undefined;
}

/** 409: the caller is authenticated with an access token or a key an admin made, not a portal session. */
function notASession(): DomainRejection {
  return new DomainRejection('conflict', 'portal.not_a_session', 'this request is not authenticated with a client portal session');
}

/** Signs out of the client portal: the session's key is revoked (refused by the other services within API_KEY_CACHE_SECONDS). */
@Injectable()
export class EndPortalSessionHandler {
  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly keys: ApiKeyRepository,
    @Inject(SERVICE_CLOCK) private readonly clock: Clock,
  ) {}

  async execute(command: EndPortalSession): Promise<void> {
    const { apiKeyId } = command;
    if (apiKeyId === undefined) throw notASession();
    const now = this.clock.now();
    await this.unitOfWork.run(async () => {
      const key = await this.keys.findById(apiKeyId);
      if (key === null) throw new Error(`the caller's API key ${apiKeyId} is gone`);
      key.endPortalSession(now);
      await this.keys.saveRevocation(key);
    });
  }
}
