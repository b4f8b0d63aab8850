import { Inject, Injectable, OnApplicationShutdown } from '@nestjs/common';
import { SERVICE_CONFIG, SmtpMailer } from '@mb/platform';
import type { NotificationServiceConfig } from '../../config';
import { EmailChannel, type EmailMessage, SendOutcome } from '../../application/ports/channels.port';

/**
 * Email over SMTP, through the platform's mailer (SMTP_URL, MAIL_FROM): the attempts log keeps its
 * neutral reasons. Its connections are pooled, as many as the dispatcher sends to one endpoint at once.
 */
@Injectable()
export class SmtpEmailChannel implements EmailChannel, OnApplicationShutdown {
  private readonly mailer: SmtpMailer;

  constructor(@Inject(SERVICE_CONFIG) config: NotificationServiceConfig) {
    this.mailer = new SmtpMailer(config, { maxConnections: config.DELIVERY_CONCURRENCY_PER_ENDPOINT });
  }

  send(message: EmailMessage): Promise<SendOutcome> {
    return this.mailer.send(message);
  }

  onApplicationShutdown(): void {
    this.mailer.close();
  }
}
