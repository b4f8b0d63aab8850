import { InMemoryUnitOfWork } from '@mb/testing';
import { InMemoryClientRepository } from '../../../test/fakes/in-memory-client.repository';
import { RegisterClientHandler } from './register-client.handler';

describe('RegisterClientHandler', () => {
  const now = new Date('2026-05-28T09:00:00Z');

  it('registers a client with its AP contact, trimmed, and keeps it', async () => {
    // given no clients
    const clients = new InMemoryClientRepository();
    const unitOfWork = new InMemoryUnitOfWork();
    const handler = new RegisterClientHandler(unitOfWork, clients, { now: () => now });
    // when one is registered
    const client = await handler.execute({ name: ' Acme Corp ', apContactEmail: 'ap@acme.example' });
    // then it is stored and can be found by its new cli_ id
    expect(client).toMatchObject({ name: 'Acme Corp', apContactEmail: 'ap@acme.example', createdAt: now });
    expect(client.id).toMatch(/^cli_/);
    expect((await clients.findById(client.id))?.snapshot()).toMatchObject({ name: 'Acme Corp' });
    expect(unitOfWork.unitsRun).toBe(1);
  });

  it('refuses an AP contact that is not an email address, naming the field', async () => {
    const clients = new InMemoryClientRepository();
    const handler = new RegisterClientHandler(new InMemoryUnitOfWork(), clients, { now: () => now });
    await expect(handler.execute({ name: 'Acme', apContactEmail: 'not-an-address' })).rejects.toMatchObject({
      code: 'client.invalid_ap_contact_email',
      field: 'ap_contact_email',
    });
  });
});
