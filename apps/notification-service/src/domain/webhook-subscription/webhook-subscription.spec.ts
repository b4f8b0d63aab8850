import { WebhookSubscription } from './webhook-subscription';

describe('A webhook subscription', () => {
  const now = new Date('2026-06-01T09:00:00Z');

  it('names each event once and says which events it subscribes to', () => {
    // given a subscription naming invoice.paid twice
    const subscription = WebhookSubscription.subscribe({ id: 'whs_1', url: 'http://erp.internal/hooks', events: ['invoice.paid', 'invoice.paid', 'invoice.issued'], now });
    // then it keeps each event once and answers for them only
    expect(subscription.snapshot().events).toEqual(['invoice.paid', 'invoice.issued']);
    expect(subscription.subscribesTo('invoice.paid')).toBe(true);
    expect(subscription.subscribesTo('invoice.overdue')).toBe(false);
  });

  it('is restored from its snapshot as it was', () => {
    const subscription = WebhookSubscription.subscribe({ id: 'whs_1', url: 'https://erp.example/hooks', events: ['invoice.paid'], now, secret: 'whsec_c2VjcmV0' });
    const restored = WebhookSubscription.restore(subscription.snapshot());
    expect(restored.snapshot()).toEqual({ id: 'whs_1', url: 'https://erp.example/hooks', events: ['invoice.paid'], secret: 'whsec_c2VjcmV0', createdAt: now });
    expect(restored.secret).toBe('whsec_c2VjcmV0');
  });
});
