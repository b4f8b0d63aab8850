import { WebhookSubscription } from './webhook-subscription';

describe('A webhook subscription', () => {
  const now = new Date('2026-06-01T09:00:00Z');

  it('names each event once and says which events it subscribes to', () => {
    // given a subscription naming invoice.paid twice
    const subscription = WebhookSubscription.subscribe({ id: 'whs_1', url: 'https://erp.example/hooks', events: ['invoice.paid', 'invoice.paid', 'invoice.issued'], now });
    // then it keeps each event once and answers for them only
    expect(subscription.snapshot().events).toEqual(['invoice.paid', 'invoice.issued']);
    expect(subscription.subscribesTo('invoice.paid')).toBe(true);
    expect(subscription.subscribesTo('invoice.overdue')).toBe(false);
  });

  it("receives a client's events only when scoped to that client, and none that name no client", () => {
    // given a subscription to every client's invoice.paid, and one scoped to client A's
    const everyone = WebhookSubscription.subscribe({ id: 'whs_1', url: 'https://erp.example/hooks', events: ['invoice.paid'], now });
    const clientA = WebhookSubscription.subscribe({ id: 'whs_2', url: 'https://a.example/hooks', events: ['invoice.paid'], clientId: 'cli_A', now });
    const paidFor = (clientId?: string) => ({ event: 'invoice.paid', data: clientId ? { client_id: clientId } : {} });
    // then the unscoped one hears of all, the scoped one of its client's only
    expect([everyone.receives(paidFor('cli_A')), everyone.receives(paidFor('cli_B')), everyone.receives(paidFor())]).toEqual([true, true, true]);
    expect([clientA.receives(paidFor('cli_A')), clientA.receives(paidFor('cli_B')), clientA.receives(paidFor())]).toEqual([true, false, false]);
    expect(clientA.receives({ event: 'invoice.issued', data: { client_id: 'cli_A' } })).toBe(false);
  });

  it('is restored from its snapshot as it was', () => {
    const subscription = WebhookSubscription.subscribe({ id: 'whs_1', url: 'https://erp.example/hooks', events: ['invoice.paid'], now, secret: 'whsec_c2VjcmV0' });
    const restored = WebhookSubscription.restore(subscription.snapshot());
    expect(restored.snapshot()).toEqual({ id: 'whs_1', url: 'https://erp.example/hooks', events: ['invoice.paid'], secret: 'whsec_c2VjcmV0', clientId: null, createdAt: now });
    expect(restored.secret).toBe('whsec_c2VjcmV0');
  });

  it.each([
    ['http://erp.example/hooks', 'refused', 'webhook_subscription.https_required'],
    ['ftp://erp.example/hooks', 'allowed', 'webhook_subscription.https_required'],
    ['https://user:password@erp.example/hooks', 'refused', 'webhook_subscription.invalid_url'],
    ['not a url', 'refused', 'webhook_subscription.invalid_url'],
  ] as const)('refuses %s when plain http is %s, naming the url and the rule', (url, plainHttp, code) => {
    // when a subscription is made with the URL, then it is refused with the rule, naming the url field
    expect(() => WebhookSubscription.subscribe({ id: 'whs_1', url, events: ['invoice.paid'], now, plainHttp })).toThrow(expect.objectContaining({ code, field: 'url' }));
  });

  it('accepts an http URL only where plain http is allowed (local development)', () => {
    // given an http URL, when plain http is allowed, then it is accepted
    expect(WebhookSubscription.subscribe({ id: 'whs_1', url: 'http://127.0.0.1:8080/hooks', events: ['invoice.paid'], now, plainHttp: 'allowed' }).url).toBe('http://127.0.0.1:8080/hooks');
    // and by default it is not
    expect(() => WebhookSubscription.subscribe({ id: 'whs_1', url: 'http://127.0.0.1:8080/hooks', events: ['invoice.paid'], now })).toThrow(expect.objectContaining({ code: 'webhook_subscription.https_required' }));
  });

  it('rotates its signing secret to a new one, keeping everything else', () => {
    // given a subscription with a secret
    const subscription = WebhookSubscription.subscribe({ id: 'whs_1', url: 'https://erp.example/hooks', events: ['invoice.paid'], now, secret: 'whsec_c2VjcmV0' });
    // when its secret is rotated
    const issued = subscription.rotateSecret();
    // then it signs with the new secret, a fresh Standard Webhooks one, and nothing else changed
    expect(issued).toMatch(/^whsec_/);
    expect(issued).not.toBe('whsec_c2VjcmV0');
    expect(subscription.snapshot()).toEqual({ id: 'whs_1', url: 'https://erp.example/hooks', events: ['invoice.paid'], secret: issued, clientId: null, createdAt: now });
  });
});
