import { DomainRejection } from '@mb/kernel';
import { InMemoryUnitOfWork, RecordingEventOutbox, RecordingTimers } from '@mb/testing';
import { InMemoryClientBalanceRepository } from '../../../test/fakes/in-memory-client-balance.repository';
import { InMemoryContractTermsRepository } from '../../../test/fakes/in-memory-contract-terms.repository';
import { InMemoryInvoiceRepository } from '../../../test/fakes/in-memory-invoice.repository';
import { InMemoryPaymentRepository } from '../../../test/fakes/in-memory-payment.repository';
import type { Invoice } from '../../domain/invoice/invoice';
import { aDraftInvoice, CLIENT_ID, CONTRACT_ID } from '../../domain/invoice/invoice.fixtures';
import type { ContractTerms } from '../ports/contract-terms.repository';
import { RecordPaymentHandler, type RecordPaymentCommand } from './record-payment.handler';
import { RecordingPaymentReminders } from '../../../test/fakes/recording-payment-reminders';

describe('RecordPaymentHandler', () => {
  const now = new Date('2026-06-01T10:00:00Z');
  const terms: ContractTerms = {
    contractId: CONTRACT_ID,
    clientId: CLIENT_ID,
    clientName: 'Acme Corp',
    clientTimeZone: 'America/New_York',
    title: 'Customer portal rebuild',
    currency: 'usd',
    totalValueCents: 3_000_000,
    netDays: 15,
    taxRateBps: 0,
    retainageBps: 0,
    purchaseOrderRef: null,
    scheduleVersion: 1,
    activatedAt: '2026-05-20T09:00:00.000Z',
    retainageReleaseDate: null,
  };

  function anInvoiceIssuedOn(id: string, milestoneIndex: number, issueDate: string, number: string, overrides: { amountCents?: number; currency?: string; clientId?: string } = {}): Invoice {
    const invoice = aDraftInvoice({ id, milestoneIndex, ...overrides });
    invoice.issue({ number, issueDate });
    invoice.pullEvents();
    return invoice;
  }

  /** A known client with three open invoices: 7,500.00 (oldest), 5,000.00, 2,500.00 (newest), all USD. */
  async function aClientWithThreeOpenInvoices() {
    const unitOfWork = new InMemoryUnitOfWork();
    const invoices = new InMemoryInvoiceRepository();
    const payments = new InMemoryPaymentRepository();
    const balances = new InMemoryClientBalanceRepository();
    const contracts = new InMemoryContractTermsRepository();
    await contracts.remember(terms);
    const outbox = new RecordingEventOutbox();
    const timers = new RecordingTimers(unitOfWork);
    // ids deliberately not in age order: allocation goes by due date, not by id
    const oldest = anInvoiceIssuedOn('inv_01JTEST000000000000000000C', 1, '2026-05-01', 'INV-2026-000001');
    const middle = anInvoiceIssuedOn('inv_01JTEST000000000000000000A', 2, '2026-05-10', 'INV-2026-000002', { amountCents: 500_000 });
    const newest = anInvoiceIssuedOn('inv_01JTEST000000000000000000B', 3, '2026-05-20', 'INV-2026-000003', { amountCents: 250_000 });
    for (const invoice of [oldest, middle, newest]) await invoices.add(invoice);
    const handler = new RecordPaymentHandler(unitOfWork, invoices, payments, balances, contracts, outbox, timers, { now: () => now }, new RecordingPaymentReminders());
    const pay = (command: Partial<RecordPaymentCommand>) =>
      handler.execute({ clientId: CLIENT_ID, amountCents: 0, currency: 'usd', receivedOn: null, method: 'bank_transfer', externalReference: null, allocations: null, invoiceId: null, ...command });
    return { unitOfWork, invoices, payments, balances, outbox, timers, pay, oldest: oldest.id, middle: middle.id, newest: newest.id };
  }

  it('allocates oldest first across the open invoices and keeps the rest as the client credit', async () => {
    // given open invoices of 7,500.00, 5,000.00 and 2,500.00, oldest first
    const { invoices, payments, balances, outbox, timers, pay, oldest, middle, newest } = await aClientWithThreeOpenInvoices();
    // when 16,000.00 is received
    const recorded = await pay({ amountCents: 1_600_000, externalReference: 'WIRE-1' });
    // then each invoice is paid in full, oldest first, and 1,000.00 is the client's credit
    expect(recorded.payment.allocations.map((allocation) => [allocation.invoiceId, allocation.amountCents])).toEqual([
      [oldest, 750_000],
      [middle, 500_000],
      [newest, 250_000],
    ]);
    expect(recorded.payment).toMatchObject({ unappliedCents: 100_000, receivedOn: '2026-06-01', method: 'bank_transfer', externalReference: 'WIRE-1' });
    expect(recorded.creditCents).toBe(100_000);
    expect(balances.unapplied(CLIENT_ID, 'usd')).toBe(100_000);
    for (const id of [oldest, middle, newest]) expect(invoices.stored(id)).toMatchObject({ status: 'paid', version: 2 });
    expect(payments.all()).toEqual([recorded.payment]);
    // and payment.recorded goes out first, then invoice.paid for each invoice, and their timers are cancelled
    expect(outbox.names()).toEqual(['payment.recorded', 'invoice.paid', 'invoice.paid', 'invoice.paid']);
    expect(outbox.only('payment.recorded')).toMatchObject({ client_id: CLIENT_ID, amount_cents: 1_600_000, unapplied_cents: 100_000 });
    expect(timers.cancelled.map((cancelled) => cancelled.key)).toEqual([oldest, middle, newest]);
  });

  it('stops where the money runs out, leaving the newer invoices open and no credit', async () => {
    const { invoices, balances, outbox, pay, oldest, middle, newest } = await aClientWithThreeOpenInvoices();
    const recorded = await pay({ amountCents: 1_000_000 });
    expect(recorded.payment.allocations.map((allocation) => allocation.amountCents)).toEqual([750_000, 250_000]);
    expect(invoices.stored(oldest)).toMatchObject({ status: 'paid' });
    expect(invoices.stored(middle)).toMatchObject({ status: 'open', amountPaidCents: 250_000 });
    expect(invoices.stored(newest)).toMatchObject({ status: 'open', amountPaidCents: 0, version: 1 });
    expect(balances.unapplied(CLIENT_ID, 'usd')).toBe(0);
    expect(outbox.names()).toEqual(['payment.recorded', 'invoice.paid']);
  });

  it('allocates explicitly as told, the rest becoming credit', async () => {
    const { invoices, balances, pay, oldest, newest } = await aClientWithThreeOpenInvoices();
    const recorded = await pay({ amountCents: 400_000, allocations: [{ invoiceId: newest, amountCents: 250_000 }, { invoiceId: oldest, amountCents: 100_000 }] });
    expect(recorded.payment.allocations.map((allocation) => [allocation.invoiceId, allocation.amountCents])).toEqual([
      [newest, 250_000],
      [oldest, 100_000],
    ]);
    expect(invoices.stored(newest)).toMatchObject({ status: 'paid' });
    expect(invoices.stored(oldest)).toMatchObject({ status: 'open', amountPaidCents: 100_000 });
    expect(balances.unapplied(CLIENT_ID, 'usd')).toBe(50_000);
  });

  it('takes up to the balance of the one invoice named and keeps the over-payment as credit', async () => {
    const { invoices, balances, outbox, pay, newest } = await aClientWithThreeOpenInvoices();
    // the client is left out: it is the invoice's
    const recorded = await pay({ clientId: null, invoiceId: newest, amountCents: 300_000 });
    expect(recorded.payment.allocations).toEqual([{ invoiceId: newest, invoiceNumber: 'INV-2026-000003', contractId: CONTRACT_ID, amountCents: 250_000 }]);
    expect(invoices.stored(newest)).toMatchObject({ status: 'paid' });
    expect(balances.unapplied(CLIENT_ID, 'usd')).toBe(50_000);
    expect(outbox.only('payment.recorded')).toMatchObject({ unapplied_cents: 50_000 });
  });

  it('keeps a payment in another currency apart: no invoice in it is paid, it is credit in that currency', async () => {
    const { invoices, balances, pay, oldest } = await aClientWithThreeOpenInvoices();
    const recorded = await pay({ amountCents: 100_000, currency: 'eur' });
    expect(recorded.payment.allocations).toEqual([]);
    expect(balances.unapplied(CLIENT_ID, 'eur')).toBe(100_000);
    expect(balances.unapplied(CLIENT_ID, 'usd')).toBe(0);
    expect(invoices.stored(oldest)).toMatchObject({ amountPaidCents: 0 });
  });

  it('dates the payment by the value date given, in the client zone, and refuses one after its today', async () => {
    const { pay } = await aClientWithThreeOpenInvoices();
    expect((await pay({ amountCents: 100, receivedOn: '2026-05-29' })).payment.receivedOn).toBe('2026-05-29');
    // 10:00 UTC on 1 June is 06:00 on 1 June in New York: the 2nd is tomorrow there
    await expect(pay({ amountCents: 100, receivedOn: '2026-06-02' })).rejects.toMatchObject({ code: 'payment.received_on_in_future', field: 'received_on' });
  });

  it.each([
    ['an allocation above the balance', (ids: Ids) => ({ amountCents: 800_000, allocations: [{ invoiceId: ids.oldest, amountCents: 750_001 }] }), 'payment.allocation_exceeds_balance'],
    ['allocations above the payment', (ids: Ids) => ({ amountCents: 100, allocations: [{ invoiceId: ids.oldest, amountCents: 101 }] }), 'payment.allocations_exceed_amount'],
    [
      'an invoice named twice',
      (ids: Ids) => ({ amountCents: 200, allocations: [{ invoiceId: ids.oldest, amountCents: 100 }, { invoiceId: ids.oldest, amountCents: 100 }] }),
      'payment.duplicate_allocation',
    ],
    ['an invoice in another currency', (ids: Ids) => ({ amountCents: 100, currency: 'eur', invoiceId: ids.oldest }), 'payment.currency_mismatch'],
    ['a fraction of a minor unit', () => ({ amountCents: 10.5 }), 'payment.amount_not_positive'],
  ])('refuses %s and keeps and records nothing', async (_, commandOf, code) => {
    const { invoices, payments, balances, outbox, timers, pay, oldest, middle, newest } = await aClientWithThreeOpenInvoices();
    const recording = pay(commandOf({ oldest, middle, newest }));
    await expect(recording).rejects.toBeInstanceOf(DomainRejection);
    await expect(recording).rejects.toMatchObject({ kind: 'invalid', code });
    expect(invoices.stored(oldest)).toMatchObject({ status: 'open', amountPaidCents: 0, version: 1 });
    expect(payments.all()).toEqual([]);
    expect(balances.unapplied(CLIENT_ID, 'usd')).toBe(0);
    expect(outbox.recorded).toEqual([]);
    expect(timers.cancelled).toEqual([]);
  });

  it("refuses another client's invoice, an unknown client, and a client left out of a payment naming no invoice", async () => {
    const { invoices, pay } = await aClientWithThreeOpenInvoices();
    const foreign = anInvoiceIssuedOn('inv_01JTEST000000000000000000F', 9, '2026-05-01', 'INV-2026-000009', { clientId: 'cli_01JTESTOTHER000000000000000' });
    await invoices.add(foreign);
    await expect(pay({ amountCents: 100, allocations: [{ invoiceId: foreign.id, amountCents: 100 }] })).rejects.toMatchObject({ code: 'payment.invoice_of_another_client' });
    await expect(pay({ clientId: 'cli_01JTESTNOBODY00000000000000', amountCents: 100 })).rejects.toMatchObject({ kind: 'not_found', code: 'client.not_found' });
    await expect(pay({ clientId: null, amountCents: 100 })).rejects.toMatchObject({ code: 'payment.client_required' });
  });

  it('refuses a payment on a draft with invoice.not_open, and an unknown invoice with invoice.not_found', async () => {
    const { invoices, outbox, pay } = await aClientWithThreeOpenInvoices();
    const draft = aDraftInvoice({ id: 'inv_01JTEST000000000000000000D', milestoneIndex: 4 });
    await invoices.add(draft);
    await expect(pay({ invoiceId: draft.id, amountCents: 100 })).rejects.toMatchObject({ kind: 'conflict', code: 'invoice.not_open', field: 'invoice_id' });
    await expect(pay({ invoiceId: 'inv_01JNOSUCHINVOICE000000000', amountCents: 100 })).rejects.toMatchObject({ kind: 'not_found', code: 'invoice.not_found' });
    expect(outbox.recorded).toEqual([]);
  });

  it('refuses the same external reference twice for a client with payment.duplicate_reference', async () => {
    const { pay } = await aClientWithThreeOpenInvoices();
    await pay({ amountCents: 100, externalReference: 'BANK-REF-1' });
    await expect(pay({ amountCents: 200, externalReference: 'BANK-REF-1' })).rejects.toMatchObject({ kind: 'conflict', code: 'payment.duplicate_reference', field: 'external_reference' });
  });

  it('leaves the overdue timer of an invoice still owing to fire', async () => {
    const { timers, pay, oldest } = await aClientWithThreeOpenInvoices();
    await pay({ amountCents: 100, invoiceId: oldest });
    expect(timers.cancelled).toEqual([]);
  });
});

interface Ids {
  oldest: string;
  middle: string;
  newest: string;
}
