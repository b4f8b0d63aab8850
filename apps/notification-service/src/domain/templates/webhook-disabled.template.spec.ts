import { loadEmailRenderer } from '../../infrastructure/templates/template-files.loader';
import { type WebhookDisabledNotice, webhookDisabledTemplate } from './webhook-disabled.template';

// The renderer the service builds at start-up, from the real template files.
const renderer = loadEmailRenderer();
const webhookDisabledEmail = (notice: WebhookDisabledNotice) => renderer.render(webhookDisabledTemplate, 'en', notice);

describe('The webhook-disabled email', () => {
  const notice: WebhookDisabledNotice = {
    subscriptionId: 'whs_01JM2B7D9F1H3K5M7P9R1T3V5X',
    url: 'https://erp.acme.example/hooks/billing',
    events: ['invoice.issued', 'invoice.paid'],
    failingSince: '2026-07-02T10:15:01.000Z',
    disabledAt: '2026-07-05T10:15:01.000Z',
    lastError: 'http_503',
  };

  it('names the subscription in the subject', () => {
    expect(webhookDisabledEmail(notice).subject).toBe('Webhook subscription whs_01JM2B7D9F1H3K5M7P9R1T3V5X disabled after three days of failed deliveries');
  });

  it('says what stopped, since when, why, and how to resume and replay', () => {
    const { text } = webhookDisabledEmail(notice);
    for (const expected of [
      'https://erp.acme.example/hooks/billing',
      'since 2026-07-02T10:15:01.000Z',
      'invoice.issued, invoice.paid',
      'Last error: http_503.',
      '/v1/webhook-subscriptions/whs_01JM2B7D9F1H3K5M7P9R1T3V5X/resume',
      '/v1/webhook-subscriptions/whs_01JM2B7D9F1H3K5M7P9R1T3V5X/replays',
    ]) {
      expect(text).toContain(expected);
    }
    expect(webhookDisabledEmail({ ...notice, lastError: null }).text).not.toContain('Last error');
  });

  it('shows the receiver as text in the HTML part, never as a link', () => {
    const { html } = webhookDisabledEmail(notice);
    expect(html).toContain('https://erp.acme.example/hooks/billing');
    expect(html).not.toContain('href=');
  });
});
