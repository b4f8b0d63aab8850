import { InMemoryUnitOfWork, RecordingEventOutbox, RecordingTimers } from '@mb/testing';
import { InMemoryInvoiceDisputeRepository } from '../../../test/fakes/in-memory-invoice-dispute.repository';
import { InMemoryInvoiceRepository } from '../../../test/fakes/in-memory-invoice.repository';
import { InMemoryPaymentReminderRepository } from '../../../test/fakes/in-memory-payment-reminder.repository';
import { InMemoryReminderPolicyRepository } from '../../../test/fakes/in-memory-reminder-policy.repository';
import type { SellerIdentity } from '../../domain/documents/seller-identity';
import { anOpenInvoice, CONTRACT_ID } from '../../domain/invoice/invoice.fixtures';
import { aPaymentFor } from '../../domain/payment/payment.fixtures';
import { PAYMENT_REMINDER_TIMER, PlanPaymentRemindersHandler } from '../plan-payment-reminders/plan-payment-reminders.handler';
import { SendPaymentReminderHandler } from './send-payment-reminder.handler';

const seller: SellerIdentity = {
  legalName: 'Milestone Billing Example Ltd',
  address: { street: '1 Example Street', city: 'Exampleville', postalCode: '10115', countryCode: 'DE' },
  vatId: 'DE000000000',
  endpoint: { scheme: '9930', id: 'DE000000000' },
  payment: { account: 'DE02120300000000202051', accountName: null, bic: 'COBADEFFXXX' },
};

