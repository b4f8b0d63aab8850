/**
 * What happened when a message was handed over. `error` is what the attempts log keeps: a neutral
 * reason (`connection_refused`, `timeout`, `http_500: <start of the receiver's answer>`), never
 * our side of the network (addresses, ports, resolver errors).
 */
export type SendOutcome = { ok: true; statusCode: number | null } | { ok: false; error: string; statusCode: number | null; permanent: boolean };

/**
 * Whether a webhook URL's host may receive deliveries, as resolved now: `rule` names the address
 * range that refuses it (loopback, private, link_local, cgnat, metadata, unspecified, multicast,
 * reserved), `dns_unresolved` a name that resolves to nothing.
 */
export type DestinationVerdict = { allowed: true } | { allowed: false; reason: 'destination_refused'; rule: string } | { allowed: false; reason: 'dns_unresolved' };

/** A document ready to attach: its file name, media type and bytes. */
export interface FetchedDocument {
  readonly filename: string;
  readonly contentType: string;
  readonly content: Buffer;
}

export interface EmailMessage {
  readonly to: string;
  readonly messageId: string;
  readonly subject: string;
  readonly text: string;
  /** The HTML alternative of the text, when the email has one. */
  readonly html?: string;
  readonly attachments?: readonly FetchedDocument[];
}

export abstract class EmailChannel {
  abstract send(message: EmailMessage): Promise<SendOutcome>;
}

export abstract class WebhookChannel {
  /** Checks a URL's host at registration; `send` checks it again at every connection (DNS rebinding). */
  abstract checkDestination(url: string): Promise<DestinationVerdict>;
  abstract send(request: { url: string; headers: Record<string, string>; body: string }): Promise<SendOutcome>;
}
