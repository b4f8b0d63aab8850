import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import {
  ContractTerms,
  ContractTermsRepository,
  FinancialReadModel,
  type ContractFinancials,
  InvoiceNumberSeries,
  PaymentRepository,
  PendingBillingTrigger,
  PendingBillingTriggers,
} from '../../application/ports/invoicing.ports';
import type { Payment } from '../../domain/payment/payment';
import { centsFrom, isoOrNull } from './pg-values';

type Row = Record<string, unknown>;

@Injectable()
export class PgContractTermsRepository extends ContractTermsRepository {
  async remember(manager: EntityManager, terms: ContractTerms): Promise<void> {
    await manager.query(
      `INSERT INTO invoicing.contracts (contract_id, client_id, client_name, title, currency, total_value_cents, net_days,
         tax_rate_bps, retainage_bps, purchase_order_ref, schedule_version, activated_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)
       ON CONFLICT (contract_id) DO NOTHING`,
      [
        terms.contractId, terms.clientId, terms.clientName, terms.title, terms.currency, terms.totalValueCents, terms.netDays,
        terms.taxRateBps, terms.retainageBps, terms.purchaseOrderRef, terms.scheduleVersion, terms.activatedAt,
      ],
    );
  }

  async find(manager: EntityManager, contractId: string): Promise<ContractTerms | null> {
    const rows: Row[] = await manager.query(`SELECT * FROM invoicing.contracts WHERE contract_id = $1`, [contractId]);
    const row = rows[0];
    if (!row) return null;
    return {
      contractId: row.contract_id as string,
      clientId: row.client_id as string,
      clientName: (row.client_name as string | null) ?? null,
      title: row.title as string,
      currency: row.currency as string,
      totalValueCents: centsFrom(row.total_value_cents, 'total_value_cents'),
      netDays: Number(row.net_days),
      taxRateBps: Number(row.tax_rate_bps),
      retainageBps: Number(row.retainage_bps),
      purchaseOrderRef: (row.purchase_order_ref as string | null) ?? null,
      scheduleVersion: Number(row.schedule_version),
      activatedAt: isoOrNull(row.activated_at) as string,
    };
  }
}

@Injectable()
export class PgInvoiceNumberSeries extends InvoiceNumberSeries {
  /**
   * Locks the series' counter row until the transaction ends: concurrent issues queue behind it,
   * and a rolled-back issue releases it untouched, so no number is ever skipped (a sequence
   * object would burn numbers on rollback).
   */
  async lockLastSequence(manager: EntityManager, series: string): Promise<number> {
    await manager.query(`INSERT INTO invoicing.invoice_number_series (series, last_sequence) VALUES ($1, 0) ON CONFLICT (series) DO NOTHING`, [series]);
    const rows: Row[] = await manager.query(`SELECT last_sequence FROM invoicing.invoice_number_series WHERE series = $1 FOR UPDATE`, [series]);
    return Number(rows[0].last_sequence);
  }

  async advanceTo(manager: EntityManager, series: string, sequence: number): Promise<void> {
    const [, affected]: [unknown, number] = await manager.query(
      `UPDATE invoicing.invoice_number_series SET last_sequence = $2 WHERE series = $1 AND last_sequence = $2 - 1`,
      [series, sequence],
    );
    if (affected !== 1) throw new Error(`invoice series ${series} did not advance to ${sequence}: a number would be skipped or reused`);
  }
}

@Injectable()
export class PgPaymentRepository extends PaymentRepository {
  async insert(manager: EntityManager, payment: Payment): Promise<void> {
    const p = payment.snapshot();
    await manager.query(
      `INSERT INTO invoicing.payments (id, invoice_id, contract_id, client_id, currency, amount_cents, received_on, reference, recorded_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7::date, $8, $9)`,
      [p.id, p.invoiceId, p.contractId, p.clientId, p.currency, p.amountCents, p.receivedOn, p.reference, p.recordedAt],
    );
  }
}

@Injectable()
export class PgPendingBillingTriggers extends PendingBillingTriggers {
  async park(manager: EntityManager, trigger: PendingBillingTrigger): Promise<void> {
    await manager.query(
      `INSERT INTO invoicing.pending_billing_triggers (contract_id, milestone_index, milestone_id, milestone_title, amount_cents, currency, event_id)
       VALUES ($1, $2, $3, $4, $5, $6, $7)
       ON CONFLICT (contract_id, milestone_index) DO NOTHING`,
      [
        trigger.contractId, trigger.milestoneIndex, trigger.milestoneId, trigger.milestone.title, trigger.milestone.amountCents,
        trigger.milestone.currency, trigger.eventId,
      ],
    );
  }

  async takeAll(manager: EntityManager, contractId: string): Promise<PendingBillingTrigger[]> {
    const rows: Row[] = await manager.query(
      `DELETE FROM invoicing.pending_billing_triggers WHERE contract_id = $1 RETURNING *`,
      [contractId],
    ).then((result: [Row[], number]) => result[0]);
    return rows
      .map((row) => ({
        contractId: row.contract_id as string,
        milestoneIndex: Number(row.milestone_index),
        milestoneId: (row.milestone_id as string | null) ?? null,
        milestone: { title: row.milestone_title as string, amountCents: centsFrom(row.amount_cents, 'amount_cents'), currency: row.currency as string },
        eventId: row.event_id as string,
      }))
      .sort((a, b) => a.milestoneIndex - b.milestoneIndex);
  }
}

@Injectable()
export class PgFinancialReadModel extends FinancialReadModel {
  async financialsOf(manager: EntityManager, contractId: string): Promise<ContractFinancials> {
    // Issued means numbered and not voided: drafts owe nothing, a voided invoice no longer stands.
    const rows: Row[] = await manager.query(
      `SELECT coalesce(sum(total_cents), 0) AS billed, coalesce(sum(subtotal_cents), 0) AS billed_subtotal,
              coalesce(sum(amount_paid_cents), 0) AS paid
         FROM invoicing.invoices WHERE contract_id = $1 AND status IN ('open', 'paid', 'uncollectible')`,
      [contractId],
    );
    return {
      billedCents: centsFrom(rows[0].billed, 'billed'),
      billedSubtotalCents: centsFrom(rows[0].billed_subtotal, 'billed_subtotal'),
      paidCents: centsFrom(rows[0].paid, 'paid'),
    };
  }
}
