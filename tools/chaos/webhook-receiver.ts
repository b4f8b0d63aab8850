import { createServer, type Server } from 'node:http';

/** One webhook delivery as the receiver got it. */
export interface ReceivedWebhook {
  /** Standard Webhooks' `webhook-id`: the event's id, the same on every retry of one delivery. */
  readonly webhookId: string;
  /** The receiving path: one per subscription, so a subscription is a recipient. */
  readonly path: string;
  readonly event: string;
  readonly receivedAt: number;
}

/** A webhook receiver that answers 200 to everything and keeps what it got, for the checker to count. */
export class WebhookReceiver {
  readonly received: ReceivedWebhook[] = [];
  private server?: Server;

  constructor(readonly port: number) {}

  async start(): Promise<void> {
    this.server = createServer((request, response) => {
      let body = '';
      request.setEncoding('utf8').on('data', (chunk: string) => (body += chunk));
      request.on('end', () => {
        let event = '';
        try {
          event = String((JSON.parse(body) as { event?: string }).event ?? '');
        } catch {
          // not JSON: counted under its id all the same
        }
        this.received.push({ webhookId: String(request.headers['webhook-id'] ?? ''), path: request.url ?? '', event, receivedAt: Date.now() });
        response.writeHead(200).end();
      });
    });
    const server = this.server;
    await new Promise<void>((resolve) => server.listen(this.port, '127.0.0.1', () => resolve()));
  }

  async stop(): Promise<void> {
    const server = this.server;
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}
