import { CaseSnapshot } from '../../domain/case/case';

export interface CaseResponse {
  id: string;
  client_id: string;
  status: string;
  stage: string;
  opened_at: string;
  closed_at: string | null;
  balance_cents: number;
  invoices: {
    invoice_id: string;
    invoice_number: string;
    contract_id: string;
    currency: string;
    amount_due_cents: number;
    balance_cents: number;
    due_date: string;
    days_overdue: number;
  }[];
}

export function caseResponseOf(snapshot: CaseSnapshot): CaseResponse {
  return {
    id: snapshot.id,
    client_id: snapshot.clientId,
    status: snapshot.status,
    stage: snapshot.stage,
    opened_at: snapshot.openedAt.toISOString(),
    closed_at: snapshot.closedAt?.toISOString() ?? null,
    balance_cents: snapshot.invoices.reduce((total, invoice) => total + invoice.balanceCents, 0),
    invoices: snapshot.invoices.map((invoice) => ({
      invoice_id: invoice.invoiceId,
      invoice_number: invoice.invoiceNumber,
      contract_id: invoice.contractId,
      currency: invoice.currency,
      amount_due_cents: invoice.amountDueCents,
      balance_cents: invoice.balanceCents,
      due_date: invoice.dueDate,
      days_overdue: invoice.daysOverdue,
    })),
  };
}
