import { ConcurrentUpdate } from '@mb/kernel';
import { CollectionsCase, type CaseSnapshot } from '../../src/domain/case/case';
import { CaseRepository } from '../../src/application/ports/case.repository';

/** Cases kept as snapshots with the same optimistic versions and one-open-case rule as the tables, for unit tests. */
export class InMemoryCaseRepository extends CaseRepository {
  private readonly cases = new Map<string, CaseSnapshot>();
  private racing = false;

  async findOpenCaseOfClient(clientId: string): Promise<CollectionsCase | null> {
    return this.restoreFirst((snapshot) => snapshot.status === 'open' && snapshot.clientId === clientId);
  }

  async findOpenCaseHolding(invoiceId: string): Promise<CollectionsCase | null> {
    return this.restoreFirst((snapshot) => snapshot.status !== 'closed' && snapshot.invoices.some((invoice) => invoice.invoiceId === invoiceId));
  }

  async findById(id: string): Promise<CollectionsCase | null> {
    return this.restoreFirst((snapshot) => snapshot.id === id);
  }

  async findByIdForUpdate(id: string): Promise<CollectionsCase | null> {
    return this.findById(id);
  }

  async findByClient(clientId: string): Promise<CollectionsCase[]> {
    return [...this.cases.values()]
      .filter((snapshot) => snapshot.clientId === clientId)
      .sort((a, b) => b.openedAt.getTime() - a.openedAt.getTime() || b.id.localeCompare(a.id))
      .map((snapshot) => CollectionsCase.restore(snapshot));
  }

  async add(collectionsCase: CollectionsCase): Promise<void> {
    const snapshot = collectionsCase.snapshot();
    if (this.cases.has(snapshot.id)) throw new Error(`case ${snapshot.id} already exists`);
    // As the cases_one_open_per_client index does.
    if (this.all().some((stored) => stored.status === 'open' && stored.clientId === snapshot.clientId)) throw new Error(`client ${snapshot.clientId} already has an open case`);
    this.cases.set(snapshot.id, { ...snapshot, version: 1 });
  }

  async save(collectionsCase: CollectionsCase): Promise<void> {
    const changed = collectionsCase.snapshot();
    const stored = this.cases.get(changed.id);
    if (!stored || stored.version !== changed.version) throw new ConcurrentUpdate('case', changed.id);
    this.cases.set(changed.id, { ...changed, version: changed.version + 1 });
  }

  /** Another writer changes the next case loaded right after it is loaded (its version moves on). */
  anotherWriterChangesTheNextCaseLoaded(): void {
    this.racing = true;
  }

  /** What is stored now, for a test's "given" and "then". */
  stored(id: string): CaseSnapshot | undefined {
    return this.cases.get(id);
  }

  /** Every case stored, for a test's "then". */
  all(): CaseSnapshot[] {
    return [...this.cases.values()];
  }

  private restoreFirst(matches: (snapshot: CaseSnapshot) => boolean): CollectionsCase | null {
    const found = [...this.cases.values()].find(matches);
    if (!found) return null;
    if (this.racing) {
      this.racing = false;
      this.cases.set(found.id, { ...found, version: found.version + 1 });
    }
    return CollectionsCase.restore(found);
  }
}
