import { type CanActivate, type ExecutionContext, Inject, Injectable } from '@nestjs/common';
import { createHmac, timingSafeEqual } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import type { Logger } from '@mb/observability';
import { rememberCaller, RequestRejection, SERVICE_CONFIG, SERVICE_LOGGER } from '@mb/platform';
import type { MilestoneServiceConfig } from '../../config';

/** Stable codes of a webhook delivery refused before anything runs. */
export const INBOUND_SIGNATURE_ERRORS = {
  notConfigured: 'inbound.not_configured',
  signatureMissing: 'inbound.signature_missing',
  signatureInvalid: 'inbound.signature_invalid',
} as const;

type RequestWithRawBody = FastifyRequest & { rawBody?: Buffer };

function headerOf(request: FastifyRequest, name: string): string | undefined {
  const value = request.headers[name];
  return typeof value === 'string' && value !== '' ? value : undefined;
}

/**
 * Lets a webhook delivery through only when its signature is the sender's over the raw body, with
 * the secret configured for that sender: missing or wrong is a 401 problem, logged with the
 * delivery's id and event (never the secret or the signature), and nothing runs. The sender then
 * stands as the request's caller (`webhook:github`, no role), so the audit log names it. An
 * endpoint whose secret is `none` answers 503.
 */
abstract class InboundSignatureGuard implements CanActivate {
  protected abstract readonly provider: 'github' | 'jira';
  protected abstract readonly signatureHeader: string;
  protected abstract readonly deliveryHeader: string;
  protected abstract readonly secretVariable: 'MB_GITHUB_WEBHOOK_SECRET' | 'MB_JIRA_WEBHOOK_SECRET';
  protected abstract verify(secret: string, rawBody: Buffer, signature: string): Promise<boolean>;

  constructor(
    private readonly config: MilestoneServiceConfig,
    private readonly logger: Logger,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<RequestWithRawBody>();
    const secret = this.config[this.secretVariable];
    if (secret === undefined) {
      throw new RequestRejection(503, INBOUND_SIGNATURE_ERRORS.notConfigured, `${this.provider} webhooks are turned off here (${this.secretVariable}=none)`);
    }
    const signature = headerOf(request, this.signatureHeader);
    const delivery = { provider: this.provider, delivery_id: headerOf(request, this.deliveryHeader) ?? null, address: request.ip };
    if (signature === undefined) {
      this.logger.warn(delivery, 'inbound webhook refused: no signature');
      throw new RequestRejection(401, INBOUND_SIGNATURE_ERRORS.signatureMissing, `a ${this.provider} delivery must be signed (${this.signatureHeader})`);
    }
    if (request.rawBody === undefined || !(await this.verify(secret, request.rawBody, signature))) {
      this.logger.warn(delivery, 'inbound webhook refused: the signature does not match the body');
      throw new RequestRejection(401, INBOUND_SIGNATURE_ERRORS.signatureInvalid, `the ${this.signatureHeader} signature does not match the body and the configured secret`);
    }
    rememberCaller(request, { subject: `webhook:${this.provider}`, roles: [], clientId: null });
    return true;
  }
}

let webhookMethods: Promise<typeof import('@octokit/webhooks-methods')> | undefined;

/**
 * @octokit/webhooks-methods is an ES module whose package exports only an `import` entry, which
 * require() (the services are CommonJS) cannot resolve: it is loaded with import(), once, and
 * .swcrc keeps dynamic imports as they are (`ignoreDynamic`).
 */
function octokitWebhookMethods(): Promise<typeof import('@octokit/webhooks-methods')> {
  webhookMethods ??= import('@octokit/webhooks-methods');
  return webhookMethods;
}

/** GitHub: `X-Hub-Signature-256: sha256=<hex>`, verified by @octokit/webhooks-methods over the raw body. */
@Injectable()
export class GitHubSignatureGuard extends InboundSignatureGuard {
  protected readonly provider = 'github';
  protected readonly signatureHeader = 'x-hub-signature-256';
  protected readonly deliveryHeader = 'x-github-delivery';
  protected readonly secretVariable = 'MB_GITHUB_WEBHOOK_SECRET';

  constructor(@Inject(SERVICE_CONFIG) config: MilestoneServiceConfig, @Inject(SERVICE_LOGGER) logger: Logger) {
    super(config, logger);
  }

  protected async verify(secret: string, rawBody: Buffer, signature: string): Promise<boolean> {
    const { verify } = await octokitWebhookMethods();
    // verify() throws on a malformed header rather than answering false.
    return verify(secret, rawBody.toString('utf8'), signature).catch(() => false);
  }
}

/** Jira Cloud: `X-Hub-Signature: sha256=<hex>`, an HMAC-SHA256 of the raw body (isJiraSignatureOf below). */
@Injectable()
export class JiraSignatureGuard extends InboundSignatureGuard {
  protected readonly provider = 'jira';
  protected readonly signatureHeader = 'x-hub-signature';
  protected readonly deliveryHeader = 'x-atlassian-webhook-identifier';
  protected readonly secretVariable = 'MB_JIRA_WEBHOOK_SECRET';

  constructor(@Inject(SERVICE_CONFIG) config: MilestoneServiceConfig, @Inject(SERVICE_LOGGER) logger: Logger) {
    super(config, logger);
  }

  protected async verify(secret: string, rawBody: Buffer, signature: string): Promise<boolean> {
    return isJiraSignatureOf(secret, rawBody, signature);
  }
}

/**
 * Whether `X-Hub-Signature` is Jira's signature of these exact bytes: Jira Cloud admin webhooks
 * with a secret send `sha256=<hex HMAC-SHA256 of the raw body, keyed with the secret>` (the WebSub
 * "method=signature" form). Compared in constant time, so the answer's timing tells nothing of
 * how much of a forged signature was right.
 */
export function isJiraSignatureOf(secret: string, rawBody: Buffer, header: string): boolean {
  const match = /^sha256=([0-9a-f]{64})$/i.exec(header.trim());
  if (match === null) return false;
  const expected = createHmac('sha256', secret).update(rawBody).digest();
  return timingSafeEqual(expected, Buffer.from(match[1], 'hex'));
}

/** The header Jira would send for this body, for tests and for documentation of the scheme. */
export function jiraSignatureOf(secret: string, rawBody: Buffer | string): string {
  return `sha256=${createHmac('sha256', secret).update(rawBody).digest('hex')}`;
}
