import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { InvoiceRepository } from '../../application/ports/invoicing.ports';
import { Invoice, type InvoiceSnapshot } from '../../domain/invoice/invoice';
import type { InvoiceLine } from '../../domain/invoice/invoice-lines';
import { InvoiceErrors } from '../../domain/invoice/invoice.errors';
import { centsFrom, isoOrNull } from './pg-values';

// Dates as text so that a calendar date never passes through a JavaScript Date and a time zone.
const COLUMNS = `id, number, status, contract_id, client_id, client_name, contract_title, purchase_order_ref,
  milestone_index, milestone_title, milestone_id, currency, net_days, tax_rate_bps, retainage_bps, lines,
  subtotal_cents, tax_cents, retainage_cents, total_cents, payable_cents, amount_paid_cents, payment_ids,
  issue_date::text AS issue_date, due_date::text AS due_date, overdue_announced_at, paid_at, version`;

type Row = Record<string, unknown>;

interface StoredLine {
  line_number: number;
  description: string;
  amount_cents: number;
  tax_rate_bps: number;
  tax_cents: number;
  retainage_bps: number;
  retainage_cents: number;
}

function toSnapshot(row: Row): InvoiceSnapshot {
  return {
    id: row.id as string,
    number: (row.number as string | null) ?? null,
    status: row.status as InvoiceSnapshot['status'],
    contractId: row.contract_id as string,
    clientId: row.client_id as string,
    clientName: (row.client_name as string | null) ?? null,
    contractTitle: row.contract_title as string,
    purchaseOrderRef: (row.purchase_order_ref as string | null) ?? null,
    milestoneIndex: Number(row.milestone_index),
    milestoneTitle: row.milestone_title as string,
    milestoneId: (row.milestone_id as string | null) ?? null,
    currency: row.currency as string,
    netDays: Number(row.net_days),
    taxRateBps: Number(row.tax_rate_bps),
    retainageBps: Number(row.retainage_bps),
    lines: (row.lines as StoredLine[]).map(
      (line): InvoiceLine => ({
        lineNumber: line.line_number,
        description: line.description,
        amountCents: line.amount_cents,
        taxRateBps: line.tax_rate_bps,
        taxCents: line.tax_cents,
        retainageBps: line.retainage_bps,
        retainageCents: line.retainage_cents,
      }),
    ),
    subtotalCents: centsFrom(row.subtotal_cents, 'subtotal_cents'),
    taxCents: centsFrom(row.tax_cents, 'tax_cents'),
    retainageCents: centsFrom(row.retainage_cents, 'retainage_cents'),
    totalCents: centsFrom(row.total_cents, 'total_cents'),
    payableCents: centsFrom(row.payable_cents, 'payable_cents'),
    amountPaidCents: centsFrom(row.amount_paid_cents, 'amount_paid_cents'),
    paymentIds: (row.payment_ids as string[]) ?? [],
    issueDate: (row.issue_date as string | null) ?? null,
    dueDate: (row.due_date as string | null) ?? null,
    overdueAnnouncedAt: isoOrNull(row.overdue_announced_at),
    paidAt: isoOrNull(row.paid_at),
    version: Number(row.version),
  };
}

function linesJson(lines: readonly InvoiceLine[]): string {
  return JSON.stringify(
    lines.map(
      (line): StoredLine => ({
        line_number: line.lineNumber,
        description: line.description,
        amount_cents: line.amountCents,
        tax_rate_bps: line.taxRateBps,
        tax_cents: line.taxCents,
        retainage_bps: line.retainageBps,
        retainage_cents: line.retainageCents,
      }),
    ),
  );
}

@Injectable()
export class PgInvoiceRepository extends InvoiceRepository {
  async findById(manager: EntityManager, id: string, options: { forUpdate?: boolean } = {}): Promise<Invoice | null> {
    const rows: Row[] = await manager.query(`SELECT ${COLUMNS} FROM invoicing.invoices WHERE id = $1${options.forUpdate ? ' FOR UPDATE' : ''}`, [id]);
    return rows[0] ? Invoice.fromSnapshot(toSnapshot(rows[0])) : null;
  }

