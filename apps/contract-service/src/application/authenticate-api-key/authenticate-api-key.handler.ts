import { type Clock, UnitOfWork } from '@mb/kernel';
import { ApiKeyAuthenticator, apiKeyRefused, apiKeySecretMatches, type Caller, callerOfApiKey, parseApiKey } from '@mb/platform';
import { ApiKeyRepository } from '../ports/api-key.repository';

/**
 * contract-service's own check of a presented API key, against its table: the key must exist, be
 * neither revoked nor expired, and its secret hash to the stored one. Every refusal reads the same,
 * so a caller cannot tell an unknown id from a wrong secret, a revoked or an expired key. The use is recorded at most once
 * a minute per key, so a busy key costs a read per call, not a write.
 */
export class AuthenticateApiKeyHandler extends ApiKeyAuthenticator {
  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly keys: ApiKeyRepository,
    private readonly clock: Clock,
  ) {
    super();
  }

  async authenticate(credential: string): Promise<Caller> {
    const presented = parseApiKey(credential);
    if (presented === null) throw apiKeyRefused();
    const key = await this.keys.findById(presented.id);
    const now = this.clock.now();
    if (key === null || !key.isAcceptedAt(now) || !apiKeySecretMatches(presented.secret, key.secretHash)) throw apiKeyRefused();
    if (key.useIsWorthRecording(now)) await this.unitOfWork.run(() => this.keys.recordUse(key.id, now));
    const { id, role, clientId } = key.snapshot();
    return callerOfApiKey({ id, role, client_id: clientId });
  }
}
