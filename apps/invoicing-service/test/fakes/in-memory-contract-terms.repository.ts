import { ContractTermsRepository, type ContractTerms, type KnownClient } from '../../src/application/ports/contract-terms.repository';

/** Contract terms kept in a map; like the table, the first terms remembered stay. */
export class InMemoryContractTermsRepository extends ContractTermsRepository {
  private readonly contracts = new Map<string, ContractTerms>();

  async remember(terms: ContractTerms): Promise<void> {
    if (!this.contracts.has(terms.contractId)) this.contracts.set(terms.contractId, terms);
  }

  async findById(contractId: string): Promise<ContractTerms | null> {
    return this.contracts.get(contractId) ?? null;
  }

  async findClient(clientId: string): Promise<KnownClient | null> {
    const latest = [...this.contracts.values()].filter((terms) => terms.clientId === clientId).sort((a, b) => (a.activatedAt < b.activatedAt ? 1 : -1))[0];
    return latest ? { clientId, clientTimeZone: latest.clientTimeZone } : null;
  }
}
