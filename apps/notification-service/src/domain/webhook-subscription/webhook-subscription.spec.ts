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
    expect(restored.snapshot()).toEqual({
      id: 'whs_1',
      url: 'https://erp.example/hooks',
      events: ['invoice.paid'],
      secret: 'whsec_c2VjcmV0',
      clientId: null,
      createdAt: now,
      status: 'active',
      statusReason: null,
      statusChangedAt: null,
      ownerEmail: null,
      previousSecret: null,
      previousSecretExpiresAt: null,
      failingSince: null,
    });
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

  const HOUR_MS = 60 * 60 * 1000;
  const later = (ms: number) => new Date(now.getTime() + ms);
  const aSubscription = () => WebhookSubscription.subscribe({ id: 'whs_1', url: 'https://erp.example/hooks', events: ['invoice.paid'], now, secret: 'whsec_c2VjcmV0', ownerEmail: 'ops@erp.example' });

  it('refuses to deliver notification events by webhook: their outcomes would be delivered in turn, a loop', () => {
    expect(() => WebhookSubscription.subscribe({ id: 'whs_1', url: 'https://erp.example/hooks', events: ['invoice.paid', 'notification.failed'], now })).toThrow(
      expect.objectContaining({ code: 'webhook_subscription.not_subscribable', field: 'events' }),
    );
  });

  it('signs with the new secret and the replaced one for 24 hours after a rotation, then with the new one only', () => {
    // given a subscription with a secret
    const subscription = aSubscription();
    // when its secret is rotated
    const issued = subscription.rotateSecret(now);
    // then it is a fresh Standard Webhooks secret, and both sign until 24 hours have passed
    expect(issued).toMatch(/^whsec_/);
    expect(issued).not.toBe('whsec_c2VjcmV0');
    expect(subscription.signingSecrets(later(0))).toEqual([issued, 'whsec_c2VjcmV0']);
    expect(subscription.signingSecrets(later(24 * HOUR_MS - 1))).toEqual([issued, 'whsec_c2VjcmV0']);
    expect(subscription.signingSecrets(later(24 * HOUR_MS))).toEqual([issued]);
    // and a second rotation within the overlap keeps two secrets at most: the last two
    const third = subscription.rotateSecret(later(HOUR_MS));
    expect(subscription.signingSecrets(later(2 * HOUR_MS))).toEqual([third, issued]);
  });

  it('pauses and resumes; pausing or resuming twice changes nothing', () => {
    const subscription = aSubscription();
    subscription.pause(later(1));
    subscription.pause(later(2));
    expect(subscription.snapshot()).toMatchObject({ status: 'paused', statusReason: 'paused by its owner', statusChangedAt: later(1) });
    expect([subscription.deliversNow, subscription.holdsDeliveries]).toEqual([false, true]);
    subscription.resume(later(3));
    subscription.resume(later(4));
    expect(subscription.snapshot()).toMatchObject({ status: 'active', statusReason: null, statusChangedAt: later(3) });
    expect([subscription.deliversNow, subscription.holdsDeliveries]).toEqual([true, false]);
  });

  it('is disabled once its deliveries have failed for three days with none accepted, and enabled again by resuming', () => {
    // given a failing streak that started now
    const subscription = aSubscription();
    expect(subscription.recordFailedAttempt(now)).toBe(true);
    expect(subscription.recordFailedAttempt(later(HOUR_MS))).toBe(false);
    expect(subscription.disablesAt).toEqual(later(72 * HOUR_MS));
    // then it is not disabled a moment before three days, and is at three days
    expect(subscription.disableIfFailingTooLong(later(72 * HOUR_MS - 1))).toBe(false);
    expect(subscription.disableIfFailingTooLong(later(72 * HOUR_MS))).toBe(true);
    expect(subscription.snapshot()).toMatchObject({ status: 'disabled', statusReason: `no delivery accepted since ${now.toISOString()}` });
    expect(subscription.deliversNow).toBe(false);
    // and resuming enables it with no streak
    subscription.resume(later(80 * HOUR_MS));
    expect(subscription.snapshot()).toMatchObject({ status: 'active', failingSince: null });
  });

  it('ends a failing streak at an accepted attempt, and spares a paused subscription', () => {
    const subscription = aSubscription();
    subscription.recordFailedAttempt(now);
    subscription.recordAcceptedAttempt();
    expect(subscription.disableIfFailingTooLong(later(100 * HOUR_MS))).toBe(false);
    subscription.recordFailedAttempt(later(HOUR_MS));
    subscription.pause(later(2 * HOUR_MS));
    expect(subscription.disableIfFailingTooLong(later(100 * HOUR_MS))).toBe(false);
    expect(subscription.status).toBe('paused');
  });

  it('is deleted from any state but deleted, and then refuses every change', () => {
    for (const prepare of [(s: WebhookSubscription) => s, (s: WebhookSubscription) => s.pause(now), (s: WebhookSubscription) => (s.recordFailedAttempt(now), s.disableIfFailingTooLong(later(72 * HOUR_MS)))]) {
      const subscription = aSubscription();
      prepare(subscription);
      subscription.delete(later(73 * HOUR_MS));
      expect(subscription.status).toBe('deleted');
      for (const change of [() => subscription.pause(now), () => subscription.resume(now), () => subscription.delete(now), () => subscription.rotateSecret(now)]) {
        expect(change).toThrow(expect.objectContaining({ code: 'webhook_subscription.deleted', kind: 'conflict' }));
      }
    }
  });

  it('refuses to pause a disabled subscription: resuming is how it comes back', () => {
    const subscription = aSubscription();
    subscription.recordFailedAttempt(now);
    subscription.disableIfFailingTooLong(later(72 * HOUR_MS));
    expect(() => subscription.pause(later(73 * HOUR_MS))).toThrow(expect.objectContaining({ code: 'webhook_subscription.cannot_pause' }));
  });
});
