import { DomainRejection } from '@mb/kernel';
import { Client } from './client';

describe('Client', () => {
  it('registers a client with a cli_ id, a trimmed name and email, and its time zone', () => {
    const client = Client.register({ name: ' Acme Corp ', apContactEmail: 'ap@acme.example ', timeZone: 'America/Los_Angeles' }, new Date('2026-05-01T00:00:00Z'));
    expect(client.snapshot()).toMatchObject({ name: 'Acme Corp', apContactEmail: 'ap@acme.example', timeZone: 'America/Los_Angeles', version: 0 });
    expect(client.id).toMatch(/^cli_/);
  });

  it('keeps the approver it names, trimmed; none (or blank) leaves approvals to the AP contact', () => {
    const at = new Date('2026-05-01T00:00:00Z');
    expect(Client.register({ name: 'Acme', apContactEmail: 'ap@acme.example', approverEmail: ' pm@acme.example ', timeZone: 'UTC' }, at).approverEmail).toBe('pm@acme.example');
    expect(Client.register({ name: 'Acme', apContactEmail: 'ap@acme.example', timeZone: 'UTC' }, at).approverEmail).toBeNull();
    expect(Client.register({ name: 'Acme', apContactEmail: 'ap@acme.example', approverEmail: '  ', timeZone: 'UTC' }, at).approverEmail).toBeNull();
  });

  it('keeps the billing identity an e-invoice names the buyer by: address, VAT id and Peppol id, trimmed; none by default', () => {
    const at = new Date('2026-05-01T00:00:00Z');
    const billingAddress = { street: '1 Market Street', city: 'San Francisco', postalCode: '94105', countryCode: 'US' };
    const client = Client.register({ name: 'Acme', apContactEmail: 'ap@acme.example', timeZone: 'UTC', billingAddress, vatId: ' DE811907980 ', peppolId: '0060:123456789' }, at);
    expect(client.snapshot()).toMatchObject({ billingAddress, vatId: 'DE811907980', peppolId: '0060:123456789' });
    expect(Client.register({ name: 'Acme', apContactEmail: 'ap@acme.example', timeZone: 'UTC' }, at).snapshot()).toMatchObject({ billingAddress: null, vatId: null, peppolId: null });
  });

  it('keeps the language its emails are written in, lower-cased; none by default (English)', () => {
    const at = new Date('2026-05-01T00:00:00Z');
    expect(Client.register({ name: 'Acme', apContactEmail: 'ap@acme.example', timeZone: 'UTC', language: ' DE ' }, at).snapshot().language).toBe('de');
    expect(Client.register({ name: 'Acme', apContactEmail: 'ap@acme.example', timeZone: 'UTC', language: 'en' }, at).snapshot().language).toBe('en');
    expect(Client.register({ name: 'Acme', apContactEmail: 'ap@acme.example', timeZone: 'UTC' }, at).snapshot().language).toBeNull();
  });

  it.each([
    [{ name: 'Acme', apContactEmail: 'ap@acme.example', timeZone: 'UTC', language: 'fr' }, 'client.unsupported_language', 'language'],
    [{ name: 'Acme', apContactEmail: 'ap@acme.example', timeZone: 'UTC', language: 'de-DE' }, 'client.unsupported_language', 'language'],
    [{ name: 'Acme', apContactEmail: 'ap@acme.example', timeZone: 'UTC', billingAddress: { street: null, city: null, postalCode: null, countryCode: 'usa' } }, 'client.invalid_country_code', 'billing_address.country_code'],
    [{ name: 'Acme', apContactEmail: 'ap@acme.example', timeZone: 'UTC', vatId: '811907980' }, 'client.invalid_vat_number', 'vat_number'],
    [{ name: 'Acme', apContactEmail: 'ap@acme.example', timeZone: 'UTC', peppolId: '123456789' }, 'client.invalid_peppol_participant', 'peppol_participant'],
    [{ name: '  ', apContactEmail: 'ap@acme.example', timeZone: 'UTC' }, 'client.name_required', 'name'],
    [{ name: 'Acme', apContactEmail: 'not-an-email', timeZone: 'UTC' }, 'client.invalid_ap_contact_email', 'ap_contact_email'],
    [{ name: 'Acme', apContactEmail: 'ap@acme.example', approverEmail: 'pm at acme', timeZone: 'UTC' }, 'client.invalid_approver_email', 'approver_email'],
    [{ name: 'Acme', apContactEmail: 'ap@acme.example', timeZone: 'Mars/Olympus_Mons' }, 'client.invalid_time_zone', 'time_zone'],
    [{ name: 'Acme', apContactEmail: 'ap@acme.example', timeZone: '+02:00' }, 'client.invalid_time_zone', 'time_zone'],
    // An abbreviation the runtime knows is still refused: "EST" resolves to America/Panama, without daylight saving.
    [{ name: 'Acme', apContactEmail: 'ap@acme.example', timeZone: 'EST' }, 'client.invalid_time_zone', 'time_zone'],
    [{ name: 'Acme', apContactEmail: 'ap@acme.example', timeZone: '' }, 'client.invalid_time_zone', 'time_zone'],
  ])('refuses %p', (input, code, field) => {
    let rejection: unknown;
    try {
      Client.register(input, new Date());
    } catch (error) {
      rejection = error;
    }
    expect(rejection).toBeInstanceOf(DomainRejection);
    expect(rejection).toMatchObject({ code, field });
  });

  it.each(['UTC', 'America/Los_Angeles', 'Pacific/Auckland', 'America/Argentina/Buenos_Aires', 'Europe/Kyiv', 'Etc/GMT+8'])('accepts the IANA zone %s', (timeZone) => {
    expect(Client.register({ name: 'Acme', apContactEmail: 'ap@acme.example', timeZone }, new Date()).timeZone).toBe(timeZone);
  });
});
