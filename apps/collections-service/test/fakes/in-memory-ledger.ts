import type { ConfiguredLadder } from '../../src/application/ports/dunning-ladder.port';
import { ClientCalendarRepository, DunningLadderRepository } from '../../src/application/ports/dunning-ladder.port';
import { type IssuedReceivable, ReceivableLedger, type ReceivableBalance } from '../../src/application/ports/receivable-ledger.port';

/** The receivable ledger as the table keeps it (reductions before the issue included), for unit tests. */
export class InMemoryReceivableLedger extends ReceivableLedger {
  private readonly rows = new Map<string, { issued: IssuedReceivable | null; reducedCents: number; closedAs: 'settled' | 'written_off' | null }>();

  async recordIssued(receivable: IssuedReceivable): Promise<void> {
    this.rows.set(receivable.invoiceId, { ...this.row(receivable.invoiceId), issued: receivable });
  }

  async reduce(invoiceId: string, amountCents: number, _at?: Date): Promise<void> {
    const row = this.row(invoiceId);
    this.rows.set(invoiceId, { ...row, reducedCents: row.reducedCents + amountCents });
  }

  async close(invoiceId: string, as: 'settled' | 'written_off'): Promise<void> {
    const row = this.row(invoiceId);
    this.rows.set(invoiceId, { ...row, closedAs: row.closedAs ?? as });
  }

  async balanceOf(invoiceId: string): Promise<ReceivableBalance> {
    const row = this.row(invoiceId);
    const closed = row.closedAs !== null;
    const balanceCents = row.issued === null ? null : closed ? 0 : Math.max(0, row.issued.amountDueCents - row.reducedCents);
    return { issued: row.issued !== null, closed, balanceCents, reducedCents: row.reducedCents };
  }

  private row(invoiceId: string) {
    return this.rows.get(invoiceId) ?? { issued: null, reducedCents: 0, closedAs: null };
  }
}

export class InMemoryDunningLadderRepository extends DunningLadderRepository {
  readonly ladders = new Map<string, ConfiguredLadder>();

  async find(scope: string): Promise<ConfiguredLadder | null> {
    return this.ladders.get(scope) ?? null;
  }

  async put(scope: string, ladder: ConfiguredLadder): Promise<void> {
    this.ladders.set(scope, ladder);
  }

  async remove(scope: string): Promise<boolean> {
    return this.ladders.delete(scope);
  }
}

export class InMemoryClientCalendarRepository extends ClientCalendarRepository {
  readonly zones = new Map<string, string>();

  async timeZoneOf(clientId: string): Promise<string> {
    return this.zones.get(clientId) ?? 'UTC';
  }

  async remember(clientId: string, timeZone: string): Promise<void> {
    this.zones.set(clientId, timeZone);
  }
}
