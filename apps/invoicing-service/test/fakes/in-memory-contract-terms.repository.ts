import { type AmendedContractTerms, ContractTermsRepository, type ContractTerms, type KnownClient, type KnownContract } from '../../src/application/ports/contract-terms.repository';

/** Contract terms kept in a map; like the table, the first terms remembered stay. */
export class InMemoryContractTermsRepository extends ContractTermsRepository {
  private readonly contracts = new Map<string, KnownContract>();

  async remember(terms: ContractTerms): Promise<void> {
    if (!this.contracts.has(terms.contractId)) this.contracts.set(terms.contractId, { ...terms, terminatedAt: null });
  }

  async amend(contractId: string, terms: AmendedContractTerms): Promise<void> {
    const contract = this.contracts.get(contractId);
    if (contract && contract.scheduleVersion < terms.scheduleVersion) this.contracts.set(contractId, { ...contract, ...terms });
  }

  async findById(contractId: string): Promise<KnownContract | null> {
    return this.contracts.get(contractId) ?? null;
  }

  async recordTermination(contractId: string, termination: { readonly terminatedAt: string }): Promise<boolean> {
    const contract = this.contracts.get(contractId);
    if (!contract) return false;
    if (contract.terminatedAt === null) this.contracts.set(contractId, { ...contract, terminatedAt: termination.terminatedAt });
    return true;
  }

  async findClient(clientId: string): Promise<KnownClient | null> {
    const latest = [...this.contracts.values()].filter((terms) => terms.clientId === clientId).sort((a, b) => (a.activatedAt < b.activatedAt ? 1 : -1))[0];
    return latest ? { clientId, clientTimeZone: latest.clientTimeZone } : null;
  }
}
