import { Injectable } from '@nestjs/common';
import { TypeOrmUnitOfWork } from '@mb/messaging';
import { minorUnitsColumn } from '@mb/platform';
import { ReceivablesReportSource, type ReceivablesScope, type UnbilledContract } from '../../application/ports/receivables-report.port';
import type { OpenBalance } from '../../domain/receivables/aging';
import type { PaymentHabit, PendingDraft } from '../../domain/receivables/cash-forecast';
import type { PeriodReceivables } from '../../domain/receivables/collection-ratios';

/**
 * The receivables reports' figures in SQL. Raw queries: each is an aggregate (sums grouped per
 * client, currency, due date), which entities do not map. Sums come back as text (bigint) and are
 * read as the money columns are, safely or not at all. Dates come back as YYYY-MM-DD text.
 */
@Injectable()
export class TypeOrmReceivablesReportSource extends ReceivablesReportSource {
  constructor(private readonly unitOfWork: TypeOrmUnitOfWork) {
    super();
  }

  async openBalances(scope: ReceivablesScope): Promise<OpenBalance[]> {
    // The balance is balanceOf's (domain/invoice/invoice.ts): payable − paid − credited.
    const { where, parameters } = scopeOf(scope, ["status = 'open'"]);
    const rows = await this.query<{ client_id: string; client_name: string | null; currency: string; client_time_zone: string; due_date: string; balance: string; invoices: number }>(
      `SELECT client_id, max(client_name) AS client_name, currency, client_time_zone, to_char(due_date, 'YYYY-MM-DD') AS due_date,
              sum(payable_cents - amount_paid_cents - amount_credited_cents)::text AS balance, count(*)::int AS invoices
         FROM invoicing.invoices WHERE ${where}
        GROUP BY client_id, currency, client_time_zone, due_date`,
      parameters,
    );
    return rows.map((row) => ({
      clientId: row.client_id,
      clientName: row.client_name,
      currency: row.currency,
      clientTimeZone: row.client_time_zone,
      dueDate: row.due_date,
      balanceCents: cents(row.balance),
      invoiceCount: row.invoices,
    }));
  }

  async periodReceivables(from: string, to: string, scope: ReceivablesScope): Promise<Omit<PeriodReceivables, 'days'>[]> {
    // AR(d) = Σ over invoices issued on or before d of (payable − credited − what was allocated to
    // them from payments received on or before d, or from credit applied by then), each at least 0. Open and paid invoices only: a voided invoice was never owed,
    // and an uncollectible one's write-off carries no date here yet, so it is left out throughout.
    // What was credited counts from the invoice's issue: credit notes' own dates are not read yet.
    const { where, parameters } = scopeOf(scope, ["invoice.status IN ('open', 'paid')", 'invoice.issue_date <= $TO::date'], { TO: to, FROM: from }, 'invoice.');
    const rows = await this.query<{ currency: string; begin_ar: string; end_ar: string; end_current_ar: string; sales: string }>(
      `WITH issued AS (
         SELECT invoice.currency, invoice.issue_date, invoice.due_date, invoice.payable_cents - invoice.amount_credited_cents AS owed,
                coalesce(received.before_period, 0) AS paid_before_period, coalesce(received.by_end, 0) AS paid_by_end
           FROM invoicing.invoices invoice
           LEFT JOIN (SELECT allocation.invoice_id,
                             sum(allocation.amount_cents) FILTER (WHERE coalesce(payment.received_on, allocation.allocated_at::date) < $FROM::date) AS before_period,
                             sum(allocation.amount_cents) AS by_end
                        FROM invoicing.payment_allocations allocation
                        LEFT JOIN invoicing.payments payment ON payment.id = allocation.payment_id
                       WHERE coalesce(payment.received_on, allocation.allocated_at::date) <= $TO::date
                       GROUP BY allocation.invoice_id) received ON received.invoice_id = invoice.id
          WHERE ${where}
       )
       SELECT currency,
              coalesce(sum(greatest(owed - paid_before_period, 0)) FILTER (WHERE issue_date < $FROM::date), 0)::text AS begin_ar,
              coalesce(sum(greatest(owed - paid_by_end, 0)), 0)::text AS end_ar,
              coalesce(sum(greatest(owed - paid_by_end, 0)) FILTER (WHERE due_date >= $TO::date), 0)::text AS end_current_ar,
              coalesce(sum(owed) FILTER (WHERE issue_date >= $FROM::date), 0)::text AS sales
         FROM issued GROUP BY currency ORDER BY currency`,
      parameters,
    );
    return rows.map((row) => ({
      currency: row.currency,
      beginArCents: cents(row.begin_ar),
      endArCents: cents(row.end_ar),
      endCurrentArCents: cents(row.end_current_ar),
      creditSalesCents: cents(row.sales),
    }));
  }

