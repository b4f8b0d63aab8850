import { Inject, Injectable } from '@nestjs/common';
import { EgressPolicy, egressFailureReasonOf, guardedPost, hostOf, type HostResolver, SERVICE_CONFIG, verdictOnHost } from '@mb/platform';
import type { NotificationServiceConfig } from '../../config';
import { DestinationVerdict, SendOutcome, WebhookChannel } from '../../application/ports/channels.port';

/** How much of a receiver's answer the attempts log keeps after the status. */
export const RECEIVER_TEXT_KEPT = 200;

/** The resolver webhook hosts are resolved with: the system's (NotificationModule.forRoot), or a test's table. */
export const WEBHOOK_HOST_RESOLVER = Symbol('WEBHOOK_HOST_RESOLVER');

/**
 * Posts a signed webhook; any 2xx is success, anything else is retried (Standard Webhooks), a
 * refused destination is not (it fails the delivery). The destination is checked against the
 * egress policy when the subscription is made and again when each connection is opened, on the
 * address the socket then connects to; redirects are not followed.
 */
@Injectable()
export class HttpWebhookChannel implements WebhookChannel {
  private readonly policy: EgressPolicy;
  private readonly timeouts: { timeoutMs: number; connectTimeoutMs: number };

  constructor(
    @Inject(SERVICE_CONFIG) config: Pick<NotificationServiceConfig, 'WEBHOOK_EGRESS_ALLOWED_CIDRS'> & Partial<Pick<NotificationServiceConfig, 'WEBHOOK_TIMEOUT_MS' | 'WEBHOOK_CONNECT_TIMEOUT_MS'>>,
    @Inject(WEBHOOK_HOST_RESOLVER) private readonly resolver: HostResolver,
  ) {
    this.policy = new EgressPolicy(config.WEBHOOK_EGRESS_ALLOWED_CIDRS);
    // A receiver that never answers holds one of its endpoint's slots for this long at most.
    this.timeouts = { timeoutMs: config.WEBHOOK_TIMEOUT_MS ?? 10_000, connectTimeoutMs: config.WEBHOOK_CONNECT_TIMEOUT_MS ?? 3_000 };
  }

  async checkDestination(url: string): Promise<DestinationVerdict> {
    const verdict = await verdictOnHost(hostOf(new URL(url)), this.resolver, this.policy);
    if (verdict.allowed) return { allowed: true };
    return verdict.reason === 'destination_refused' ? { allowed: false, reason: verdict.reason, rule: verdict.rule } : { allowed: false, reason: verdict.reason };
  }

  async send(request: { url: string; headers: Record<string, string>; body: string }): Promise<SendOutcome> {
    try {
      const answer = await guardedPost(
        {
          url: request.url,
          headers: { 'content-type': 'application/json', 'user-agent': 'milestone-billing-webhooks/1', ...request.headers },
          body: request.body,
          ...this.timeouts,
        },
        this.resolver,
        this.policy,
      );
      if (answer.status >= 200 && answer.status < 300) return { ok: true, statusCode: answer.status };
      return { ok: false, error: answerText(answer.status, answer.bodyStart), statusCode: answer.status, permanent: false };
    } catch (error) {
      const reason = egressFailureReasonOf(error);
      return { ok: false, error: reason, statusCode: null, permanent: reason === 'destination_refused' };
    }
  }
}

/** `http_503`, then the start of what the receiver said, on one line, for whoever reads the log. */
function answerText(status: number, body: string): string {
  // eslint-disable-next-line no-control-regex
  const said = body.replace(/[\u0000-\u001f\u007f]+/g, ' ').trim();
  if (!said) return `http_${status}`;
  return `http_${status}: ${said.length > RECEIVER_TEXT_KEPT ? `${said.slice(0, RECEIVER_TEXT_KEPT)}…` : said}`;
}