  async findByMilestone(manager: EntityManager, contractId: string, milestoneIndex: number, options: { forUpdate?: boolean } = {}): Promise<Invoice | null> {
    const rows: Row[] = await manager.query(
      `SELECT ${COLUMNS} FROM invoicing.invoices WHERE contract_id = $1 AND milestone_index = $2${options.forUpdate ? ' FOR UPDATE' : ''}`,
      [contractId, milestoneIndex],
    );
    return rows[0] ? Invoice.fromSnapshot(toSnapshot(rows[0])) : null;
  }

  async listByContract(manager: EntityManager, contractId: string): Promise<Invoice[]> {
    const rows: Row[] = await manager.query(`SELECT ${COLUMNS} FROM invoicing.invoices WHERE contract_id = $1 ORDER BY milestone_index`, [contractId]);
    return rows.map((row) => Invoice.fromSnapshot(toSnapshot(row)));
  }

  async lockOverdueUnannounced(manager: EntityManager, today: string, limit: number): Promise<Invoice[]> {
    const rows: Row[] = await manager.query(
      `SELECT ${COLUMNS} FROM invoicing.invoices
        WHERE status = 'open' AND overdue_announced_at IS NULL AND due_date < $1::date
        ORDER BY due_date, id
        LIMIT $2
        FOR UPDATE SKIP LOCKED`,
      [today, limit],
    );
    return rows.map((row) => Invoice.fromSnapshot(toSnapshot(row)));
  }

  async insert(manager: EntityManager, invoice: Invoice): Promise<boolean> {
    const s = invoice.snapshot();
    const rows: Row[] = await manager.query(
      `INSERT INTO invoicing.invoices (id, number, status, contract_id, client_id, client_name, contract_title, purchase_order_ref,
         milestone_index, milestone_title, milestone_id, currency, net_days, tax_rate_bps, retainage_bps, lines,
         subtotal_cents, tax_cents, retainage_cents, total_cents, payable_cents, amount_paid_cents, payment_ids,
         issue_date, due_date, overdue_announced_at, paid_at, version)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16::jsonb, $17, $18, $19, $20, $21, $22, $23,
         $24::date, $25::date, $26, $27, 1)
       ON CONFLICT (contract_id, milestone_index) DO NOTHING
       RETURNING id`,
      [
        s.id, s.number, s.status, s.contractId, s.clientId, s.clientName, s.contractTitle, s.purchaseOrderRef,
        s.milestoneIndex, s.milestoneTitle, s.milestoneId, s.currency, s.netDays, s.taxRateBps, s.retainageBps, linesJson(s.lines),
        s.subtotalCents, s.taxCents, s.retainageCents, s.totalCents, s.payableCents, s.amountPaidCents, s.paymentIds,
        s.issueDate, s.dueDate, s.overdueAnnouncedAt, s.paidAt,
      ],
    );
    return rows.length === 1;
  }

  async save(manager: EntityManager, invoice: Invoice): Promise<void> {
    const s = invoice.snapshot();
    const [, affected]: [unknown, number] = await manager.query(
      `UPDATE invoicing.invoices SET number = $3, status = $4, milestone_id = $5, amount_paid_cents = $6, payment_ids = $7,
         issue_date = $8::date, due_date = $9::date, overdue_announced_at = $10, paid_at = $11, version = version + 1, updated_at = now()
       WHERE id = $1 AND version = $2`,
      [s.id, s.version, s.number, s.status, s.milestoneId, s.amountPaidCents, s.paymentIds, s.issueDate, s.dueDate, s.overdueAnnouncedAt, s.paidAt],
    );
    if (affected !== 1) throw InvoiceErrors.concurrentUpdate(s.id);
  }
}
