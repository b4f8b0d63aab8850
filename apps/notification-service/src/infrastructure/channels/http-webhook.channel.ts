import { Injectable } from '@nestjs/common';
import { SendOutcome, WebhookChannel } from '../../application/ports/channels.port';

const REQUEST_TIMEOUT_MS = 15_000;

/** Posts a signed webhook; any 2xx is success, anything else is retried (Standard Webhooks). */
@Injectable()
export class HttpWebhookChannel implements WebhookChannel {
  async send(request: { url: string; headers: Record<string, string>; body: string }): Promise<SendOutcome> {
    try {
      const response = await fetch(request.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'user-agent': 'milestone-billing-webhooks/1', ...request.headers },
        body: request.body,
        redirect: 'manual',
        signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
      });
      await response.body?.cancel();
      if (response.status >= 200 && response.status < 300) return { ok: true, statusCode: response.status };
      return { ok: false, error: `HTTP ${response.status}`, statusCode: response.status, permanent: false };
    } catch (error) {
      return { ok: false, error: (error as Error).message, statusCode: null, permanent: false };
    }
  }
}
