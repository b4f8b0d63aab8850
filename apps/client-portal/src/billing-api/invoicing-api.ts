import { ServiceClient } from './service-client';

export type InvoiceStatus = 'draft' | 'open' | 'paid' | 'credited' | 'void' | 'uncollectible' | 'discarded';

/** How to pay an invoice, when invoicing-service says so. */
export interface PaymentInstructions {
  readonly method: string;
  readonly account_name: string;
  readonly account: string;
  readonly remittance_reference: string;
}

export interface Invoice {
  readonly id: string;
  readonly number: string | null;
  readonly status: InvoiceStatus;
  readonly contract_id: string;
  readonly client_id: string;
  readonly contract_title: string;
  readonly milestone_id: string | null;
  readonly milestone_title: string | null;
  readonly currency: string;
  readonly total_cents: number;
  readonly amount_due_cents: number;
  readonly issue_date: string | null;
  readonly due_date: string | null;
  readonly overdue: boolean;
  readonly in_dispute: boolean;
  readonly payment_instructions?: PaymentInstructions | null;
}

export interface FinancialStatus {
  readonly contract_id: string;
  readonly currency: string;
  readonly billed_cents: number;
  readonly paid_cents: number;
  readonly outstanding_cents: number;
  readonly retained_cents: number;
}

/** invoicing-service: the client's invoices, their documents and each contract's financial status. */
export class InvoicingApi {
  constructor(private readonly api: ServiceClient) {}

  /** Every invoice of the client, following the cursor to the last page. */
  async invoicesOf(clientId: string): Promise<Invoice[]> {
    const invoices: Invoice[] = [];
    let cursor: string | null = null;
    do {
      const query = `client_id=${encodeURIComponent(clientId)}&limit=100${cursor === null ? '' : `&cursor=${encodeURIComponent(cursor)}`}`;
      const page: { data: Invoice[]; next_cursor: string | null } = await this.api.json('GET', `/v1/invoices?${query}`);
      invoices.push(...page.data);
      cursor = page.next_cursor;
    } while (cursor !== null);
    return invoices;
  }

  invoice(invoiceId: string): Promise<Invoice> {
    return this.api.json('GET', `/v1/invoices/${encodeURIComponent(invoiceId)}`);
  }

  financialStatus(contractId: string): Promise<FinancialStatus> {
    return this.api.json('GET', `/v1/contracts/${encodeURIComponent(contractId)}/financial-status`);
  }

  document(invoiceId: string, kind: 'pdf' | 'ubl'): Promise<Response> {
    return this.api.document(`/v1/invoices/${encodeURIComponent(invoiceId)}/${kind}`, kind === 'pdf' ? 'application/pdf' : 'application/xml');
  }
}
