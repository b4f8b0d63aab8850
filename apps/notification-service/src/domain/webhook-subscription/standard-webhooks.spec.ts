import { createHmac, timingSafeEqual } from 'node:crypto';
import { Webhook } from 'standardwebhooks';
import { generateWebhookSecret, signWebhook, webhookHeaders } from './standard-webhooks';

/**
 * A receiver's check, written from the Standard Webhooks specification and independent of the
 * signing code under test: HMAC-SHA256 keyed with the base64 part of the secret after whsec_, over
 * `${webhook-id}.${webhook-timestamp}.${body}`; any of the space-separated `v1,<base64>` entries of
 * webhook-signature may match.
 */
function receiverAccepts(secret: string, headers: Record<string, string>, body: string): boolean {
  const key = Buffer.from(secret.replace(/^whsec_/, ''), 'base64');
  const expected = createHmac('sha256', key).update(`${headers['webhook-id']}.${headers['webhook-timestamp']}.${body}`).digest();
  return headers['webhook-signature'].split(' ').some((entry) => {
    const [version, signature] = entry.split(',');
    const given = Buffer.from(signature ?? '', 'base64');
    return version === 'v1' && given.length === expected.length && timingSafeEqual(given, expected);
  });
}

describe('Standard Webhooks signing', () => {
  it("matches the specification's published example", () => {
    // given the example from the Standard Webhooks reference libraries' tests
    const secret = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';
    const content = { id: 'msg_p5jXN8AQM9LWM0D4loKWxJek', timestamp: 1614265330, body: '{"test": 2432232314}' };
    // when it is signed, then the signature is the published one
    expect(signWebhook(secret, content)).toBe('v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=');
    // and the test's own receiver accepts the published signature, so it can be trusted below
    const published = { 'webhook-id': content.id, 'webhook-timestamp': String(content.timestamp), 'webhook-signature': 'v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=' };
    expect(receiverAccepts(secret, published, content.body)).toBe(true);
  });

  it('produces headers a receiver verifies, and refuses a tampered body', () => {
    // given a fresh secret and a delivery
    const secret = generateWebhookSecret();
    const content = { id: 'evt_01JABC', timestamp: 1780000000, body: '{"event":"invoice.issued"}' };
    // when the headers are computed
    const headers = webhookHeaders(secret, content);
    // then they carry the id and timestamp, and the signature verifies only for the same body and secret
    expect(headers).toMatchObject({ 'webhook-id': 'evt_01JABC', 'webhook-timestamp': '1780000000' });
    expect(receiverAccepts(secret, headers, content.body)).toBe(true);
    expect(receiverAccepts(secret, headers, '{"event":"invoice.paid"}')).toBe(false);
    expect(receiverAccepts(secret, { ...headers, 'webhook-timestamp': '1780000001' }, content.body)).toBe(false);
    expect(receiverAccepts(generateWebhookSecret(), headers, content.body)).toBe(false);
  });

  it('generates secrets of 24 random bytes behind whsec_', () => {
    // when a secret is generated, then it decodes to 24 bytes and differs each time
    const secret = generateWebhookSecret();
    expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]{32}$/);
    expect(Buffer.from(secret.slice(6), 'base64')).toHaveLength(24);
    expect(generateWebhookSecret()).not.toBe(secret);
  });

  it('signs with several secrets at once, space-separated, so a receiver holding any one of them accepts (a rotation\'s overlap)', () => {
    // given the new secret and the one it replaced, and a delivery signed now
    const [current, previous] = [generateWebhookSecret(), generateWebhookSecret()];
    const content = { id: 'evt_01JROTATE', timestamp: Math.floor(Date.now() / 1000), body: '{"event":"invoice.paid"}' };
    // when the headers are computed with both
    const headers = webhookHeaders([current, previous], content);
    // then webhook-signature carries two v1 signatures, and receivers with either secret accept,
    // the Standard Webhooks reference library among them; a third secret is refused
    expect(headers['webhook-signature'].split(' ')).toEqual([signWebhook(current, content), signWebhook(previous, content)]);
    expect([receiverAccepts(current, headers, content.body), receiverAccepts(previous, headers, content.body)]).toEqual([true, true]);
    expect(new Webhook(current).verify(content.body, headers)).toEqual({ event: 'invoice.paid' });
    expect(new Webhook(previous).verify(content.body, headers)).toEqual({ event: 'invoice.paid' });
    expect(() => new Webhook(generateWebhookSecret()).verify(content.body, headers)).toThrow();
    expect(() => webhookHeaders([], content)).toThrow(RangeError);
  });
});
