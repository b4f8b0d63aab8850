import { Inject, Injectable, OnApplicationShutdown } from '@nestjs/common';
import { createTransport, Transporter } from 'nodemailer';
import { egressFailureReasonOf, SERVICE_CONFIG } from '@mb/platform';
import type { NotificationServiceConfig } from '../../config';
import { EmailChannel, type EmailMessage, SendOutcome } from '../../application/ports/channels.port';

/** Email over SMTP (nodemailer), to the server SMTP_URL names. */
@Injectable()
export class SmtpEmailChannel implements EmailChannel, OnApplicationShutdown {
  private readonly transport: Transporter;
  private readonly from: string;

  constructor(@Inject(SERVICE_CONFIG) config: NotificationServiceConfig) {
    this.transport = createTransport(config.SMTP_URL);
    this.from = config.MAIL_FROM;
  }

  async send(message: EmailMessage): Promise<SendOutcome> {
    try {
      await this.transport.sendMail({
        from: this.from,
        to: message.to,
        subject: message.subject,
        text: message.text,
        // multipart/alternative: the plain text first, the HTML after (what mail readers prefer when they can).
        ...(message.html ? { html: message.html } : {}),
        messageId: message.messageId,
        attachments: (message.attachments ?? []).map((document) => ({ filename: document.filename, contentType: document.contentType, content: document.content })),
      });
      return { ok: true, statusCode: 250 };
    } catch (error) {
      const responseCode = (error as { responseCode?: number }).responseCode ?? null;
      // The attempts log says what happened in neutral words: an SMTP reply code, or why the
      // connection failed, never the relay's address or its reply text (our network's details).
      const reason = responseCode !== null ? `smtp_${responseCode}` : egressFailureReasonOf(error);
      // RFC 5321 4.2.1: 5yz replies are permanent failures; 4yz and connection errors are worth retrying.
      return { ok: false, error: reason, statusCode: responseCode, permanent: responseCode !== null && responseCode >= 500 };
    }
  }

  onApplicationShutdown(): void {
    this.transport.close();
  }
}