// anOpenInvoice: a UTC client's invoice issued 2026-05-28, due 2026-06-12, 750_000 cents.
describe('Payment reminders: planned for an open invoice, sent once when each falls due', () => {
  async function setUp(issuedAt = '2026-05-28T12:00:00Z') {
    let now = new Date(issuedAt);
    const clock = { now: () => now };
    const unitOfWork = new InMemoryUnitOfWork();
    const invoices = new InMemoryInvoiceRepository();
    const reminders = new InMemoryPaymentReminderRepository();
    const policies = new InMemoryReminderPolicyRepository();
    const timers = new RecordingTimers(unitOfWork);
    const outbox = new RecordingEventOutbox();
    const invoice = anOpenInvoice();
    await invoices.add(invoice);
    const planner = new PlanPaymentRemindersHandler(reminders, policies, timers, clock, { PAYMENT_REMINDER_LOCAL_TIME: { hour: 9, minute: 0 } });
    await unitOfWork.run(() => planner.planFor(invoice));
    const disputes = new InMemoryInvoiceDisputeRepository();
    const send = new SendPaymentReminderHandler(unitOfWork, invoices, reminders, disputes, outbox, seller, clock);
    return {
      invoice,
      disputes,
      invoices,
      reminders,
      policies,
      timers,
      outbox,
      planner,
      unitOfWork,
      send,
      moveTo: (instant: string) => (now = new Date(instant)),
    };
  }

  it('plans the default reminders at 09:00 in the client zone, each with its timer', async () => {
    const { invoice, reminders, timers } = await setUp();
    expect(await reminders.statesOf(invoice.id)).toEqual(['before_due/3:scheduled', 'on_due/0:scheduled', 'after_due/7:scheduled']);
    expect(timers.scheduled.map((timer) => [timer.timer, timer.key, timer.dueAt.toISOString()])).toEqual([
      [PAYMENT_REMINDER_TIMER, `${invoice.id}/before_due/3`, '2026-06-09T09:00:00.000Z'],
      [PAYMENT_REMINDER_TIMER, `${invoice.id}/on_due/0`, '2026-06-12T09:00:00.000Z'],
      [PAYMENT_REMINDER_TIMER, `${invoice.id}/after_due/7`, '2026-06-19T09:00:00.000Z'],
    ]);
  });

  it('skips a reminder falling due while the invoice is in dispute, and speaks again once the dispute is rejected', async () => {
    const { invoice, send, outbox, reminders, disputes, moveTo } = await setUp();
    await disputes.recordOpened({ disputeId: 'dsp_01JDISPUTE000000000000000', invoiceId: invoice.id });
    moveTo('2026-06-09T09:00:00Z');
    await expect(send.execute({ invoiceId: invoice.id, kind: 'before_due', offsetDays: 3 })).resolves.toBe('in_dispute');
    expect(outbox.recorded).toHaveLength(0);
    await disputes.recordResolved({ disputeId: 'dsp_01JDISPUTE000000000000000', invoiceId: invoice.id, status: 'rejected' });
    moveTo('2026-06-12T09:00:00Z');
    await expect(send.execute({ invoiceId: invoice.id, kind: 'on_due', offsetDays: 0 })).resolves.toBe('sent');
    expect(await reminders.statesOf(invoice.id)).toEqual(['before_due/3:skipped', 'on_due/0:sent', 'after_due/7:scheduled']);
  });

  it('does not plan a reminder whose instant has passed', async () => {
    const { invoice, reminders } = await setUp('2026-06-10T12:00:00Z');
    expect(await reminders.statesOf(invoice.id)).toEqual(['on_due/0:scheduled', 'after_due/7:scheduled']);
  });

  it('sends a reminder that fell due with the balance, the days left and how to pay, and never twice', async () => {
    const { invoice, send, outbox, reminders, moveTo } = await setUp();
    moveTo('2026-06-09T09:00:00Z');
    await expect(send.execute({ invoiceId: invoice.id, kind: 'before_due', offsetDays: 3 })).resolves.toBe('sent');
    await expect(send.execute({ invoiceId: invoice.id, kind: 'before_due', offsetDays: 3 })).resolves.toBe('not_scheduled');
    expect(outbox.only('invoice.payment_reminder_due')).toEqual({
      invoice_id: invoice.id,
      invoice_number: 'INV-2026-000001',
      contract_id: CONTRACT_ID,
      client_id: invoice.snapshot().clientId,
      milestone_index: 2,
      reminder_kind: 'before_due',
      reminder_offset_days: 3,
      reminded_at: '2026-06-09T09:00:00.000Z',
      currency: 'usd',
      amount_due_cents: 750_000,
      total_cents: 750_000,
      issue_date: '2026-05-28',
      due_date: '2026-06-12',
      days_until_due: 3,
      days_past_due: 0,
      payment_instructions: { account_name: 'Milestone Billing Example Ltd', bank_account: 'DE02120300000000202051', bank_bic: 'COBADEFFXXX', payment_reference: 'INV-2026-000001' },
      invoice_pdf_path: `/v1/invoices/${invoice.id}/pdf`,
    });
    expect(await reminders.statesOf(invoice.id)).toEqual(['before_due/3:sent', 'on_due/0:scheduled', 'after_due/7:scheduled']);
  });

  it('refuses a firing that comes before the reminder is due, so the timer retries it', async () => {
    const { invoice, send, outbox, moveTo } = await setUp();
    moveTo('2026-06-09T08:59:59Z');
    await expect(send.execute({ invoiceId: invoice.id, kind: 'before_due', offsetDays: 3 })).rejects.toThrow(/fired early/);
    expect(outbox.names()).toEqual([]);
  });

  it('sends nothing for an invoice paid meanwhile, and cancels the rest of its reminders', async () => {
    const { invoice, invoices, send, outbox, reminders, moveTo } = await setUp();
    const paid = await invoices.findById(invoice.id);
    if (!paid) throw new Error('the invoice is stored');
    aPaymentFor(paid, { id: 'pay_1', amountCents: 750_000, currency: 'usd', now: new Date('2026-06-01T10:00:00Z') });
    await invoices.save(paid);
    moveTo('2026-06-12T09:00:00Z');
    await expect(send.execute({ invoiceId: invoice.id, kind: 'on_due', offsetDays: 0 })).resolves.toBe('not_remindable');
    expect(outbox.names()).toEqual([]);
    expect(await reminders.statesOf(invoice.id)).toEqual(['before_due/3:cancelled', 'on_due/0:cancelled', 'after_due/7:cancelled']);
  });

  it('after downtime sends only the latest reminder due, skipping the earlier one', async () => {
    const { invoice, send, outbox, reminders, moveTo } = await setUp();
    moveTo('2026-06-13T10:00:00Z');
    await expect(send.execute({ invoiceId: invoice.id, kind: 'before_due', offsetDays: 3 })).resolves.toBe('superseded');
    await expect(send.execute({ invoiceId: invoice.id, kind: 'on_due', offsetDays: 0 })).resolves.toBe('sent');
    expect(outbox.only('invoice.payment_reminder_due')).toMatchObject({ reminder_kind: 'on_due', days_until_due: 0, days_past_due: 1 });
    expect(await reminders.statesOf(invoice.id)).toEqual(['before_due/3:skipped', 'on_due/0:sent', 'after_due/7:scheduled']);
  });

  it("reschedules the pending reminders under the contract's policy, over the client's, keeping those sent", async () => {
    const { invoice, send, reminders, policies, timers, planner, unitOfWork, moveTo } = await setUp();
    moveTo('2026-06-09T09:00:00Z');
    await send.execute({ invoiceId: invoice.id, kind: 'before_due', offsetDays: 3 });
    const updatedAt = new Date('2026-06-09T10:00:00Z');
    await policies.save({ scope: 'client', scopeId: invoice.snapshot().clientId, policy: { beforeDueDays: 0, onDue: false, afterDueDays: [1] }, updatedAt, updatedBy: 'finance' });
    await policies.save({ scope: 'contract', scopeId: CONTRACT_ID, policy: { beforeDueDays: 3, onDue: false, afterDueDays: [7, 14] }, updatedAt, updatedBy: 'finance' });

    await unitOfWork.run(() => planner.planFor(invoice));

    expect(await reminders.statesOf(invoice.id)).toEqual(['before_due/3:sent', 'on_due/0:cancelled', 'after_due/7:scheduled', 'after_due/14:scheduled']);
    expect(timers.cancelled).toEqual([{ timer: PAYMENT_REMINDER_TIMER, key: `${invoice.id}/on_due/0` }]);
    expect(timers.scheduled.at(-1)).toMatchObject({ key: `${invoice.id}/after_due/14`, dueAt: new Date('2026-06-26T09:00:00Z') });
  });
});
