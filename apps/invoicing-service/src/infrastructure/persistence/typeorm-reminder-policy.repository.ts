import { Injectable } from '@nestjs/common';
import { TypeOrmUnitOfWork } from '@mb/messaging';
import { type ReminderPolicyScope, ReminderPolicyRepository, type StoredReminderPolicy } from '../../application/ports/reminder-policy.repository';

interface ReminderPolicyRow {
  scope: ReminderPolicyScope;
  scope_id: string;
  before_due_days: number;
  on_due: boolean;
  after_due_days: number[];
  updated_at: Date;
  updated_by: string | null;
}

@Injectable()
export class TypeOrmReminderPolicyRepository extends ReminderPolicyRepository {
  constructor(private readonly unitOfWork: TypeOrmUnitOfWork) {
    super();
  }

  async find(scope: ReminderPolicyScope, scopeId: string): Promise<StoredReminderPolicy | null> {
    const rows: ReminderPolicyRow[] = await this.unitOfWork.readManager().query(
      `SELECT scope, scope_id, before_due_days, on_due, after_due_days, updated_at, updated_by FROM invoicing.reminder_policies WHERE scope = $1 AND scope_id = $2`,
      [scope, scopeId],
    );
    const row = rows[0];
    if (!row) return null;
    return {
      scope: row.scope,
      scopeId: row.scope_id,
      policy: { beforeDueDays: row.before_due_days, onDue: row.on_due, afterDueDays: row.after_due_days.map(Number) },
      updatedAt: new Date(row.updated_at),
      updatedBy: row.updated_by,
    };
  }

  async save(stored: StoredReminderPolicy): Promise<void> {
    await this.unitOfWork.currentManager().query(
      `INSERT INTO invoicing.reminder_policies (scope, scope_id, before_due_days, on_due, after_due_days, updated_at, updated_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7)
       ON CONFLICT (scope, scope_id) DO UPDATE SET before_due_days = EXCLUDED.before_due_days, on_due = EXCLUDED.on_due,
         after_due_days = EXCLUDED.after_due_days, updated_at = EXCLUDED.updated_at, updated_by = EXCLUDED.updated_by`,
      [stored.scope, stored.scopeId, stored.policy.beforeDueDays, stored.policy.onDue, [...stored.policy.afterDueDays], stored.updatedAt, stored.updatedBy],
    );
  }

  async remove(scope: ReminderPolicyScope, scopeId: string): Promise<boolean> {
    const rows: unknown[] = await this.unitOfWork.currentManager().query(
      `DELETE FROM invoicing.reminder_policies WHERE scope = $1 AND scope_id = $2 RETURNING scope`,
      [scope, scopeId],
    );
    return rows.length > 0;
  }

  async clientKnown(clientId: string): Promise<boolean> {
    const rows: unknown[] = await this.unitOfWork.readManager().query(`SELECT 1 FROM invoicing.contracts WHERE client_id = $1 LIMIT 1`, [clientId]);
    return rows.length > 0;
  }
}
