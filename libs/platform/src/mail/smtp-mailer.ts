import { createTransport, type Transporter } from 'nodemailer';
import { type ConfigSchema } from '../config/config-schema';
import { text } from '../config/config-variables';
import { egressFailureReasonOf } from '../egress/guarded-request';

/**
 * The variables of a service that sends email over SMTP: the same names, meanings and defaults
 * wherever they are read (notification-service for its templates, contract-service for sign-in
 * links), so one relay is configured once for both.
 */
export function smtpConfigSchema() {
  return {
    SMTP_URL: text('SMTP server emails are sent through, smtp://[user:password@]host:port (smtps:// for implicit TLS)', 'smtp://127.0.0.1:2525'),
    MAIL_FROM: text('From address of the emails sent', 'billing@milestone-billing.local'),
  } satisfies ConfigSchema;
}

/** A document attached to an email: its file name, media type and bytes. */
export interface MailAttachment {
  readonly filename: string;
  readonly contentType: string;
  readonly content: Buffer;
}

/** One email, as handed to the relay. */
export interface OutgoingMail {
  readonly to: string;
  readonly subject: string;
  readonly text: string;
  /** The HTML alternative of the text, when the email has one. */
  readonly html?: string;
  /** The Message-ID header, when the sender keeps one (to recognise a message it sends again). */
  readonly messageId?: string;
  readonly attachments?: readonly MailAttachment[];
}

/**
 * What the relay did with a message. `error` is a neutral reason: an SMTP reply code (`smtp_550`)
 * or why the connection failed (`connection_refused`, `timeout`), never the relay's address or its
 * reply text (our network's details, and sometimes the recipient's address).
 */
export type MailOutcome = { ok: true; statusCode: number } | { ok: false; error: string; statusCode: number | null; permanent: boolean };

/** How a mailer holds its connections to the relay. */
export interface SmtpPoolOptions {
  /** Connections kept open to the relay, each sending one message at a time (nodemailer's pool). */
  readonly maxConnections: number;
  /** Messages sent over one connection before it is replaced (relays limit messages per session). */
  readonly maxMessages?: number;
}

// A relay that accepts the connection but never greets, or stalls mid-message, fails the attempt
// (retried) instead of holding a pooled connection for nodemailer's defaults (2 min, 30 s, 10 min).
const SMTP_TIMEOUTS = { connectionTimeout: 5_000, greetingTimeout: 5_000, socketTimeout: 30_000 } as const;

/**
 * Email over SMTP (nodemailer), to the server SMTP_URL names, from MAIL_FROM: over pooled
 * connections when given a pool (each send otherwise opens, greets and closes its own connection).
 */
export class SmtpMailer {
  private readonly transport: Transporter;

  constructor(
    private readonly settings: { readonly SMTP_URL: string; readonly MAIL_FROM: string },
    pool?: SmtpPoolOptions,
  ) {
    this.transport = createTransport({
      url: settings.SMTP_URL,
      ...SMTP_TIMEOUTS,
      ...(pool ? { pool: true, maxConnections: pool.maxConnections, maxMessages: pool.maxMessages ?? 100 } : {}),
    });
  }

  async send(message: OutgoingMail): Promise<MailOutcome> {
    try {
      await this.transport.sendMail({
        from: this.settings.MAIL_FROM,
        to: message.to,
        subject: message.subject,
        text: message.text,
        // multipart/alternative: the plain text first, the HTML after (what mail readers prefer when they can).
        ...(message.html ? { html: message.html } : {}),
        ...(message.messageId ? { messageId: message.messageId } : {}),
        attachments: (message.attachments ?? []).map((document) => ({ filename: document.filename, contentType: document.contentType, content: document.content })),
      });
      return { ok: true, statusCode: 250 };
    } catch (error) {
      const responseCode = (error as { responseCode?: number }).responseCode ?? null;
      const reason = responseCode !== null ? `smtp_${responseCode}` : egressFailureReasonOf(error);
      // RFC 5321 4.2.1: 5yz replies are permanent failures; 4yz and connection errors are worth retrying.
      return { ok: false, error: reason, statusCode: responseCode, permanent: responseCode !== null && responseCode >= 500 };
    }
  }

  close(): void {
    this.transport.close();
  }
}
