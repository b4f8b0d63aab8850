import { redactedRecipient } from './redaction';

describe('redactedRecipient', () => {
  it.each([
    ['email', 'jane.doe@acme.example', 'j***@acme.example'],
    ['email', 'x@acme.example', 'x***@acme.example'],
    ['email', 'not-an-address', '***'],
    ['webhook', 'https://erp.acme.example/hooks/billing?token=s3cret', 'https://erp.acme.example'],
    ['webhook', 'http://127.0.0.1:8080/hooks/abc', 'http://127.0.0.1:8080'],
    ['webhook', 'not a url', '***'],
  ] as const)('names a %s recipient %s as %s', (channel, recipient, expected) => {
    expect(redactedRecipient(channel, recipient)).toBe(expected);
  });
});
