import type { EmailContent } from '../delivery/delivery';

export interface WebhookDisabledNotice {
  readonly subscriptionId: string;
  readonly url: string;
  readonly events: readonly string[];
  /** The first failed attempt of the streak: nothing was accepted since. */
  readonly failingSince: string;
  readonly disabledAt: string;
  /** The last attempt's neutral reason (`http_503`, `timeout`), when one is known. */
  readonly lastError: string | null;
}

/**
 * Told to a subscription's owner when it is disabled after three days of failed deliveries: what
 * stopped, since when, and how to bring it back (fix the receiver, resume, replay what was missed).
 */
export function webhookDisabledEmail(notice: WebhookDisabledNotice): EmailContent {
  const lines = [
    'Hello,',
    '',
    `Your webhook subscription ${notice.subscriptionId} to ${notice.url} has been disabled: none of its deliveries has been accepted since ${notice.failingSince}.`,
    `Events it received: ${notice.events.join(', ')}.`,
    ...(notice.lastError ? [`Last error: ${notice.lastError}.`] : []),
    '',
    'Deliveries still waiting were cancelled, and no new ones are made while it is disabled.',
    'Once your receiver answers again, resume the subscription (POST /v1/webhook-subscriptions/' + notice.subscriptionId + '/resume),',
    'then replay the events you missed (POST /v1/webhook-subscriptions/' + notice.subscriptionId + '/replays with from and to).',
  ];
  return {
    subject: `Webhook subscription ${notice.subscriptionId} disabled after three days of failed deliveries`,
    text: lines.join('\n'),
  };
}
