import type { DeliveryChannel } from './delivery-status';

/**
 * A recipient as events about deliveries name it, where every consumer of the topic reads it: an
 * email address keeps its domain and the first character of its local part (`j***@acme.example`);
 * a webhook URL keeps its origin, since paths and queries often carry the receiver's tokens.
 */
export function redactedRecipient(channel: DeliveryChannel, recipient: string): string {
  if (channel === 'webhook') return originOf(recipient);
  const at = recipient.lastIndexOf('@');
  if (at <= 0) return '***';
  return `${recipient[0]}***${recipient.slice(at)}`;
}

/** A URL's scheme, host and port: `https://erp.acme.example`. */
export function originOf(url: string): string {
  try {
    return new URL(url).origin;
  } catch {
    return '***';
  }
}
