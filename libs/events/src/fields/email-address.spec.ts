import { eventDefinition } from '../catalogue/event-catalogue';
import { aValidEvent } from '../fixtures/event-fixtures';
import { validateEvent } from '../validation/validate-event';
import { isEmailAddress } from './email-address';

describe('the email address rule', () => {
  it.each(['ap@acme.example', 'first.last+billing@sub.client.co.uk', "o'brien@acme.example", 'x@xn--bcher-kva.example'])('accepts %s', (address) => {
    expect(isEmailAddress(address)).toBe(true);
  });

  it.each([
    ['a non-ASCII local part', 'zoë@acme.example'],
    ['a non-ASCII domain', 'ap@bücher.example'],
    ['no domain dot', 'ap@localhost'],
    ['no local part', '@acme.example'],
    ['two dots in a row', 'a..b@acme.example'],
    ['a NUL', 'ap\u0000@acme.example'],
    ['a space', 'a p@acme.example'],
    ['a local part over 64', `${'a'.repeat(65)}@acme.example`],
    ['over 254 characters', `ap@${'a'.repeat(63)}.${'b'.repeat(63)}.${'c'.repeat(63)}.${'d'.repeat(63)}.example`],
  ])('refuses %s', (_why, address) => {
    expect(isEmailAddress(address)).toBe(false);
  });

  it('is the rule the event schemas apply to their email fields', () => {
    const event = aValidEvent('contract.activated');
    const withAddress = (address: string) => validateEvent('contract.activated', eventDefinition('contract.activated').currentVersion, { ...event, data: { ...event.data, client_ap_email: address } }).ok;
    expect(withAddress('first.last+billing@sub.client.co.uk')).toBe(true);
    expect(withAddress('zoë@acme.example')).toBe(false);
    expect(withAddress('ap@localhost')).toBe(false);
  });
});
