import { DomainRejection } from '@mb/kernel';
import { InMemoryUnitOfWork, RecordingEventOutbox } from '@mb/testing';
import { InMemoryInvoiceRepository } from '../../../test/fakes/in-memory-invoice.repository';
import { InMemoryPaymentRepository } from '../../../test/fakes/in-memory-payment.repository';
import { RecordingTimers } from '@mb/testing';
import { aDraftInvoice, anOpenInvoice } from '../../domain/invoice/invoice.fixtures';
import { INVOICE_OVERDUE_TIMER } from '../announce-invoice-overdue/announce-invoice-overdue.handler';
import { RecordPaymentHandler } from './record-payment.handler';

describe('RecordPaymentHandler', () => {
  const now = new Date('2026-06-01T10:00:00Z');

  /** An open invoice of 7,500.00 (number INV-2026-000001), stored. */
  async function anOpenInvoiceOf7500() {
    const unitOfWork = new InMemoryUnitOfWork();
    const invoices = new InMemoryInvoiceRepository();
    const payments = new InMemoryPaymentRepository();
    const outbox = new RecordingEventOutbox();
    const invoice = anOpenInvoice();
    await invoices.add(invoice);
    const timers = new RecordingTimers(unitOfWork);
    const handler = new RecordPaymentHandler(unitOfWork, invoices, payments, outbox, timers, { now: () => now });
    return { unitOfWork, invoices, payments, outbox, timers, handler, invoiceId: invoice.id };
  }

  it('keeps a partial payment, leaves the invoice open with its balance and records only payment.recorded', async () => {
    // given an open invoice of 7,500.00
    const { unitOfWork, invoices, payments, outbox, timers, handler, invoiceId } = await anOpenInvoiceOf7500();
    // when 2,000.00 is paid with a reference
    const { payment, invoice } = await handler.execute({ invoiceId, amountCents: 200_000, currency: 'usd', reference: 'WIRE-1' });
    // then the payment is kept, dated today, and the invoice owes the rest
    expect(payment).toMatchObject({ invoiceId, invoiceNumber: 'INV-2026-000001', amountCents: 200_000, receivedOn: '2026-06-01', reference: 'WIRE-1' });
    expect(payment.id).toMatch(/^pay_/);
    expect(payments.all()).toEqual([payment]);
    expect(invoice).toMatchObject({ status: 'open', amountPaidCents: 200_000 });
    expect(invoices.stored(invoiceId)).toMatchObject({ status: 'open', amountPaidCents: 200_000, paymentIds: [payment.id], version: 2 });
    // and only payment.recorded is announced, allocated to the invoice, in one unit of work
    expect(outbox.names()).toEqual(['payment.recorded']);
    expect(outbox.only('payment.recorded')).toMatchObject({
      payment_id: payment.id,
      amount_cents: 200_000,
      allocations: [{ invoice_id: invoiceId, invoice_number: 'INV-2026-000001', amount_cents: 200_000 }],
      unapplied_cents: 0,
      reference: 'WIRE-1',
    });
    expect(unitOfWork.unitsRun).toBe(1);
    // and its overdue timer is left to fire: a balance is still owed
    expect(timers.cancelled).toEqual([]);
  });

  it('settles the invoice paid in full, recording payment.recorded and then invoice.paid', async () => {
    // given an open invoice of 7,500.00
    const { invoices, outbox, timers, handler, invoiceId } = await anOpenInvoiceOf7500();
    // when the whole balance is paid
    const { payment } = await handler.execute({ invoiceId, amountCents: 750_000, currency: 'usd', reference: null });
    // then the invoice is paid now, and both events go out in that order
    expect(invoices.stored(invoiceId)).toMatchObject({ status: 'paid', amountPaidCents: 750_000, paidAt: now.toISOString() });
    expect(outbox.names()).toEqual(['payment.recorded', 'invoice.paid']);
    expect(outbox.only('invoice.paid')).toMatchObject({ invoice_id: invoiceId, amount_paid_cents: 750_000, paid_at: now.toISOString(), payment_ids: [payment.id] });
    // and its overdue timer is cancelled with them: a paid invoice never falls overdue
    expect(timers.cancelled).toEqual([{ timer: INVOICE_OVERDUE_TIMER, key: invoiceId }]);
  });

  it.each([
    ['more than the balance', { amountCents: 750_001, currency: 'usd' }, 'payment.exceeds_balance', 'amount_cents'],
    ['another currency', { amountCents: 100, currency: 'eur' }, 'payment.currency_mismatch', 'currency'],
    ['a fraction of a minor unit', { amountCents: 10.5, currency: 'usd' }, 'payment.amount_not_positive', 'amount_cents'],
  ])('refuses %s, naming the field, and keeps and records nothing', async (_, payment, code, field) => {
    // given an open invoice of 7,500.00
    const { invoices, payments, outbox, timers, handler, invoiceId } = await anOpenInvoiceOf7500();
    // when a payment it cannot take is recorded
    const recording = handler.execute({ invoiceId, reference: null, ...payment });
    // then it is refused as invalid input on that field
    await expect(recording).rejects.toBeInstanceOf(DomainRejection);
    await expect(recording).rejects.toMatchObject({ kind: 'invalid', code, field });
    // and the invoice, the payments and the outbox are as they were
    expect(invoices.stored(invoiceId)).toMatchObject({ status: 'open', amountPaidCents: 0, paymentIds: [], version: 1 });
    expect(payments.all()).toEqual([]);
    expect(outbox.recorded).toEqual([]);
    expect(timers.cancelled).toEqual([]);
  });

  it('refuses a payment on a draft with invoice.not_open on invoice_id', async () => {
    // given a draft, stored
    const { invoices, payments, outbox, handler } = await anOpenInvoiceOf7500();
    const draft = aDraftInvoice({ id: 'inv_01JTEST0000000000000000009', milestoneIndex: 3 });
    await invoices.add(draft);
    // when a payment is recorded against it
    const recording = handler.execute({ invoiceId: draft.id, amountCents: 100, currency: 'usd', reference: null });
    // then it is a conflict: nothing is owed on a draft yet
    await expect(recording).rejects.toMatchObject({ kind: 'conflict', code: 'invoice.not_open', field: 'invoice_id' });
    expect(payments.all()).toEqual([]);
    expect(outbox.recorded).toEqual([]);
  });

  it('answers invoice.not_found for an unknown invoice', async () => {
    const { outbox, handler } = await anOpenInvoiceOf7500();
    await expect(handler.execute({ invoiceId: 'inv_01JNOSUCHINVOICE000000000', amountCents: 100, currency: 'usd', reference: null })).rejects.toMatchObject({
      kind: 'not_found',
      code: 'invoice.not_found',
    });
    expect(outbox.recorded).toEqual([]);
  });
});
