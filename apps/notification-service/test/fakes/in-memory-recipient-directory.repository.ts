import { type KnownClient, type KnownContract, RecipientDirectory } from '../../src/application/ports/recipient-directory.repository';

/** The clients and contracts learnt, kept as the table keeps them (a missing name or email keeps the known one), for unit tests. */
export class InMemoryRecipientDirectory extends RecipientDirectory {
  private readonly clients = new Map<string, KnownClient>();
  private readonly contracts = new Map<string, KnownContract>();
  /** The clients locked, in order: a test can tell a use case serialised its work on one. */
  readonly locked: string[] = [];

  async lockClient(clientId: string): Promise<void> {
    this.locked.push(clientId);
  }

  async rememberClient(client: KnownClient): Promise<void> {
    const known = this.clients.get(client.clientId);
    this.clients.set(client.clientId, {
      clientId: client.clientId,
      clientName: client.clientName ?? known?.clientName ?? null,
      apEmail: client.apEmail ?? known?.apEmail ?? null,
      approverEmail: client.approverEmail ?? known?.approverEmail ?? null,
      language: client.language ?? known?.language ?? null,
    });
  }

  async rememberContract(contract: KnownContract): Promise<void> {
    this.contracts.set(contract.contractId, { ...contract });
  }

  async findClient(clientId: string): Promise<KnownClient | null> {
    return this.clients.get(clientId) ?? null;
  }

  async findContract(contractId: string): Promise<KnownContract | null> {
    return this.contracts.get(contractId) ?? null;
  }
}
