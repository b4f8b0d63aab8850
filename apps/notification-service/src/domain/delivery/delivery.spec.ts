import { Delivery, IllegalDeliveryTransitionError } from './delivery';
import { retryPolicy, THREE_DAYS_MS } from './retry-policy';

const start = new Date('2026-06-01T00:00:00Z');
const policy = retryPolicy(5000);
const later = (ms: number) => new Date(start.getTime() + ms);

function aWebhookDelivery(): Delivery {
  return Delivery.plan({
    id: 'dlv_1',
    eventId: 'evt_1',
    eventName: 'invoice.issued',
    channel: 'webhook',
    recipient: 'https://erp.example/hooks',
    payload: { subscriptionId: 'whs_1', body: '{}' },
    now: start,
  });
}

describe('A delivery', () => {
  it('is due at once when planned', () => {
    expect(aWebhookDelivery().snapshot()).toMatchObject({ status: 'pending', attempts: 0, nextAttemptAt: start });
  });

  it('retries with a doubling wait, then is sent on the third attempt', () => {
    // given a delivery whose first two attempts fail with 500
    const delivery = aWebhookDelivery();
    const first = delivery.recordFailure(start, { error: 'HTTP 500', statusCode: 500 }, policy);
    const afterFirst = delivery.snapshot().nextAttemptAt;
    const second = delivery.recordFailure(later(5000), { error: 'HTTP 500', statusCode: 500 }, policy);
    const afterSecond = delivery.snapshot().nextAttemptAt;
    // when the third succeeds
    const third = delivery.recordSuccess(later(15000), 200);
    // then each attempt is numbered and logged, and the waits were 5 s then 10 s
    expect([first, second, third].map((attempt) => [attempt.attemptNumber, attempt.outcome, attempt.statusCode])).toEqual([
      [1, 'failed', 500],
      [2, 'failed', 500],
      [3, 'sent', 200],
    ]);
    expect(afterFirst).toEqual(later(5000));
    expect(afterSecond).toEqual(later(15000));
    expect(delivery.snapshot()).toMatchObject({ status: 'sent', attempts: 3, sentAt: later(15000), nextAttemptAt: null, firstAttemptAt: start });
  });

  it('is abandoned when still failing at the end of the three-day window', () => {
    // given a delivery failing for almost three days
    const delivery = aWebhookDelivery();
    delivery.recordFailure(start, { error: 'HTTP 503' }, policy);
    // when it fails again with the window about to close
    delivery.recordFailure(later(THREE_DAYS_MS - 1000), { error: 'HTTP 503' }, policy);
    // then it is abandoned with the last error kept
    expect(delivery.snapshot()).toMatchObject({ status: 'abandoned', attempts: 2, lastError: 'HTTP 503', nextAttemptAt: null });
  });

  it('fails for good on a permanent refusal', () => {
    const delivery = aWebhookDelivery();
    delivery.recordFailure(start, { error: '550 mailbox unavailable', statusCode: 550, permanent: true }, policy);
    expect(delivery.snapshot()).toMatchObject({ status: 'failed', attempts: 1 });
  });

  it('refuses another attempt once sent', () => {
    // given a sent delivery, when another attempt is recorded, then it is refused
    const delivery = aWebhookDelivery();
    delivery.recordSuccess(start);
    expect(() => delivery.recordSuccess(later(1))).toThrow(IllegalDeliveryTransitionError);
    expect(() => delivery.recordFailure(later(1), { error: 'x' }, policy)).toThrow(IllegalDeliveryTransitionError);
  });

  it('is sent when a send in flight as it was held or cancelled is accepted', () => {
    // given deliveries held and cancelled while their first sends were in flight
    const held = aWebhookDelivery();
    held.hold();
    const cancelled = aWebhookDelivery();
    cancelled.cancel('subscription_disabled');
    // when the receiver accepts those sends, then both are sent: they reached it
    held.recordSuccess(later(100), 200);
    cancelled.recordSuccess(later(100), 200);
    expect(held.snapshot()).toMatchObject({ status: 'sent', attempts: 1, sentAt: later(100) });
    expect(cancelled.snapshot()).toMatchObject({ status: 'sent', attempts: 1, sentAt: later(100), lastError: null });
  });

  it('keeps a held or cancelled delivery as it is when the send in flight fails, logging the attempt', () => {
    // given deliveries held and cancelled while their first sends were in flight
    const held = aWebhookDelivery();
    held.hold();
    const cancelled = aWebhookDelivery();
    cancelled.cancel('subscription_disabled');
    // when those sends fail
    const attempt = held.recordFailure(later(100), { error: 'HTTP 503', statusCode: 503 }, policy);
    cancelled.recordFailure(later(100), { error: 'HTTP 503', statusCode: 503 }, policy);
    // then each keeps its status with no next attempt (a held one is tried again when released)
    expect(attempt).toMatchObject({ outcome: 'failed', attemptNumber: 1, statusCode: 503 });
    expect(held.snapshot()).toMatchObject({ status: 'held', attempts: 1, nextAttemptAt: null, lastError: 'HTTP 503' });
    expect(cancelled.snapshot()).toMatchObject({ status: 'cancelled', attempts: 1, nextAttemptAt: null, lastError: 'subscription_disabled' });
  });
});
