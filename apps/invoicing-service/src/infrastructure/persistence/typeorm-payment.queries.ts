import { Injectable } from '@nestjs/common';
import { TypeOrmUnitOfWork } from '@mb/messaging';
import { minorUnitsColumn } from '@mb/platform';
import { ContractTermsRepository } from '../../application/ports/contract-terms.repository';
import { PaymentQueries } from '../../application/queries/payment.queries';
import type { ClientBalanceView, PaymentFilter, PaymentPage, PaymentView } from '../../application/queries/payment.view';
import type { PaymentMethod } from '../../domain/payment/payment';
import { PaymentErrors } from '../../domain/payment/payment.errors';

interface PaymentRow {
  id: string;
  client_id: string;
  currency: string;
  amount_cents: string;
  received_on: string;
  method: PaymentMethod;
  external_reference: string | null;
  unapplied_cents: string;
  recorded_at: Date;
  allocations: { invoice_id: string; invoice_number: string; contract_id: string; amount_cents: number }[];
}

// Raw SQL: a payment read back is a join of the payment, its allocations and their invoices' numbers.
const PAYMENT_SELECT = `
  SELECT p.id, p.client_id, p.currency, p.amount_cents, to_char(p.received_on, 'YYYY-MM-DD') AS received_on, p.method,
         p.external_reference, p.unapplied_cents, p.recorded_at,
         coalesce((SELECT jsonb_agg(jsonb_build_object('invoice_id', a.invoice_id, 'invoice_number', i.number, 'contract_id', a.contract_id,
                                                       'amount_cents', a.amount_cents) ORDER BY a.id)
                     FROM invoicing.payment_allocations a JOIN invoicing.invoices i ON i.id = a.invoice_id
                    WHERE a.payment_id = p.id), '[]'::jsonb) AS allocations
    FROM invoicing.payments p`;

@Injectable()
export class TypeOrmPaymentQueries extends PaymentQueries {
  constructor(
    private readonly unitOfWork: TypeOrmUnitOfWork,
    private readonly contracts: ContractTermsRepository,
  ) {
    super();
  }

  async payments(filter: PaymentFilter): Promise<PaymentPage> {
    const conditions: string[] = [];
    const parameters: unknown[] = [];
    const where = (condition: string, value: unknown) => {
      parameters.push(value);
      conditions.push(condition.replace('?', `$${parameters.length}`));
    };
    if (filter.clientId !== undefined) where('p.client_id = ?', filter.clientId);
    if (filter.invoiceId !== undefined) where('EXISTS (SELECT 1 FROM invoicing.payment_allocations a WHERE a.payment_id = p.id AND a.invoice_id = ?)', filter.invoiceId);
    if (filter.after !== undefined) where('p.id < ?', filter.after);
    parameters.push(filter.limit + 1);
    const rows = (await this.unitOfWork
      .readManager()
      .query(`${PAYMENT_SELECT} ${conditions.length ? `WHERE ${conditions.join(' AND ')}` : ''} ORDER BY p.id DESC LIMIT $${parameters.length}`, parameters)) as PaymentRow[];
    const page = rows.slice(0, filter.limit).map(paymentViewOf);
    return { payments: page, nextCursor: rows.length > filter.limit ? page[page.length - 1].id : null };
  }

  async payment(id: string): Promise<PaymentView> {
    const [row] = (await this.unitOfWork.readManager().query(`${PAYMENT_SELECT} WHERE p.id = $1`, [id])) as PaymentRow[];
    if (!row) throw PaymentErrors.notFound(id);
    return paymentViewOf(row);
  }

  async balancesOf(clientId: string): Promise<ClientBalanceView[]> {
    if (!(await this.contracts.findClient(clientId))) throw PaymentErrors.clientNotKnown(clientId);
    const rows = (await this.unitOfWork
      .readManager()
      .query(`SELECT currency, unapplied_cents FROM invoicing.client_balances WHERE client_id = $1 ORDER BY currency`, [clientId])) as { currency: string; unapplied_cents: string }[];
    return rows.map((row) => ({ clientId, currency: row.currency, unappliedCents: minorUnitsColumn.from(row.unapplied_cents) }));
  }
}

function paymentViewOf(row: PaymentRow): PaymentView {
  return {
    id: row.id,
    clientId: row.client_id,
    currency: row.currency,
    amountCents: minorUnitsColumn.from(row.amount_cents),
    receivedOn: row.received_on,
    method: row.method,
    externalReference: row.external_reference,
    allocations: row.allocations.map((allocation) => ({
      invoiceId: allocation.invoice_id,
      invoiceNumber: allocation.invoice_number,
      contractId: allocation.contract_id,
      amountCents: allocation.amount_cents,
    })),
    unappliedCents: minorUnitsColumn.from(row.unapplied_cents),
    recordedAt: row.recorded_at.toISOString(),
  };
}
