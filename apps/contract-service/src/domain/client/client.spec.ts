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

  it.each([
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
