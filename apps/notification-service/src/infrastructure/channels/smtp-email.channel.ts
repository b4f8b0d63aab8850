import { Inject, Injectable, OnApplicationShutdown } from '@nestjs/common';
import { createTransport, Transporter } from 'nodemailer';
import { SERVICE_CONFIG } from '@mb/platform';
import type { NotificationServiceConfig } from '../../config';
import { EmailChannel, SendOutcome } from '../../application/ports/channels.port';
import { EmailContent } from '../../domain/delivery/delivery';

/** Email over SMTP (nodemailer), to the server SMTP_URL names. */
@Injectable()
export class SmtpEmailChannel implements EmailChannel, OnApplicationShutdown {
  private readonly transport: Transporter;
  private readonly from: string;

  constructor(@Inject(SERVICE_CONFIG) config: NotificationServiceConfig) {
    this.transport = createTransport(config.SMTP_URL);
    this.from = config.MAIL_FROM;
  }

  async send(message: { to: string; messageId: string } & EmailContent): Promise<SendOutcome> {
    try {
      await this.transport.sendMail({ from: this.from, to: message.to, subject: message.subject, text: message.text, messageId: message.messageId });
      return { ok: true, statusCode: 250 };
    } catch (error) {
      const responseCode = (error as { responseCode?: number }).responseCode ?? null;
      // RFC 5321 4.2.1: 5yz replies are permanent failures; 4yz and connection errors are worth retrying.
      return { ok: false, error: (error as Error).message, statusCode: responseCode, permanent: responseCode !== null && responseCode >= 500 };
    }
  }

  onApplicationShutdown(): void {
    this.transport.close();
  }
}
