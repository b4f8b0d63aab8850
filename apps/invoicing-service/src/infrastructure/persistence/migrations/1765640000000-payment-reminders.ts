import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 11 item 1: payment reminders per invoice. `payment_reminders` holds each reminder by its
 * natural key (invoice, kind, offset days), so one is never sent twice, with its instant and where
 * it stands; `reminder_policies` the policies set per client and per contract (a contract's
 * overrides its client's, which overrides the default in code). Written by the runtime role.
 */
export class PaymentReminders1765640000000 implements MigrationInterface {
  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE invoicing.payment_reminders (
       invoice_id  text        NOT NULL,
       kind        text        NOT NULL CHECK (kind IN ('before_due', 'on_due', 'after_due')),
       offset_days integer     NOT NULL CHECK (offset_days >= 0),
       remind_at   timestamptz NOT NULL,
       status      text        NOT NULL CHECK (status IN ('scheduled', 'sent', 'cancelled', 'skipped')),
       settled_at  timestamptz,
       PRIMARY KEY (invoice_id, kind, offset_days),
       CHECK ((kind = 'on_due') = (offset_days = 0))
     )`);
    await queryRunner.query(`CREATE TABLE invoicing.reminder_policies (
       scope           text        NOT NULL CHECK (scope IN ('client', 'contract')),
       scope_id        text        NOT NULL,
       before_due_days integer     NOT NULL CHECK (before_due_days >= 0),
       on_due          boolean     NOT NULL,
       after_due_days  integer[]   NOT NULL,
       updated_at      timestamptz NOT NULL,
       updated_by      text,
       PRIMARY KEY (scope, scope_id)
     )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE invoicing.reminder_policies`);
    await queryRunner.query(`DROP TABLE invoicing.payment_reminders`);
  }
}
