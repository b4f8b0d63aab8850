import type { InvoiceView } from '../../application/queries/invoice.view';

/** An invoice as the API shows it; amounts in minor units, dates YYYY-MM-DD. */
export interface InvoiceResponse {
  id: string;
  number: string | null;
  status: string;
  contract_id: string;
  client_id: string;
  client_name: string | null;
  milestone_index: number;
  milestone_id: string | null;
  milestone_title: string;
  contract_title: string;
  purchase_order_ref: string | null;
  currency: string;
  subtotal_cents: number;
  tax_cents: number;
  retainage_cents: number;
  total_cents: number;
  amount_paid_cents: number;
  /** The open balance: total − retainage − what has been paid. */
  amount_due_cents: number;
  issue_date: string | null;
  due_date: string | null;
  overdue: boolean;
  paid_at: string | null;
  lines: {
    line_number: number;
    description: string;
    amount_cents: number;
    tax_rate_bps: number;
    tax_cents: number;
    retainage_bps: number;
    retainage_cents: number;
  }[];
}

export function invoiceResponseOf(invoice: InvoiceView): InvoiceResponse {
  return {
    id: invoice.id,
    number: invoice.number,
    status: invoice.status,
    contract_id: invoice.contractId,
    client_id: invoice.clientId,
    client_name: invoice.clientName,
    milestone_index: invoice.milestoneIndex,
    milestone_id: invoice.milestoneId,
    milestone_title: invoice.milestoneTitle,
    contract_title: invoice.contractTitle,
    purchase_order_ref: invoice.purchaseOrderRef,
    currency: invoice.currency,
    subtotal_cents: invoice.subtotalCents,
    tax_cents: invoice.taxCents,
    retainage_cents: invoice.retainageCents,
    total_cents: invoice.totalCents,
    amount_paid_cents: invoice.amountPaidCents,
    amount_due_cents: invoice.amountDueCents,
    issue_date: invoice.issueDate,
    due_date: invoice.dueDate,
    overdue: invoice.overdue,
    paid_at: invoice.paidAt,
    lines: invoice.lines.map((line) => ({
      line_number: line.lineNumber,
      description: line.description,
      amount_cents: line.amountCents,
      tax_rate_bps: line.taxRateBps,
      tax_cents: line.taxCents,
      retainage_bps: line.retainageBps,
      retainage_cents: line.retainageCents,
    })),
  };
}
