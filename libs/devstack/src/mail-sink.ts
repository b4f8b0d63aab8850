import { createServer, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';

export interface CaughtMail {
  readonly from: string;
  readonly to: string[];
  readonly subject: string;
  readonly text: string;
  /** Each attachment's name, type, size and first bytes (latin1: `%PDF-` for a PDF), for people and tests to check. */
  readonly attachments: { filename: string; contentType: string; size: number; firstBytes: string }[];
  readonly receivedAt: string;
}

export interface MailSink {
  readonly smtpPort: number;
  readonly httpPort: number;
  readonly messages: CaughtMail[];
  stop(): Promise<void>;
}

/**
 * A real SMTP server that accepts every message and keeps it, with a small HTTP view
 * (GET /messages) so that people and tests can read what the system sent. Local use only:
 * no authentication, no relaying, nothing leaves the machine.
 */
export async function startMailSink(options: { smtpPort: number; httpPort: number; host?: string }): Promise<MailSink> {
  const host = options.host ?? '127.0.0.1';
  const messages: CaughtMail[] = [];
  const smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, session, callback) {
      simpleParser(stream)
        .then((mail) => {
          messages.push({
            from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
            to: session.envelope.rcptTo.map((recipient) => recipient.address),
            subject: mail.subject ?? '',
            text: mail.text ?? '',
            attachments: mail.attachments.map((attachment) => ({
              filename: attachment.filename ?? '',
              contentType: attachment.contentType,
              size: attachment.size,
              firstBytes: attachment.content.subarray(0, 8).toString('latin1'),
            })),
            receivedAt: new Date().toISOString(),
          });
          callback();
        })
        .catch((error: Error) => callback(error));
    },
  });
  await new Promise<void>((resolve, reject) => {
    smtp.once('error', reject);
    smtp.listen(options.smtpPort, host, () => resolve());
  });
  const http: Server = createServer((request, response) => {
    if (request.url?.startsWith('/messages')) {
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(JSON.stringify(messages));
      return;
    }
    response.writeHead(404).end();
  });
  await new Promise<void>((resolve) => http.listen(options.httpPort, host, () => resolve()));
  return {
    smtpPort: (smtp.server.address() as AddressInfo).port,
    httpPort: (http.address() as AddressInfo).port,
    messages,
    async stop() {
      await new Promise<void>((resolve) => smtp.close(() => resolve()));
      await new Promise<void>((resolve) => http.close(() => resolve()));
    },
  };
}
