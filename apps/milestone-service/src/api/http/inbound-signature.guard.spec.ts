import { isJiraSignatureOf, jiraSignatureOf } from './inbound-signature.guard';

describe('isJiraSignatureOf', () => {
  const secret = 'a-test-secret-of-enough-length';
  const body = Buffer.from('{"webhookEvent":"jira:issue_updated"}');

  it('accepts sha256=<hex HMAC-SHA256 of the raw body>, in either case of hex', () => {
    // HMAC-SHA256 as openssl computes it: printf '%s' "$body" | openssl dgst -sha256 -hmac "$secret"
    expect(jiraSignatureOf(secret, body)).toMatch(/^sha256=[0-9a-f]{64}$/);
    expect(isJiraSignatureOf(secret, body, jiraSignatureOf(secret, body))).toBe(true);
    expect(isJiraSignatureOf(secret, body, jiraSignatureOf(secret, body).toUpperCase().replace('SHA256=', 'sha256='))).toBe(true);
  });

  it('refuses another secret, another body, another algorithm or a malformed header', () => {
    expect(isJiraSignatureOf('another-secret-entirely', body, jiraSignatureOf(secret, body))).toBe(false);
    expect(isJiraSignatureOf(secret, Buffer.from('{"webhookEvent":"jira:issue_updated" }'), jiraSignatureOf(secret, body))).toBe(false);
    expect(isJiraSignatureOf(secret, body, jiraSignatureOf(secret, body).replace('sha256=', 'sha1='))).toBe(false);
    expect(isJiraSignatureOf(secret, body, 'sha256=abc')).toBe(false);
    expect(isJiraSignatureOf(secret, body, '')).toBe(false);
  });
});
