import { DomainRejection } from '@mb/kernel';
import { Client } from './client';

describe('Client', () => {
  it('registers a client with a cli_ id and a trimmed name and email', () => {
    const client = Client.register({ name: ' Acme Corp ', apContactEmail: 'ap@acme.example ' }, new Date('2026-05-01T00:00:00Z'));
    expect(client.snapshot()).toMatchObject({ name: 'Acme Corp', apContactEmail: 'ap@acme.example', version: 0 });
    expect(client.id).toMatch(/^cli_/);
  });

  it.each([
    [{ name: '  ', apContactEmail: 'ap@acme.example' }, 'client.name_required', 'name'],
    [{ name: 'Acme', apContactEmail: 'not-an-email' }, 'client.invalid_ap_contact_email', 'ap_contact_email'],
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
});
