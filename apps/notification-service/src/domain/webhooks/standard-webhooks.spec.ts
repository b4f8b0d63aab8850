import { generateWebhookSecret, signWebhook, verifyWebhook, webhookHeaders } from './standard-webhooks';

describe('Standard Webhooks signing', () => {
  it("matches the specification's published example", () => {
    // given the example from the Standard Webhooks reference libraries' tests
    const secret = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';
    const content = { id: 'msg_p5jXN8AQM9LWM0D4loKWxJek', timestamp: 1614265330, body: '{"test": 2432232314}' };
    // when it is signed, then the signature is the published one
    expect(signWebhook(secret, content)).toBe('v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=');
  });

  it('produces headers a receiver verifies, and refuses a tampered body', () => {
    // given a fresh secret and a delivery
    const secret = generateWebhookSecret();
    const content = { id: 'evt_01JABC', timestamp: 1780000000, body: '{"event":"invoice.issued"}' };
    // when the headers are computed
    const headers = webhookHeaders(secret, content);
    // then they carry the id and timestamp, and the signature verifies only for the same body
    expect(headers).toMatchObject({ 'webhook-id': 'evt_01JABC', 'webhook-timestamp': '1780000000' });
    expect(verifyWebhook(secret, content, headers['webhook-signature'])).toBe(true);
    expect(verifyWebhook(secret, { ...content, body: '{"event":"invoice.paid"}' }, headers['webhook-signature'])).toBe(false);
    expect(verifyWebhook(generateWebhookSecret(), content, headers['webhook-signature'])).toBe(false);
  });

  it('generates secrets of 24 random bytes behind whsec_', () => {
    // when a secret is generated, then it decodes to 24 bytes and differs each time
    const secret = generateWebhookSecret();
    expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]{32}$/);
    expect(Buffer.from(secret.slice(6), 'base64')).toHaveLength(24);
    expect(generateWebhookSecret()).not.toBe(secret);
  });
});
