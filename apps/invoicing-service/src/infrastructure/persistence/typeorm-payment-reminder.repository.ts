import { Injectable } from '@nestjs/common';
import { TypeOrmUnitOfWork } from '@mb/messaging';
import {
  type OpenInvoiceScope,
  PaymentReminderRepository,
  type PaymentReminderRecord,
  type PaymentReminderStatus,
} from '../../application/ports/payment-reminder.repository';
import type { PaymentReminderKind } from '../../domain/payment-reminder/reminder-schedule';

interface PaymentReminderRow {
  invoice_id: string;
  kind: PaymentReminderKind;
  offset_days: number;
  remind_at: Date;
  status: PaymentReminderStatus;
  settled_at: Date | null;
}

@Injectable()
export class TypeOrmPaymentReminderRepository extends PaymentReminderRepository {
  constructor(private readonly unitOfWork: TypeOrmUnitOfWork) {
    super();
  }

  async forInvoice(invoiceId: string, options: { forUpdate?: boolean } = {}): Promise<PaymentReminderRecord[]> {
    const manager = options.forUpdate ? this.unitOfWork.currentManager() : this.unitOfWork.readManager();
    const rows: PaymentReminderRow[] = await manager.query(
      `SELECT invoice_id, kind, offset_days, remind_at, status, settled_at FROM invoicing.payment_reminders
        WHERE invoice_id = $1 ORDER BY remind_at, kind, offset_days${options.forUpdate ? ' FOR UPDATE' : ''}`,
      [invoiceId],
    );
    return rows.map((row) => ({
      invoiceId: row.invoice_id,
      kind: row.kind,
      offsetDays: row.offset_days,
      remindAt: new Date(row.remind_at),
      status: row.status,
      settledAt: row.settled_at ? new Date(row.settled_at) : null,
    }));
  }

  async schedule(invoiceId: string, kind: PaymentReminderKind, offsetDays: number, remindAt: Date): Promise<void> {
    // A reminder sent or skipped stays so: the natural key never sends twice.
    await this.unitOfWork.currentManager().query(
      `INSERT INTO invoicing.payment_reminders AS known (invoice_id, kind, offset_days, remind_at, status, settled_at)
       VALUES ($1, $2, $3, $4, 'scheduled', NULL)
       ON CONFLICT (invoice_id, kind, offset_days) DO UPDATE SET remind_at = EXCLUDED.remind_at, status = 'scheduled', settled_at = NULL
       WHERE known.status IN ('scheduled', 'cancelled')`,
      [invoiceId, kind, offsetDays, remindAt],
    );
  }

  async settle(invoiceId: string, kind: PaymentReminderKind, offsetDays: number, status: Exclude<PaymentReminderStatus, 'scheduled'>, at: Date): Promise<void> {
    await this.unitOfWork.currentManager().query(
      `UPDATE invoicing.payment_reminders SET status = $4, settled_at = $5 WHERE invoice_id = $1 AND kind = $2 AND offset_days = $3 AND status = 'scheduled'`,
      [invoiceId, kind, offsetDays, status, at],
    );
  }

  async openInvoicesWithoutReminders(afterId: string | null, limit: number): Promise<string[]> {
    const rows: { id: string }[] = await this.unitOfWork.readManager().query(
      `SELECT invoice.id FROM invoicing.invoices invoice
        WHERE invoice.status = 'open' AND ($1::text IS NULL OR invoice.id > $1)
          AND NOT EXISTS (SELECT 1 FROM invoicing.payment_reminders reminder WHERE reminder.invoice_id = invoice.id)
        ORDER BY invoice.id LIMIT $2`,
      [afterId, limit],
    );
    return rows.map((row) => row.id);
  }

  async openInvoicesOf(scope: OpenInvoiceScope): Promise<string[]> {
    const [column, value] = 'clientId' in scope ? ['client_id', scope.clientId] : ['contract_id', scope.contractId];
    const rows: { id: string }[] = await this.unitOfWork.readManager().query(
      `SELECT id FROM invoicing.invoices WHERE status = 'open' AND ${column} = $1 ORDER BY id`,
      [value],
    );
    return rows.map((row) => row.id);
  }
}
