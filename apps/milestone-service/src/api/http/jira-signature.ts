import { createHmac, timingSafeEqual } from 'node:crypto';

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
