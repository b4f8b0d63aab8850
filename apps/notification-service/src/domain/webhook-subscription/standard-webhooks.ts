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

/**
 * The headers a delivery carries, signed with each secret given: during a rotation's overlap the
 * new and the old one, space-separated (spec "Signature scheme": a receiver accepts the message
 * when any signature verifies), so a receiver holding either accepts it.
 */
export function webhookHeaders(secrets: string | readonly string[], content: SignedContent): Record<string, string> {
  const signing = typeof secrets === 'string' ? [secrets] : secrets;
  if (signing.length === 0) throw new RangeError('a delivery is signed with at least one secret');
  return {
    'webhook-id': content.id,
    'webhook-timestamp': String(content.timestamp),
    'webhook-signature': signing.map((secret) => signWebhook(secret, content)).join(' '),
  };
}

function secretKey(secret: string): Buffer {
  if (!secret.startsWith(SECRET_PREFIX)) throw new RangeError('a webhook secret starts with whsec_');
  return Buffer.from(secret.slice(SECRET_PREFIX.length), 'base64');
}
