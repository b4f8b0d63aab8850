import { EntitySchema } from 'typeorm';
import { minorUnitsColumn } from '@mb/platform';
import type { PaymentPlanStatus } from '../../domain/payment-plan/payment-plan';

/** A row of collections.payment_plans. */
export interface PaymentPlanRecord {
  id: string;
  caseId: string;
  clientId: string;
  currency: string;
  totalCents: number;
  status: PaymentPlanStatus;
  timeZone: string;
  graceDays: number;
  reminderDaysBefore: number;
  proposedAt: Date;
  proposedBy: string;
  agreedAt: Date | null;
  agreedBy: string | null;
  endedAt: Date | null;
  version: number;
}

/** A row of collections.payment_plan_invoices: an invoice the plan covers. */
export interface PaymentPlanInvoiceRecord {
  paymentPlanId: string;
  invoiceId: string;
  invoiceNumber: string;
  contractId: string;
  amountCents: number;
  position: number;
}

/** A row of collections.payment_plan_instalments: the down payment (number 0) or an instalment. */
export interface PaymentPlanInstalmentRecord {
  paymentPlanId: string;
  number: number;
  kind: 'down_payment' | 'instalment';
  /** A calendar date: TypeORM keeps `date` columns as YYYY-MM-DD text. */
  dueDate: string;
  amountCents: number;
  paidCents: number;
  paidAt: Date | null;
}

export const PaymentPlanEntity = new EntitySchema<PaymentPlanRecord>({
  name: 'PaymentPlan',
  schema: 'collections',
  tableName: 'payment_plans',
  columns: {
    id: { type: 'text', primary: true },
    caseId: { type: 'text', name: 'case_id' },
    clientId: { type: 'text', name: 'client_id' },
    currency: { type: 'text' },
    totalCents: { type: 'bigint', name: 'total_cents', transformer: minorUnitsColumn },
    status: { type: 'text' },
    timeZone: { type: 'text', name: 'time_zone' },
    graceDays: { type: 'integer', name: 'grace_days' },
    reminderDaysBefore: { type: 'integer', name: 'reminder_days_before' },
    proposedAt: { type: 'timestamptz', name: 'proposed_at' },
    proposedBy: { type: 'text', name: 'proposed_by' },
    agreedAt: { type: 'timestamptz', name: 'agreed_at', nullable: true },
    agreedBy: { type: 'text', name: 'agreed_by', nullable: true },
    endedAt: { type: 'timestamptz', name: 'ended_at', nullable: true },
    version: { type: 'integer' },
  },
});

export const PaymentPlanInvoiceEntity = new EntitySchema<PaymentPlanInvoiceRecord>({
  name: 'PaymentPlanInvoice',
  schema: 'collections',
  tableName: 'payment_plan_invoices',
  columns: {
    paymentPlanId: { type: 'text', name: 'payment_plan_id', primary: true },
    invoiceId: { type: 'text', name: 'invoice_id', primary: true },
    invoiceNumber: { type: 'text', name: 'invoice_number' },
    contractId: { type: 'text', name: 'contract_id' },
    amountCents: { type: 'bigint', name: 'amount_cents', transformer: minorUnitsColumn },
    position: { type: 'integer' },
  },
});

export const PaymentPlanInstalmentEntity = new EntitySchema<PaymentPlanInstalmentRecord>({
  name: 'PaymentPlanInstalment',
  schema: 'collections',
  tableName: 'payment_plan_instalments',
  columns: {
    paymentPlanId: { type: 'text', name: 'payment_plan_id', primary: true },
    number: { type: 'integer', primary: true },
    kind: { type: 'text' },
    dueDate: { type: 'date', name: 'due_date' },
    amountCents: { type: 'bigint', name: 'amount_cents', transformer: minorUnitsColumn },
    paidCents: { type: 'bigint', name: 'paid_cents', transformer: minorUnitsColumn },
    paidAt: { type: 'timestamptz', name: 'paid_at', nullable: true },
  },
});