  async unbilledContracts(scope: ReceivablesScope, afterId: string | null, limit: number): Promise<UnbilledContract[]> {
    // As the contract's financial status counts it: the value is in schedule terms (before tax),
    // so billed is the issued invoices' subtotals; drafts are not billed, voided ones no longer.
    const conditions = afterId === null ? [] : ['contract.contract_id > $AFTER'];
    const { where, parameters } = scopeOf(scope, conditions, { AFTER: afterId, LIMIT: limit }, 'contract.');
    const rows = await this.query<{ contract_id: string; client_id: string; client_name: string | null; title: string; currency: string; total_value: string; billed: string }>(
      `SELECT contract.contract_id, contract.client_id, contract.client_name, contract.title, contract.currency,
              contract.total_value_cents::text AS total_value,
              coalesce((SELECT sum(invoice.subtotal_cents) FROM invoicing.invoices invoice
                         WHERE invoice.contract_id = contract.contract_id AND invoice.status IN ('open', 'paid', 'uncollectible')), 0)::text AS billed
         FROM invoicing.contracts contract WHERE ${where}
        ORDER BY contract.contract_id LIMIT $LIMIT`,
      parameters,
    );
    return rows.map((row) => {
      const totalValueCents = cents(row.total_value);
      const billedCents = cents(row.billed);
      return {
        contractId: row.contract_id,
        clientId: row.client_id,
        clientName: row.client_name,
        title: row.title,
        currency: row.currency,
        totalValueCents,
        billedCents,
        unbilledCents: totalValueCents - billedCents,
      };
    });
  }

  async paymentHabits(scope: ReceivablesScope): Promise<PaymentHabit[]> {
    // Days late in the client's calendar: the date it was paid there, less its due date. Invoices
    // settled at issue (nothing payable) say nothing of how a client pays and are left out.
    const { where, parameters } = scopeOf(scope, ["status = 'paid'", 'paid_at IS NOT NULL', 'due_date IS NOT NULL', 'payable_cents > 0']);
    const rows = await this.query<{ client_id: string; days: number; invoices: number }>(
      `SELECT client_id, ((paid_at AT TIME ZONE client_time_zone)::date - due_date) AS days, count(*)::int AS invoices
         FROM invoicing.invoices WHERE ${where}
        GROUP BY client_id, days`,
      parameters,
    );
    const habits = new Map<string, { days: number; invoices: number }[]>();
    for (const row of rows) habits.set(row.client_id, [...(habits.get(row.client_id) ?? []), { days: row.days, invoices: row.invoices }]);
    return [...habits.entries()].map(([clientId, daysLate]) => ({ clientId, daysLate }));
  }

  async draftPipeline(scope: ReceivablesScope): Promise<PendingDraft[]> {
    // Drafts only: a discarded draft (its milestone cancelled) is never owed.
    const { where, parameters } = scopeOf(scope, ["status = 'draft'"]);
    const rows = await this.query<{ client_id: string; currency: string; planned_date: string | null; net_days: number; drafts: number; payable: string }>(
      `SELECT client_id, currency, to_char(planned_date, 'YYYY-MM-DD') AS planned_date, net_days, count(*)::int AS drafts, sum(payable_cents)::text AS payable
         FROM invoicing.invoices WHERE ${where}
        GROUP BY client_id, currency, planned_date, net_days`,
      parameters,
    );
    return rows.map((row) => ({ clientId: row.client_id, currency: row.currency, plannedDate: row.planned_date, netDays: row.net_days, payableCents: cents(row.payable), drafts: row.drafts }));
  }

  /** Runs SQL whose parameters are named ($NAME), numbering them as pg wants ($1, $2 ...). */
  private async query<Row>(sql: string, named: Record<string, unknown>): Promise<Row[]> {
    const values: unknown[] = [];
    const positions = new Map<string, number>();
    const numbered = sql.replace(/\$([A-Z_]+)/g, (_match, name: string) => {
      if (!(name in named)) throw new Error(`no value for the SQL parameter $${name}`);
      let position = positions.get(name);
      if (position === undefined) {
        values.push(named[name]);
        position = values.length;
        positions.set(name, position);
      }
      return `$${position}`;
    });
    return (await this.unitOfWork.readManager().query(numbered, values)) as Row[];
  }
}

/** The WHERE clause of a scope (client, currency) and other conditions, with their named parameters. */
function scopeOf(scope: ReceivablesScope, conditions: string[], extra: Record<string, unknown> = {}, alias = ''): { where: string; parameters: Record<string, unknown> } {
  const all = [...conditions];
  const parameters: Record<string, unknown> = { ...extra };
  if (scope.clientId !== undefined) {
    all.push(`${alias}client_id = $CLIENT_ID`);
    parameters.CLIENT_ID = scope.clientId;
  }
  if (scope.currency !== undefined) {
    all.push(`${alias}currency = $CURRENCY`);
    parameters.CURRENCY = scope.currency;
  }
  return { where: all.length > 0 ? all.join(' AND ') : 'true', parameters };
}

function cents(sum: string | null): number {
  return sum === null ? 0 : minorUnitsColumn.from(sum);
}
