import { defineEmailTemplate } from './email-template';

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
export const webhookDisabledTemplate = defineEmailTemplate<WebhookDisabledNotice>({
  name: 'webhook-disabled',
  description: "A webhook subscription was disabled after three days of failed deliveries: since when, and how to resume and replay. To the subscription's owner_email.",
  sample: {
    subscriptionId: 'whs_01JM2B7D9F1H3K5M7P9R1T3V5X',
    url: 'https://erp.acme.example/hooks/billing',
    events: ['invoice.issued', 'invoice.paid'],
    failingSince: '2026-07-02T10:15:01.000Z',
    disabledAt: '2026-07-05T10:15:01.000Z',
    lastError: 'http_503',
  },
});
