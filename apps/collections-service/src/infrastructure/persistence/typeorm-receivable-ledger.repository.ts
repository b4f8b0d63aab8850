import { Injectable } from '@nestjs/common';
import { TypeOrmUnitOfWork } from '@mb/messaging';
import { type IssuedReceivable, ReceivableLedger, type ReceivableBalance } from '../../application/ports/receivable-ledger.port';
import { ReceivableEntity } from './ledger.orm-entity';

@Injectable()
export class TypeOrmReceivableLedger extends ReceivableLedger {
  constructor(private readonly unitOfWork: TypeOrmUnitOfWork) {
    super();
  }

  async recordIssued(receivable: IssuedReceivable): Promise<void> {
    // A reduction that arrived before the issue already made the row: the issue fills it in.
    await this.unitOfWork.currentManager().query(
      `INSERT INTO collections.receivables (invoice_id, client_id, contract_id, invoice_number, currency, amount_due_cents, due_date, issued_at, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $8)
       ON CONFLICT (invoice_id) DO UPDATE SET client_id = $2, contract_id = $3, invoice_number = $4, currency = $5, amount_due_cents = $6, due_date = $7, issued_at = $8, updated_at = $8`,
      [receivable.invoiceId, receivable.clientId, receivable.contractId, receivable.invoiceNumber, receivable.currency, receivable.amountDueCents, receivable.dueDate, receivable.issuedAt],
    );
  }

  async reduce(invoiceId: string, amountCents: number, at: Date): Promise<void> {
    await this.unitOfWork.currentManager().query(
      `INSERT INTO collections.receivables (invoice_id, reduced_cents, updated_at) VALUES ($1, $2, $3)
       ON CONFLICT (invoice_id) DO UPDATE SET reduced_cents = collections.receivables.reduced_cents + $2, updated_at = $3`,
      [invoiceId, amountCents, at],
    );
  }

  async close(invoiceId: string, as: 'settled' | 'written_off', at: Date): Promise<void> {
    await this.unitOfWork.currentManager().query(
      `INSERT INTO collections.receivables (invoice_id, closed_as, updated_at) VALUES ($1, $2, $3)
       ON CONFLICT (invoice_id) DO UPDATE SET closed_as = COALESCE(collections.receivables.closed_as, $2), updated_at = $3`,
      [invoiceId, as, at],
    );
  }

  async balanceOf(invoiceId: string): Promise<ReceivableBalance> {
    const record = await this.unitOfWork.readManager().findOneBy(ReceivableEntity, { invoiceId });
    if (!record) return { issued: false, closed: false, balanceCents: null, reducedCents: 0 };
    const issued = record.amountDueCents !== null;
    const closed = record.closedAs !== null;
    const balanceCents = !issued ? null : closed ? 0 : Math.max(0, (record.amountDueCents ?? 0) - record.reducedCents);
    return { issued, closed, balanceCents, reducedCents: record.reducedCents };
  }
}
