import { EntitySchema } from 'typeorm';
import { minorUnitsColumn } from '@mb/platform';
import type { PaymentMethod } from '../../domain/payment/payment';

/** A row of invoicing.payments. */
export interface PaymentRecord {
  id: string;
  /** Set only on payments recorded before cash application (issue 10), which paid one invoice; their allocation is copied to payment_allocations. */
  invoiceId: string | null;
  contractId: string | null;
  clientId: string;
  currency: string;
  amountCents: number;
  /** A calendar date, kept as YYYY-MM-DD text. */
  receivedOn: string;
  method: PaymentMethod;
  externalReference: string | null;
  unappliedCents: number;
  recordedAt: Date;
}

export const PaymentEntity = new EntitySchema<PaymentRecord>({
  name: 'Payment',
  schema: 'invoicing',
  tableName: 'payments',
  columns: {
    id: { type: 'text', primary: true },
    invoiceId: { type: 'text', name: 'invoice_id', nullable: true },
    contractId: { type: 'text', name: 'contract_id', nullable: true },
    clientId: { type: 'text', name: 'client_id' },
    currency: { type: 'text' },
    amountCents: { type: 'bigint', name: 'amount_cents', transformer: minorUnitsColumn },
    receivedOn: { type: 'date', name: 'received_on' },
    method: { type: 'text' },
    externalReference: { type: 'text', name: 'external_reference', nullable: true },
    unappliedCents: { type: 'bigint', name: 'unapplied_cents', transformer: minorUnitsColumn },
    recordedAt: { type: 'timestamptz', name: 'recorded_at' },
  },
});

/** A row of invoicing.payment_allocations: part of a payment, or of a client's credit, applied to one invoice. */
export interface PaymentAllocationRecord {
  id: string;
  /** Null for a credit applied at issue (source `credit`). */
  paymentId: string | null;
  source: 'payment' | 'credit';
  invoiceId: string;
  contractId: string;
  clientId: string;
  currency: string;
  amountCents: number;
  allocatedAt: Date;
}

export const PaymentAllocationEntity = new EntitySchema<PaymentAllocationRecord>({
  name: 'PaymentAllocation',
  schema: 'invoicing',
  tableName: 'payment_allocations',
  columns: {
    id: { type: 'text', primary: true },
    paymentId: { type: 'text', name: 'payment_id', nullable: true },
    source: { type: 'text' },
    invoiceId: { type: 'text', name: 'invoice_id' },
    contractId: { type: 'text', name: 'contract_id' },
    clientId: { type: 'text', name: 'client_id' },
    currency: { type: 'text' },
    amountCents: { type: 'bigint', name: 'amount_cents', transformer: minorUnitsColumn },
    allocatedAt: { type: 'timestamptz', name: 'allocated_at' },
  },
});

/** A row of invoicing.client_balances: a client's unapplied credit in one currency. */
export interface ClientBalanceRecord {
  clientId: string;
  currency: string;
  unappliedCents: number;
  updatedAt: Date;
}

export const ClientBalanceEntity = new EntitySchema<ClientBalanceRecord>({
  name: 'ClientBalance',
  schema: 'invoicing',
  tableName: 'client_balances',
  columns: {
    clientId: { type: 'text', name: 'client_id', primary: true },
    currency: { type: 'text', primary: true },
    unappliedCents: { type: 'bigint', name: 'unapplied_cents', transformer: minorUnitsColumn },
    updatedAt: { type: 'timestamptz', name: 'updated_at' },
  },
});

/** A row of invoicing.refunds. */
export interface RefundRecord {
  id: string;
  clientId: string;
  currency: string;
  amountCents: number;
  refundedOn: string;
  method: PaymentMethod;
  externalReference: string | null;
  reason: string | null;
  unappliedCentsAfter: number;
  recordedAt: Date;
}

export const RefundEntity = new EntitySchema<RefundRecord>({
  name: 'Refund',
  schema: 'invoicing',
  tableName: 'refunds',
  columns: {
    id: { type: 'text', primary: true },
    clientId: { type: 'text', name: 'client_id' },
    currency: { type: 'text' },
    amountCents: { type: 'bigint', name: 'amount_cents', transformer: minorUnitsColumn },
    refundedOn: { type: 'date', name: 'refunded_on' },
    method: { type: 'text' },
    externalReference: { type: 'text', name: 'external_reference', nullable: true },
    reason: { type: 'text', nullable: true },
    unappliedCentsAfter: { type: 'bigint', name: 'unapplied_cents_after', transformer: minorUnitsColumn },
    recordedAt: { type: 'timestamptz', name: 'recorded_at' },
  },
});
