import { InMemoryUnitOfWork } from '@mb/testing';
import { InMemoryClientRepository } from '../../../test/fakes/in-memory-client.repository';
import { RegisterClientHandler } from './register-client.handler';

describe('RegisterClientHandler', () => {
  const now = new Date('2026-05-28T09:00:00Z');

  it('registers a client with its AP contact, trimmed, and keeps it', async () => {
    // given no clients
    const clients = new InMemoryClientRepository();
    const unitOfWork = new InMemoryUnitOfWork();
    const handler = new RegisterClientHandler(unitOfWork, clients, { now: () => now }, { DEFAULT_CLIENT_TIME_ZONE: 'Europe/Paris' });
    // when one is registered
    const client = await handler.execute({ name: ' Acme Corp ', apContactEmail: 'ap@acme.example' });
    // then it is stored and can be found by its new cli_ id
    expect(client).toMatchObject({ name: 'Acme Corp', apContactEmail: 'ap@acme.example', createdAt: now });
    expect(client.id).toMatch(/^cli_/);
    expect((await clients.findById(client.id))?.snapshot()).toMatchObject({ name: 'Acme Corp' });
    expect(unitOfWork.unitsRun).toBe(1);
  });

  it("gives a client registered without a time zone the service's default, and keeps one given", async () => {
    // given a service whose DEFAULT_CLIENT_TIME_ZONE is Europe/Paris
    const handler = new RegisterClientHandler(new InMemoryUnitOfWork(), new InMemoryClientRepository(), { now: () => now }, { DEFAULT_CLIENT_TIME_ZONE: 'Europe/Paris' });
    // when one client gives no zone and another gives Los Angeles
    const without = await handler.execute({ name: 'Acme', apContactEmail: 'ap@acme.example' });
    const given = await handler.execute({ name: 'Globex', apContactEmail: 'ap@globex.example', timeZone: 'America/Los_Angeles' });
    // then each has its zone
    expect([without.timeZone, given.timeZone]).toEqual(['Europe/Paris', 'America/Los_Angeles']);
  });

  it('refuses a time zone that is not an IANA zone, naming the field, and keeps nothing', async () => {
    const clients = new InMemoryClientRepository();
    const unitOfWork = new InMemoryUnitOfWork();
    const handler = new RegisterClientHandler(unitOfWork, clients, { now: () => now }, { DEFAULT_CLIENT_TIME_ZONE: 'UTC' });
    await expect(handler.execute({ name: 'Acme', apContactEmail: 'ap@acme.example', timeZone: 'Pacific/Atlantis' })).rejects.toMatchObject({
      code: 'client.invalid_time_zone',
      field: 'time_zone',
    });
    expect(unitOfWork.unitsRun).toBe(0);
  });

  it('refuses an AP contact that is not an email address, naming the field', async () => {
    const clients = new InMemoryClientRepository();
    const handler = new RegisterClientHandler(new InMemoryUnitOfWork(), clients, { now: () => now }, { DEFAULT_CLIENT_TIME_ZONE: 'UTC' });
    await expect(handler.execute({ name: 'Acme', apContactEmail: 'not-an-address' })).rejects.toMatchObject({
      code: 'client.invalid_ap_contact_email',
      field: 'ap_contact_email',
    });
  });
});
