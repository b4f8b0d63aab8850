import type { EmailContent } from '../../domain/delivery/delivery';

/** What happened when a message was handed over. */
export type SendOutcome = { ok: true; statusCode: number | null } | { ok: false; error: string; statusCode: number | null; permanent: boolean };

export abstract class EmailChannel {
  abstract send(message: { to: string; messageId: string } & EmailContent): Promise<SendOutcome>;
}

export abstract class WebhookChannel {
  abstract send(request: { url: string; headers: Record<string, string>; body: string }): Promise<SendOutcome>;
}
