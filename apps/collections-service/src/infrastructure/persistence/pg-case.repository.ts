import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { CaseInvoice, CaseSnapshot, CollectionsCase } from '../../domain/case/case';
import { CaseStatus } from '../../domain/case/case-status';
import { concurrentCaseUpdate } from '../../domain/case/case.errors';
import { CaseRepository } from '../../application/ports/case.repository';

interface CaseRow {
  id: string;
  client_id: string;
  status: CaseStatus;
  stage: string;
  opened_at: Date;
  closed_at: Date | null;
  version: number;
}

interface CaseInvoiceRow {
  case_id: string;
  invoice_id: string;
  invoice_number: string;
  contract_id: string;
  currency: string;
  amount_due_cents: string;
  balance_cents: string;
  due_date: string;
  days_overdue: number;
}

/** Cases in collections.cases and their invoices; raw SQL through the caller's transaction. */
@Injectable()
export class PgCaseRepository implements CaseRepository {
  /** The client's open case, locked for the rest of the transaction. */
  async openCaseOfClient(manager: EntityManager, clientId: string): Promise<CollectionsCase | undefined> {
    const rows: CaseRow[] = await manager.query(`SELECT * FROM collections.cases WHERE client_id = $1 AND status = 'open' FOR UPDATE`, [clientId]);
    return rows[0] ? this.withInvoices(manager, rows[0]) : undefined;
  }

  /** The open case holding the invoice, locked. */
  async openCaseHolding(manager: EntityManager, invoiceId: string): Promise<CollectionsCase | undefined> {
    const rows: CaseRow[] = await manager.query(
      `SELECT c.* FROM collections.cases c JOIN collections.case_invoices i ON i.case_id = c.id
        WHERE i.invoice_id = $1 AND c.status = 'open' FOR UPDATE OF c`,
      [invoiceId],
    );
    return rows[0] ? this.withInvoices(manager, rows[0]) : undefined;
  }

  async byId(manager: EntityManager, caseId: string): Promise<CaseSnapshot | undefined> {
    const rows: CaseRow[] = await manager.query(`SELECT * FROM collections.cases WHERE id = $1`, [caseId]);
    return rows[0] ? (await this.withInvoices(manager, rows[0])).snapshot() : undefined;
  }

  async ofClient(manager: EntityManager, clientId: string): Promise<CaseSnapshot[]> {
    const rows: CaseRow[] = await manager.query(`SELECT * FROM collections.cases WHERE client_id = $1 ORDER BY opened_at DESC, id DESC`, [clientId]);
    return Promise.all(rows.map(async (row) => (await this.withInvoices(manager, row)).snapshot()));
  }

  /** Inserts a new case or updates a loaded one if nobody changed it meanwhile. */
  async save(manager: EntityManager, collectionsCase: CollectionsCase): Promise<void> {
    const snapshot = collectionsCase.snapshot();
    if (snapshot.version === 0) {
      await manager.query(
        `INSERT INTO collections.cases (id, client_id, status, stage, opened_at, closed_at, version) VALUES ($1, $2, $3, $4, $5, $6, 1)`,
        [snapshot.id, snapshot.clientId, snapshot.status, snapshot.stage, snapshot.openedAt, snapshot.closedAt],
      );
    } else {
      const [, affected] = (await manager.query(
        `UPDATE collections.cases SET status = $3, stage = $4, closed_at = $5, version = version + 1 WHERE id = $1 AND version = $2`,
        [snapshot.id, snapshot.version, snapshot.status, snapshot.stage, snapshot.closedAt],
      )) as [unknown, number];
      if (affected !== 1) throw concurrentCaseUpdate(snapshot.id);
    }
    for (const [position, invoice] of snapshot.invoices.entries()) {
      await manager.query(
        `INSERT INTO collections.case_invoices
           (case_id, invoice_id, invoice_number, contract_id, currency, amount_due_cents, balance_cents, due_date, days_overdue, position)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
         ON CONFLICT (case_id, invoice_id) DO UPDATE SET balance_cents = EXCLUDED.balance_cents`,
        [snapshot.id, invoice.invoiceId, invoice.invoiceNumber, invoice.contractId, invoice.currency, invoice.amountDueCents, invoice.balanceCents, invoice.dueDate, invoice.daysOverdue, position + 1],
      );
    }
  }

  async recordSettled(manager: EntityManager, invoiceId: string, at: Date): Promise<void> {
    await manager.query(`INSERT INTO collections.settled_invoices (invoice_id, settled_at) VALUES ($1, $2) ON CONFLICT DO NOTHING`, [invoiceId, at]);
  }

  async isSettled(manager: EntityManager, invoiceId: string): Promise<boolean> {
    const rows: unknown[] = await manager.query(`SELECT 1 FROM collections.settled_invoices WHERE invoice_id = $1`, [invoiceId]);
    return rows.length > 0;
  }

  private async withInvoices(manager: EntityManager, row: CaseRow): Promise<CollectionsCase> {
    const invoices: CaseInvoiceRow[] = await manager.query(
      `SELECT case_id, invoice_id, invoice_number, contract_id, currency, amount_due_cents, balance_cents,
              to_char(due_date, 'YYYY-MM-DD') AS due_date, days_overdue FROM collections.case_invoices WHERE case_id = $1 ORDER BY position`,
      [row.id],
    );
    return CollectionsCase.restore({
      id: row.id,
      clientId: row.client_id,
      status: row.status,
      stage: row.stage,
      openedAt: new Date(row.opened_at),
      closedAt: row.closed_at ? new Date(row.closed_at) : null,
      version: row.version,
      invoices: invoices.map(toCaseInvoice),
    });
  }
}

function toCaseInvoice(row: CaseInvoiceRow): CaseInvoice {
  return {
    invoiceId: row.invoice_id,
    invoiceNumber: row.invoice_number,
    contractId: row.contract_id,
    currency: row.currency,
    amountDueCents: cents(row.amount_due_cents),
    balanceCents: cents(row.balance_cents),
    dueDate: row.due_date,
    daysOverdue: row.days_overdue,
  };
}

/** pg returns bigint as text; money must come back as a safe integer or not at all. */
function cents(value: string): number {
  const amount = Number(value);
  if (!Number.isSafeInteger(amount)) throw new Error(`stored amount ${value} is not a safe integer of cents`);
  return amount;
}
