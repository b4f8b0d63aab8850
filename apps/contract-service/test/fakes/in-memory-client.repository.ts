import { Client } from '../../src/domain/client/client';
import { ClientRepository } from '../../src/application/ports/client.repository';

/** Clients kept in a map, for use-case unit tests. */
export class InMemoryClientRepository extends ClientRepository {
  private readonly clients = new Map<string, Client>();

  async add(client: Client): Promise<void> {
    if (this.clients.has(client.id)) throw new Error(`client ${client.id} already exists`);
    this.clients.set(client.id, Client.restore({ ...client.snapshot(), version: 1 }));
  }

  async findById(id: string): Promise<Client | null> {
    const client = this.clients.get(id);
    return client ? Client.restore(client.snapshot()) : null;
  }

  async findByContactEmail(email: string): Promise<Client[]> {
    const address = email.trim().toLowerCase();
    return [...this.clients.values()]
      .filter((client) => client.apContactEmail.toLowerCase() === address || client.approverEmail?.toLowerCase() === address)
      .sort((one, other) => one.id.localeCompare(other.id))
      .map((client) => Client.restore(client.snapshot()));
  }
}
