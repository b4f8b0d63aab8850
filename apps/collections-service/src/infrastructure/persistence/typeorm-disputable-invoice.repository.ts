import { Injectable } from '@nestjs/common';
import { TypeOrmUnitOfWork } from '@mb/messaging';
import type { DisputableInvoice } from '../../domain/dispute/dispute';
import { DisputableInvoiceRepository, type IssuedInvoice } from '../../application/ports/disputable-invoice.repository';
import { DisputeInvoiceEntity } from './dispute.orm-entity';

@Injectable()
export class TypeOrmDisputableInvoiceRepository extends DisputableInvoiceRepository {
  constructor(private readonly unitOfWork: TypeOrmUnitOfWork) {
    super();
  }

  async findById(invoiceId: string): Promise<DisputableInvoice | null> {
    const record = await this.unitOfWork.currentManager().findOneBy(DisputeInvoiceEntity, { invoiceId });
    // Known only from a payment or a credit so far: not yet disputable.
    if (!record || record.invoiceNumber === null || record.contractId === null || record.clientId === null || record.currency === null || record.amountDueCents === null) {
      return null;
    }
    const balanceCents = Math.max(0, record.amountDueCents - record.reducedCents);
    return {
      invoiceId: record.invoiceId,
      invoiceNumber: record.invoiceNumber,
      contractId: record.contractId,
      clientId: record.clientId,
      currency: record.currency,
      balanceCents,
      open: !record.closed && balanceCents > 0,
    };
  }

  async recordIssued(invoice: IssuedInvoice): Promise<void> {
    await this.unitOfWork.currentManager().query(
      `INSERT INTO collections.dispute_invoices (invoice_id, invoice_number, contract_id, client_id, currency, amount_due_cents)
       VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (invoice_id) DO UPDATE SET invoice_number = EXCLUDED.invoice_number, contract_id = EXCLUDED.contract_id,
         client_id = EXCLUDED.client_id, currency = EXCLUDED.currency, amount_due_cents = EXCLUDED.amount_due_cents`,
      [invoice.invoiceId, invoice.invoiceNumber, invoice.contractId, invoice.clientId, invoice.currency, invoice.amountDueCents],
    );
  }

  async recordReduction(invoiceId: string, amountCents: number): Promise<void> {
    await this.unitOfWork.currentManager().query(
      `INSERT INTO collections.dispute_invoices (invoice_id, reduced_cents) VALUES ($1, $2)
       ON CONFLICT (invoice_id) DO UPDATE SET reduced_cents = collections.dispute_invoices.reduced_cents + EXCLUDED.reduced_cents`,
      [invoiceId, amountCents],
    );
  }

  async recordClosed(invoiceId: string): Promise<void> {
    await this.unitOfWork.currentManager().query(
      `INSERT INTO collections.dispute_invoices (invoice_id, closed) VALUES ($1, true)
       ON CONFLICT (invoice_id) DO UPDATE SET closed = true`,
      [invoiceId],
    );
  }
}
