import { Inject, Injectable } from '@nestjs/common';
import { type Clock, UnitOfWork } from '@mb/kernel';
import { apiKeySecretHash, DetachedWork, newApiKeySecret, RequestRejection, SERVICE_CLOCK, SERVICE_CONFIG } from '@mb/platform';
import type { ContractServiceConfig } from '../../config';
import type { Client } from '../../domain/client/client';
import { normalizedAddress, SignInLink } from '../../domain/portal-sign-in/sign-in-link';
import { signInTokenText } from '../../domain/portal-sign-in/sign-in-token';
import { SIGN_IN_THROTTLE_WINDOW_MS, signInLinksAllowed } from '../../domain/portal-sign-in/sign-in-throttle.policy';
import { ClientRepository } from '../ports/client.repository';
import { PortalSignInMonitor } from '../ports/portal-sign-in-monitor.port';
import { SignInLinkRepository } from '../ports/sign-in-link.repository';
import { type SignInEmailLanguage, SignInLinkEmailChannel } from '../ports/sign-in-link-email.port';

export interface RequestSignInLink {
  /** The address the person typed; a link goes to it for each client it is the AP contact or approver of. */
  readonly email: string;
}

/** What one request ended with, for tests and operators: links sent, links the limit held back. */
export interface SignInLinksIssued {
  readonly sent: number;
  readonly throttled: number;
  readonly failed: number;
}

/** 503: no portal is configured (PORTAL_PUBLIC_URL), so there is nowhere a link could point. */
export function signInUnavailable(): RequestRejection {
  return new RequestRejection(503, 'portal.sign_in_unavailable', 'client portal sign-in is not configured here (PORTAL_PUBLIC_URL)');
}

/**
 * A client contact asks for a sign-in link to the client portal (issue 15 "Sign-in"). The request
 * is accepted at once and the same way whatever the address (no enumeration), and answered before
 * any client is looked up or any email sent, in detached work (no timing oracle). That work
 * issues one link per client whose AP contact or approver the address is, at most five to an
 * address per fifteen minutes (no mail bombing), and emails each; a failed email is reported and
 * left to the person to ask again.
 */
@Injectable()
export class RequestSignInLinkHandler {
  private readonly portalUrl: URL | undefined;
  private readonly linkTtlSeconds: number;

  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly clients: ClientRepository,
    private readonly links: SignInLinkRepository,
    private readonly emails: SignInLinkEmailChannel,
    private readonly monitor: PortalSignInMonitor,
    private readonly detached: DetachedWork,
    @Inject(SERVICE_CLOCK) private readonly clock: Clock,
    @Inject(SERVICE_CONFIG) config: Pick<ContractServiceConfig, 'PORTAL_PUBLIC_URL' | 'PORTAL_SIGN_IN_LINK_TTL_SECONDS'>,
  ) {
    this.portalUrl = config.PORTAL_PUBLIC_URL;
    this.linkTtlSeconds = config.PORTAL_SIGN_IN_LINK_TTL_SECONDS;
  }

  /** Accepts the request and returns; the links are issued and sent after (issueAndSend). 503 without a portal. */
  accept(command: RequestSignInLink): void {
    if (this.portalUrl === undefined) throw signInUnavailable();
    this.detached.start('portal sign-in links', async () => {
      await this.issueAndSend(command);
    });
  }

  /** Issues the links the address may have now, one unit of work, then emails each. */
  async issueAndSend(command: RequestSignInLink): Promise<SignInLinksIssued> {
    const portalUrl = this.portalUrl;
    if (portalUrl === undefined) throw signInUnavailable();
    const address = normalizedAddress(command.email);
    const now = this.clock.now();
    const { issued, heldBack, issuedWithinWindow } = await this.unitOfWork.run(async () => {
      const clients = await this.clients.findByContactEmail(address);
      if (clients.length === 0) return { issued: [], heldBack: [], issuedWithinWindow: 0 };
      await this.links.holdAddress(address);
      const issuedWithinWindow = await this.links.countIssuedTo(address, new Date(now.getTime() - SIGN_IN_THROTTLE_WINDOW_MS));
      const allowed = signInLinksAllowed(issuedWithinWindow, clients.length);
      const issued: { link: SignInLink; client: Client; secret: string }[] = [];
      for (const client of clients.slice(0, allowed)) {
        const secret = newApiKeySecret();
        const link = SignInLink.issue({ clientId: client.id, email: address, secretHash: apiKeySecretHash(secret), ttlSeconds: this.linkTtlSeconds }, now);
        await this.links.add(link);
        issued.push({ link, client, secret });
      }
      return { issued, heldBack: clients.slice(allowed), issuedWithinWindow };
    });
    if (heldBack.length > 0) this.monitor.throttled({ clientIds: heldBack.map((client) => client.id), issuedWithinWindow });
    let failed = 0;
    for (const { link, client, secret } of issued) {
      const outcome = await this.emails.send({
        to: contactAddressOf(client, address),
        clientName: client.name,
        language: languageOf(client),
        url: signInUrl(portalUrl, signInTokenText(link.id, secret)),
        validForSeconds: this.linkTtlSeconds,
      });
      if (!outcome.sent) {
        failed += 1;
        this.monitor.sendFailed({ linkId: link.id, clientId: client.id, reason: outcome.reason });
      }
    }
    return { sent: issued.length - failed, throttled: heldBack.length, failed };
  }
}

/** `${base}/sign-in?token=…`, keeping a path the base has (a portal behind a prefix). */
export function signInUrl(base: URL, token: string): string {
  const url = new URL('sign-in', base.href.endsWith('/') ? base.href : `${base.href}/`);
  url.searchParams.set('token', token);
  return url.href;
}

/** The client's own spelling of the contact address that matched (the same mailbox, whatever its case). */
function contactAddressOf(client: Client, address: string): string {
  return client.apContactEmail.toLowerCase() === address ? client.apContactEmail : (client.approverEmail ?? address);
}

function languageOf(client: Client): SignInEmailLanguage {
  return client.snapshot().language === 'de' ? 'de' : 'en';
}
