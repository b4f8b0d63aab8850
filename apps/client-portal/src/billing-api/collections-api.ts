import { ServiceClient } from './service-client';

export interface CollectionsCase {
  readonly id: string;
  readonly status: 'open' | 'handed_off' | 'closed';
  readonly stage: string;
  readonly stage_entered_at: string;
  readonly opened_at: string;
  readonly balances: ReadonlyArray<{ currency: string; balance_cents: number }>;
  readonly invoices: ReadonlyArray<{ invoice_id: string; invoice_number: string; currency: string; balance_cents: number; due_date: string; days_overdue: number; disputed: boolean }>;
}

export interface PaymentPlan {
  readonly id: string;
  readonly case_id: string;
  /** `proposed` is a plan finance offers and the client has not yet accepted. */
  readonly status: 'proposed' | 'agreed' | 'completed' | 'broken' | string;
  readonly currency: string;
  readonly total_cents: number;
  readonly paid_cents: number;
  readonly instalments: ReadonlyArray<{ instalment_index: number; kind: 'down_payment' | 'instalment'; due_date: string; amount_cents: number; paid_cents: number; paid_at: string | null }>;
}

export interface Dispute {
  readonly id: string;
  readonly invoice_id: string;
  readonly currency: string;
  readonly amount_cents: number;
  readonly reason: string;
  readonly status: 'open' | 'upheld' | 'rejected' | 'withdrawn' | string;
  readonly opened_at: string;
}

/** collections-service: the client's cases, payment plans and disputes. */
export class CollectionsApi {
  constructor(private readonly api: ServiceClient) {}

  async casesOf(clientId: string): Promise<CollectionsCase[]> {
    return (await this.api.json<{ data: CollectionsCase[] }>('GET', `/v1/cases?client_id=${encodeURIComponent(clientId)}`)).data;
  }

  async paymentPlansOf(caseId: string): Promise<PaymentPlan[]> {
    return (await this.api.json<{ data: PaymentPlan[] }>('GET', `/v1/cases/${encodeURIComponent(caseId)}/payment-plans`)).data;
  }

  paymentPlan(planId: string): Promise<PaymentPlan> {
    return this.api.json('GET', `/v1/payment-plans/${encodeURIComponent(planId)}`);
  }

  acceptPaymentPlan(planId: string, idempotencyKey: string): Promise<PaymentPlan> {
    return this.api.json('POST', `/v1/payment-plans/${encodeURIComponent(planId)}/accept`, { idempotencyKey });
  }

  /** The client's disputes (the API filters by client and status, not by invoice). */
  async disputesOf(clientId: string): Promise<Dispute[]> {
    return (await this.api.json<{ data: Dispute[] }>('GET', `/v1/disputes?client_id=${encodeURIComponent(clientId)}`)).data;
  }

  /** A dispute of the whole invoice (no amount_cents) with the client's reason. */
  openDispute(invoiceId: string, reason: string, idempotencyKey: string): Promise<Dispute> {
    return this.api.json('POST', `/v1/invoices/${encodeURIComponent(invoiceId)}/disputes`, { body: { reason }, idempotencyKey });
  }

  withdrawDispute(disputeId: string, idempotencyKey: string): Promise<Dispute> {
    return this.api.json('POST', `/v1/disputes/${encodeURIComponent(disputeId)}/withdraw`, { idempotencyKey });
  }
}
