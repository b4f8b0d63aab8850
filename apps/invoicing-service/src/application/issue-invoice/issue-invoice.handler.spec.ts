import { InMemoryCreditNoteRepository } from '../../../test/fakes/in-memory-credit-note.repository';
import { InMemoryClientBalanceRepository } from '../../../test/fakes/in-memory-client-balance.repository';
import { InMemoryPaymentRepository } from '../../../test/fakes/in-memory-payment.repository';
import { InMemoryUnitOfWork, RecordingEventOutbox } from '@mb/testing';
import { InMemoryContractTermsRepository } from '../../../test/fakes/in-memory-contract-terms.repository';
import { InMemoryInvoiceNumberSeriesRepository } from '../../../test/fakes/in-memory-invoice-number-series.repository';
import { InMemoryInvoiceRepository } from '../../../test/fakes/in-memory-invoice.repository';
import { InMemoryPendingBillingTriggerRepository } from '../../../test/fakes/in-memory-pending-billing-trigger.repository';
import { RecordingTimers } from '@mb/testing';
import { ReleaseRetainageHandler } from '../release-retainage/release-retainage.handler';
import { aDraftInvoice, CLIENT_ID, CONTRACT_ID } from '../../domain/invoice/invoice.fixtures';
import { INVOICE_OVERDUE_TIMER } from '../announce-invoice-overdue/announce-invoice-overdue.handler';
import type { ContractTerms } from '../ports/contract-terms.repository';
import { IssueInvoiceHandler, type IssueInvoiceCommand } from './issue-invoice.handler';
import { RecordingPaymentReminders } from '../../../test/fakes/recording-payment-reminders';

