import { createHmac, randomBytes } from 'node:crypto';

/**
 * Standard Webhooks signing (https://www.standardwebhooks.com, spec "Signature scheme"): the
 * signature is HMAC-SHA256 keyed with the base64-decoded part of the secret after `whsec_`, over
 * `${webhook-id}.${webhook-timestamp}.${body}`, sent as `v1,<base64>` in webhook-signature, so
 * that any Standard Webhooks library verifies our deliveries.
 */
export const SECRET_PREFIX = 'whsec_';

export interface SignedContent {
  /** webhook-id: the event id, stable across retries so a receiver can drop duplicates. */
  readonly id: string;
  /** webhook-timestamp: seconds since the Unix epoch. */
  readonly timestamp: number;
  /** The exact body sent. */
  readonly body: string;
}

/** A new subscription secret: whsec_ + base64 of 24 random bytes (the spec asks for 24 to 64). */
export function generateWebhookSecret(random: (size: number) => Buffer = randomBytes): string {
  return SECRET_PREFIX + random(24).toString('base64');
}

export function signWebhook(secret: string, content: SignedContent): string {
  const digest = createHmac('sha256', secretKey(secret)).update(`${content.id}.${content.timestamp}.${content.body}`).digest('base64');
  return `v1,${digest}`;
}

/** The headers a delivery carries. */
export function webhookHeaders(secret: string, content: SignedContent): Record<string, string> {
  return {
    'webhook-id': content.id,
    'webhook-timestamp': String(content.timestamp),
    'webhook-signature': signWebhook(secret, content),
  };
}

function secretKey(secret: string): Buffer {
  if (!secret.startsWith(SECRET_PREFIX)) throw new RangeError('a webhook secret starts with whsec_');
  return Buffer.from(secret.slice(SECRET_PREFIX.length), 'base64');
}
