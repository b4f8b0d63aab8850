import { Inject, Injectable } from '@nestjs/common';
import { type Clock, DomainRejection, UnitOfWork } from '@mb/kernel';
import { apiKeySecretHash, apiKeySecretMatches, apiKeyText, newApiKeySecret, RequestRejection, SERVICE_CLOCK, SERVICE_CONFIG } from '@mb/platform';
import type { ContractServiceConfig } from '../../config';
import type { ApiKeySnapshot } from '../../domain/api-key/api-key';
import type { ClientSnapshot } from '../../domain/client/client';
import { parseSignInToken } from '../../domain/portal-sign-in/sign-in-token';
import { ApiKeyRepository } from '../ports/api-key.repository';
import { ClientRepository } from '../ports/client.repository';
import { SignInLinkRepository } from '../ports/sign-in-link.repository';

export interface OpenPortalSession {
  /** The token of the emailed link, `mbl_psl_<ULID>_<secret>`. */
  readonly signInToken: string;
}

/** The session as opened: its key, its text (the one time it is seen), whose client and for whom. */
export interface OpenedPortalSession {
  readonly session: ApiKeySnapshot;
  readonly token: string;
  readonly client: ClientSnapshot;
  readonly email: string;
}

/** 401, the same for an unknown, malformed, used or expired token, and a wrong secret: nothing to tell them apart. */
export function signInLinkInvalid(): RequestRejection {
  return new RequestRejection(401, 'portal.sign_in_link_invalid', 'this sign-in link is not valid (unknown, used or expired): ask for a new one');
}

/**
 * Redeems a sign-in link (issue 15 "Sign-in"): in one unit of work the link is used up (one
 * conditional UPDATE decides between two redemptions at once) and a portal session opened: a
 * client-role API key for the link's client, expiring after PORTAL_SESSION_TTL_SECONDS. The
 * secret is compared in constant time, and a wrong one burns nothing (the unit of work rolls back).
 */
@Injectable()
export class OpenPortalSessionHandler {
  private readonly sessionTtlSeconds: number;

  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly links: SignInLinkRepository,
    private readonly keys: ApiKeyRepository,
    private readonly clients: ClientRepository,
    @Inject(SERVICE_CLOCK) private readonly clock: Clock,
    @Inject(SERVICE_CONFIG) config: Pick<ContractServiceConfig, 'PORTAL_SESSION_TTL_SECONDS'>,
  ) {
    this.sessionTtlSeconds = config.PORTAL_SESSION_TTL_SECONDS;
  }

  async execute(command: OpenPortalSession): Promise<OpenedPortalSession> {
    const presented = parseSignInToken(command.signInToken);
    if (presented === null) throw signInLinkInvalid();
    const now = this.clock.now();
    const secret = newApiKeySecret();
    return this.unitOfWork.run(async () => {
      const link = await this.links.findById(presented.linkId);
      if (link === null || !apiKeySecretMatches(presented.secret, link.secretHash)) throw signInLinkInvalid();
      const session = redeemed(() => link.redeem({ sessionSecretHash: apiKeySecretHash(secret), sessionTtlSeconds: this.sessionTtlSeconds }, now));
      if (!(await this.links.saveRedemption(link))) throw signInLinkInvalid();
      const { clientId, email } = link.snapshot();
      const client = await this.clients.findById(clientId);
      if (client === null) throw new Error(`sign-in link ${link.id} names client ${clientId}, which does not exist`);
      await this.keys.add(session);
      return { session: session.snapshot(), token: apiKeyText(session.id, secret), client: client.snapshot(), email };
    });
  }
}

/** A used or expired link is refused as an unknown one is. */
function redeemed<T>(redeem: () => T): T {
  try {
    return redeem();
  } catch (error) {
    if (error instanceof DomainRejection) throw signInLinkInvalid();
    throw error;
  }
}