describe('IssueInvoiceHandler', () => {
  const now = new Date('2026-05-28T09:00:00Z');
  const terms: ContractTerms = {
    contractId: CONTRACT_ID,
    clientId: CLIENT_ID,
    clientName: 'Acme Corp',
    clientTimeZone: 'UTC',
    title: 'Customer portal rebuild',
    currency: 'usd',
    totalValueCents: 3_000_000,
    netDays: 15,
    taxRateBps: 0,
    retainageBps: 0,
    purchaseOrderRef: 'PO-77812',
    scheduleVersion: 1,
    activatedAt: '2026-05-20T09:00:00.000Z',
    retainageReleaseDate: null,
  };
  const trigger: IssueInvoiceCommand = {
    contractId: CONTRACT_ID,
    milestoneIndex: 2,
    milestoneId: 'ms_01JTEST0000000000000000002',
    causationId: 'evt_01JTEST0000000000000000001',
    triggeredAt: now,
    milestone: { title: 'Midway UI Prototype Sign-off', amountCents: 750_000, currency: 'usd' },
  };

  function setUp(lastSequences: Record<string, number> = {}) {
    const unitOfWork = new InMemoryUnitOfWork();
    const invoices = new InMemoryInvoiceRepository();
    const contracts = new InMemoryContractTermsRepository();
    const series = new InMemoryInvoiceNumberSeriesRepository(lastSequences, unitOfWork);
    const pending = new InMemoryPendingBillingTriggerRepository();
    const outbox = new RecordingEventOutbox();
    const timers = new RecordingTimers(unitOfWork);
    const balances = new InMemoryClientBalanceRepository();
    const payments = new InMemoryPaymentRepository();
    const releaseRetainage = new ReleaseRetainageHandler(unitOfWork, invoices, contracts, series, new InMemoryCreditNoteRepository(), balances, payments, outbox, timers, new RecordingPaymentReminders());
    const handler = new IssueInvoiceHandler(unitOfWork, invoices, contracts, series, pending, balances, payments, outbox, timers, releaseRetainage, new RecordingPaymentReminders());
    return { unitOfWork, invoices, contracts, series, pending, balances, payments, outbox, timers, handler };
  }

  /** A contract invoicing knows, with the draft of its milestone 2. */
  async function aContractWithADraft(lastSequences: Record<string, number> = {}) {
    const world = setUp(lastSequences);
    await world.contracts.remember(terms);
    const draft = aDraftInvoice({ contractId: CONTRACT_ID, milestoneIndex: 2 });
    await world.invoices.add(draft);
    return { ...world, invoiceId: draft.id };
  }

  it("issues the milestone's draft with the next number of the year's series, dated today and due after the net days", async () => {
    // given the milestone's draft, and 41 invoices already numbered in 2026
    const { unitOfWork, invoices, series, outbox, handler, invoiceId } = await aContractWithADraft({ 'INV-2026': 41 });
    // when its billing trigger arrives
    const outcome = await handler.execute(trigger);
    // then it is open as INV-2026-000042, issued today, due 15 days later, at the next version
    expect(outcome).toBe('issued');
    expect(invoices.stored(invoiceId)).toMatchObject({
      status: 'open',
      number: 'INV-2026-000042',
      issueDate: '2026-05-28',
      dueDate: '2026-06-12',
      milestoneId: trigger.milestoneId,
      version: 2,
    });
    expect(series.lastSequenceOf('INV-2026')).toBe(42);
    // and invoice.issued is recorded once, caused by the trigger, in one unit of work
    expect(outbox.names()).toEqual(['invoice.issued']);
    expect(outbox.only('invoice.issued')).toMatchObject({
      invoice_id: invoiceId,
      invoice_number: 'INV-2026-000042',
      amount_due_cents: 750_000,
      issue_date: '2026-05-28',
      due_date: '2026-06-12',
      milestone_id: trigger.milestoneId,
    });
    expect(outbox.recorded[0].causationId).toBe(trigger.causationId);
    expect(unitOfWork.unitsRun).toBe(1);
  });

  it('sets the invoice\'s overdue timer, keyed by its id, for the start of the day after its due date', async () => {
    // given the milestone's draft on net-15
    const { timers, handler, invoiceId } = await aContractWithADraft();
    // when its billing trigger arrives on 2026-05-28
    await handler.execute(trigger);
    // then the invoice, due on 2026-06-12, is to be announced overdue from 2026-06-13 00:00 UTC unless paid by then
    expect(timers.scheduled).toEqual([
      { timer: INVOICE_OVERDUE_TIMER, key: invoiceId, dueAt: new Date('2026-06-13T00:00:00Z'), data: { due_date: '2026-06-12' } },
    ]);
  });

  it("dates a Pacific/Auckland client's invoice triggered at 23:30Z on 31 December on 1 January, numbered in the new year's series", async () => {
    // given the draft of a client in Auckland, and 7 invoices already numbered in 2027
    const { invoices, series, timers, handler } = setUp({ 'INV-2027': 7 });
    await invoices.add(aDraftInvoice({ contractId: CONTRACT_ID, milestoneIndex: 2, clientTimeZone: 'Pacific/Auckland', netDays: 15 }));
    // when its trigger occurred at 23:30 UTC on 31 December 2026 (12:30 on 1 January there)
    await handler.execute({ ...trigger, triggeredAt: new Date('2026-12-31T23:30:00Z') });
    // then it is dated 1 January 2027, numbered INV-2027-000008, due 16 January, overdue from the start of the 17th in Auckland
    const issued = invoices.all()[0];
    expect(issued).toMatchObject({ number: 'INV-2027-000008', issueDate: '2027-01-01', dueDate: '2027-01-16' });
    expect(series.lastSequenceOf('INV-2026')).toBe(0);
    expect(timers.scheduled[0].dueAt).toEqual(new Date('2027-01-16T11:00:00Z'));
  });

  it("dates a Los Angeles client's invoice triggered at 02:00Z by the evening before, in its calendar", async () => {
    const { invoices, handler } = setUp();
    await invoices.add(aDraftInvoice({ contractId: CONTRACT_ID, milestoneIndex: 2, clientTimeZone: 'America/Los_Angeles' }));
    await handler.execute({ ...trigger, triggeredAt: new Date('2026-06-01T02:00:00Z') });
    expect(invoices.all()[0]).toMatchObject({ issueDate: '2026-05-31', dueDate: '2026-06-15' });
  });

  it('sets no overdue timer for an invoice with nothing to pay, settled at issue', async () => {
    // given a milestone worth nothing (its draft added by an amendment)
    const { contracts, outbox, timers, handler } = setUp();
    await contracts.remember(terms);
    // when it becomes billable
    await handler.execute({ ...trigger, milestoneIndex: 5, milestone: { title: 'Goodwill', amountCents: 0, currency: 'usd' } });
    // then it is issued and paid at once, and nothing waits for it to fall overdue
    expect(outbox.names()).toEqual(['invoice.issued', 'invoice.paid']);
    expect(timers.scheduled).toEqual([]);
  });

  it("issues a share of the milestone when its contract's termination billed only that, the rest counted as cancelled", async () => {
    // given the milestone's 7,500.00 draft
    const { invoices, outbox, handler, invoiceId } = await aContractWithADraft({ 'INV-2026': 41 });
    // when the termination's trigger bills 40 % of it
    expect(await handler.execute({ ...trigger, milestone: { title: 'Midway UI Prototype Sign-off', amountCents: 300_000, currency: 'usd' }, billedShareCents: 300_000 })).toBe('issued');
    // then the invoice bills 3,000.00 and announces that amount
    expect(invoices.stored(invoiceId)).toMatchObject({ status: 'open', subtotalCents: 300_000, totalCents: 300_000, cancelledSubtotalCents: 450_000 });
    expect(outbox.only('invoice.issued')).toMatchObject({ total_cents: 300_000 });
  });

  it("bills the whole draft when a trigger's amount differs from it without a termination's share (an amendment still in flight)", async () => {
    const { invoices, handler, invoiceId } = await aContractWithADraft({ 'INV-2026': 41 });
    expect(await handler.execute({ ...trigger, milestone: { title: 'Midway UI Prototype Sign-off', amountCents: 300_000, currency: 'usd' } })).toBe('issued');
    expect(invoices.stored(invoiceId)).toMatchObject({ status: 'open', subtotalCents: 750_000, cancelledSubtotalCents: 0 });
  });

  it('bills a milestone once: a second trigger answers already_issued and takes no number', async () => {
    // given a milestone already issued
    const { invoices, series, outbox, timers, handler, invoiceId } = await aContractWithADraft();
    await handler.execute(trigger);
    // when its trigger arrives again
    const again = await handler.execute({ ...trigger, causationId: 'evt_01JTEST0000000000000000002' });
    // then nothing changes and nothing more is announced or set
    expect(again).toBe('already_issued');
    expect(invoices.stored(invoiceId)).toMatchObject({ number: 'INV-2026-000001', version: 2 });
    expect(series.lastSequenceOf('INV-2026')).toBe(1);
    expect(outbox.names()).toEqual(['invoice.issued']);
    expect(timers.scheduled).toHaveLength(1);
  });

  it('parks a trigger that overtook its contract, taking no number and recording nothing', async () => {
    // given a contract invoicing has not heard of
    const { invoices, series, pending, outbox, timers, handler } = setUp();
    // when a trigger for one of its milestones arrives
    const outcome = await handler.execute(trigger);
    // then the trigger waits for the contract, with the event that caused it
    expect(outcome).toBe('parked_until_contract_known');
    expect(pending.parked(CONTRACT_ID)).toEqual([
      { contractId: CONTRACT_ID, milestoneIndex: 2, milestoneId: trigger.milestoneId, milestone: trigger.milestone, eventId: trigger.causationId, triggeredAt: now },
    ]);
    expect(invoices.all()).toEqual([]);
    expect(series.lastSequenceOf('INV-2026')).toBe(0);
    expect(outbox.recorded).toEqual([]);
    expect(timers.scheduled).toEqual([]);
  });

  it("drafts and issues a milestone the activated schedule did not have, on the trigger's figures and the contract's terms", async () => {
    // given a known contract with no draft for milestone 5 (added by an amendment)
    const { invoices, contracts, outbox, handler } = setUp();
    await contracts.remember(terms);
    // when milestone 5 becomes billable
    const outcome = await handler.execute({ ...trigger, milestoneIndex: 5, milestone: { title: 'Extra reports', amountCents: 120_000, currency: 'usd' } });
    // then its invoice is drafted from the trigger and issued at once
    expect(outcome).toBe('issued');
    const [invoice] = invoices.all();
    expect(invoice).toMatchObject({
      status: 'open',
      contractId: CONTRACT_ID,
      milestoneIndex: 5,
      milestoneTitle: 'Extra reports',
      totalCents: 120_000,
      purchaseOrderRef: 'PO-77812',
      dueDate: '2026-06-12',
      version: 2,
    });
    expect(invoice.id).toMatch(/^inv_/);
    expect(outbox.only('invoice.issued')).toMatchObject({ invoice_id: invoice.id, milestone_index: 5, milestone_title: 'Extra reports' });
  });

  it('fails, parking nothing, on a trigger without milestone details for a contract it does not know', async () => {
    // given an unknown contract
    const { pending, outbox, handler } = setUp();
    // when a trigger without the milestone's figures arrives
    const issuing = handler.execute({ contractId: CONTRACT_ID, milestoneIndex: 2, milestoneId: null, causationId: trigger.causationId, triggeredAt: now });
    // then it cannot be parked (nothing to draft from later) and fails to be retried
    await expect(issuing).rejects.toThrow(`contract ${CONTRACT_ID} is not known yet`);
    expect(pending.parked(CONTRACT_ID)).toEqual([]);
    expect(outbox.recorded).toEqual([]);
  });

  it('dates the invoice by when its trigger occurred, not when it is handled: 31 December stays in that year', async () => {
    // given the milestone's draft, and 7 invoices numbered in 2026 and none in 2027
    const { invoices, handler, invoiceId } = await aContractWithADraft({ 'INV-2026': 7 });
    // when a trigger that occurred at 23:59 on 31 December 2026 is handled after midnight (the clock
    // is not consulted: the command carries the trigger's instant)
    await handler.execute({ ...trigger, triggeredAt: new Date('2026-12-31T23:59:30Z') });
    // then the invoice is dated 31 December 2026 and numbered in the 2026 series
    expect((await invoices.findById(invoiceId))?.snapshot()).toMatchObject({
      number: 'INV-2026-000008',
      issueDate: '2026-12-31',
      dueDate: '2027-01-15',
    });
  });

  it("applies the client's credit in the invoice's currency at issue, recording the allocation and what is left", async () => {
    // given the milestone's draft of 7,500.00 and 1,000.00 of the client's credit in USD (and some in EUR)
    const { balances, payments, outbox, invoices, handler, invoiceId } = await aContractWithADraft();
    const usd = await balances.lock(CLIENT_ID, 'usd');
    usd.add(100_000);
    await balances.save(usd);
    const eur = await balances.lock(CLIENT_ID, 'eur');
    eur.add(900_000);
    await balances.save(eur);
    // when the milestone is billed
    await handler.execute(trigger);
    // then the credit pays 1,000.00 of it, and only the USD credit is used
    expect(invoices.stored(invoiceId)).toMatchObject({ status: 'open', amountPaidCents: 100_000 });
    expect(balances.unapplied(CLIENT_ID, 'usd')).toBe(0);
    expect(balances.unapplied(CLIENT_ID, 'eur')).toBe(900_000);
    expect(payments.creditAllocations).toEqual([expect.objectContaining({ invoiceId, clientId: CLIENT_ID, currency: 'usd', amountCents: 100_000 })]);
    expect(outbox.only('invoice.issued')).toMatchObject({ amount_due_cents: 750_000, credit_applied_cents: 100_000 });
  });

  it('settles an invoice the credit covers at issue, keeping the rest of the credit, and sets no overdue timer', async () => {
    const { balances, outbox, invoices, timers, handler, invoiceId } = await aContractWithADraft();
    const usd = await balances.lock(CLIENT_ID, 'usd');
    usd.add(1_000_000);
    await balances.save(usd);
    await handler.execute(trigger);
    expect(invoices.stored(invoiceId)).toMatchObject({ status: 'paid', amountPaidCents: 750_000 });
    expect(balances.unapplied(CLIENT_ID, 'usd')).toBe(250_000);
    expect(outbox.names()).toEqual(['invoice.issued', 'invoice.paid']);
    expect(timers.scheduled).toEqual([]);
  });
});
