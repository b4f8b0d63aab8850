import { InMemoryCreditNoteRepository } from '../../../test/fakes/in-memory-credit-note.repository';
import { InMemoryClientBalanceRepository } from '../../../test/fakes/in-memory-client-balance.repository';
import { InMemoryPaymentRepository } from '../../../test/fakes/in-memory-payment.repository';
import { InMemoryUnitOfWork, RecordingEventOutbox } from '@mb/testing';
import { InMemoryContractTermsRepository } from '../../../test/fakes/in-memory-contract-terms.repository';
import { InMemoryInvoiceNumberSeriesRepository } from '../../../test/fakes/in-memory-invoice-number-series.repository';
import { InMemoryInvoiceRepository } from '../../../test/fakes/in-memory-invoice.repository';
import { InMemoryPendingBillingTriggerRepository } from '../../../test/fakes/in-memory-pending-billing-trigger.repository';
import { RecordingTimers } from '@mb/testing';
import { ReleaseRetainageHandler, RETAINAGE_RELEASE_DATE_TIMER } from '../release-retainage/release-retainage.handler';
import { CLIENT_ID, CONTRACT_ID } from '../../domain/invoice/invoice.fixtures';
import { IssueInvoiceHandler } from '../issue-invoice/issue-invoice.handler';
import { PrepareDraftInvoicesHandler, type PrepareDraftInvoicesCommand } from './prepare-draft-invoices.handler';
import { RecordingPaymentReminders } from '../../../test/fakes/recording-payment-reminders';

describe('PrepareDraftInvoicesHandler', () => {
  const activation: PrepareDraftInvoicesCommand = {
    contract: {
      contractId: CONTRACT_ID,
      clientId: CLIENT_ID,
      clientName: 'Acme Corp',
      clientTimeZone: 'America/Los_Angeles',
      title: 'Customer portal rebuild',
      currency: 'usd',
      totalValueCents: 2_250_000,
      netDays: 30,
      taxRateBps: 825,
      retainageBps: 500,
      purchaseOrderRef: 'PO-77812',
      scheduleVersion: 1,
      activatedAt: '2026-05-28T08:00:00.000Z',
      retainageReleaseDate: null,
    },
    milestones: [
      { milestoneIndex: 1, title: 'Deposit', amountCents: 750_000, plannedDate: '2026-05-29' },
      { milestoneIndex: 2, title: 'Midway UI Prototype Sign-off', amountCents: 750_000, plannedDate: '2026-07-15' },
      { milestoneIndex: 3, title: 'Launch', amountCents: 750_000, plannedDate: null },
    ],
  };

  function setUp() {
    const unitOfWork = new InMemoryUnitOfWork();
    const invoices = new InMemoryInvoiceRepository();
    const contracts = new InMemoryContractTermsRepository();
    const pending = new InMemoryPendingBillingTriggerRepository();
    const outbox = new RecordingEventOutbox();
    const timers = new RecordingTimers(unitOfWork);
    const series = new InMemoryInvoiceNumberSeriesRepository({}, unitOfWork);
    const balances = new InMemoryClientBalanceRepository();
    const payments = new InMemoryPaymentRepository();
    const releaseRetainage = new ReleaseRetainageHandler(unitOfWork, invoices, contracts, series, new InMemoryCreditNoteRepository(), balances, payments, outbox, timers, new RecordingPaymentReminders());
    const issueInvoice = new IssueInvoiceHandler(unitOfWork, invoices, contracts, series, pending, balances, payments, outbox, timers, releaseRetainage, new RecordingPaymentReminders());
    const handler = new PrepareDraftInvoicesHandler(unitOfWork, invoices, contracts, pending, issueInvoice, timers);
    return { unitOfWork, invoices, contracts, pending, outbox, timers, handler };
  }

  it("remembers the contract's terms and prepares one unnumbered draft per milestone, announcing nothing", async () => {
    // given a contract just signed
    const { unitOfWork, invoices, contracts, outbox, timers, handler } = setUp();
    // when its activation is handled
    const result = await handler.execute(activation);
    // then each milestone has a draft on the contract's terms, and the terms are kept
    expect(result).toEqual({ drafts: 3, issued: 0 });
    const drafts = invoices.all().sort((a, b) => Number(a.milestoneIndex) - Number(b.milestoneIndex));
    expect(drafts.map((draft) => [draft.milestoneIndex, draft.milestoneTitle, draft.status, draft.number, draft.plannedDate])).toEqual([
      [1, 'Deposit', 'draft', null, '2026-05-29'],
      [2, 'Midway UI Prototype Sign-off', 'draft', null, '2026-07-15'],
      [3, 'Launch', 'draft', null, null],
    ]);
    expect(drafts[0]).toMatchObject({ clientTimeZone: 'America/Los_Angeles', netDays: 30, taxRateBps: 825, retainageBps: 500, taxCents: 61_875, retainageCents: 37_500, purchaseOrderRef: 'PO-77812', version: 1 });
    expect(await contracts.findById(CONTRACT_ID)).toEqual({ ...activation.contract, terminatedAt: null });
    // and drafts owe nothing, so nothing is announced and no timer set; all of it in one unit of work
    expect(outbox.recorded).toEqual([]);
    expect(timers.scheduled).toEqual([]);
    expect(unitOfWork.unitsRun).toBe(1);
  });

  it('prepares no draft twice when the activation is delivered again', async () => {
    // given a contract whose drafts are prepared
    const { invoices, handler } = setUp();
    await handler.execute(activation);
    const first = invoices.all().map((draft) => draft.id);
    // when the same activation arrives again
    const again = await handler.execute(activation);
    // then the drafts are the ones already there
    expect(again).toEqual({ drafts: 0, issued: 0 });
    expect(invoices.all().map((draft) => draft.id)).toEqual(first);
  });

  it('issues the billing triggers that arrived before the contract, each caused by its own event, in the same unit of work', async () => {
    // given a trigger for the deposit, parked because it overtook the activation
    const { unitOfWork, invoices, pending, outbox, timers, handler } = setUp();
    await pending.park({
      contractId: CONTRACT_ID,
      milestoneIndex: 1,
      milestoneId: 'ms_01JTEST0000000000000000001',
      milestone: { title: 'Deposit', amountCents: 750_000, currency: 'usd' },
      eventId: 'evt_01JTEST0000000000000000009',
      triggeredAt: new Date('2026-05-26T10:00:00Z'),
    });
    // when the activation arrives, two days after the trigger
    const result = await handler.execute(activation);
    // then the deposit is issued right away and the other milestones stay drafts
    expect(result).toEqual({ drafts: 3, issued: 1 });
    const byIndex = invoices.all().sort((a, b) => Number(a.milestoneIndex) - Number(b.milestoneIndex));
    expect(byIndex.map((invoice) => invoice.status)).toEqual(['open', 'draft', 'draft']);
    // dated by when the deposit became billable, not by the activation that released it
    expect(byIndex[0]).toMatchObject({ number: 'INV-2026-000001', milestoneId: 'ms_01JTEST0000000000000000001', issueDate: '2026-05-26' });
    // keeping the planned date it was drafted with (the forecast's; issuing does not change it)
    expect(byIndex[0].plannedDate).toBe('2026-05-29');
    // and invoice.issued names the parked trigger's event as its cause; the trigger is no longer parked
    expect(outbox.names()).toEqual(['invoice.issued']);
    expect(outbox.recorded[0].causationId).toBe('evt_01JTEST0000000000000000009');
    expect(pending.parked(CONTRACT_ID)).toEqual([]);
    // and its overdue timer is set for the start of the day after its due date (net-30 from 2026-05-26) in Los Angeles
    expect(timers.scheduled.map(({ key, dueAt }) => [key, dueAt.toISOString()])).toEqual([[byIndex[0].id, '2026-06-26T07:00:00.000Z']]);
    expect(unitOfWork.unitsRun).toBe(1);
  });

  it('sets the retainage release timer of a contract that withholds retainage and sets a release date, for the start of that date in its zone', async () => {
    // given a contract at 5 % retainage released on 30 June 2026, for a Los Angeles client
    const { timers, handler } = setUp();
    // when it is activated
    await handler.execute({ ...activation, contract: { ...activation.contract, retainageReleaseDate: '2026-06-30' } });
    // then the release waits for midnight of 30 June in Los Angeles (07:00Z), keyed by the contract
    expect(timers.scheduled).toEqual([
      { timer: RETAINAGE_RELEASE_DATE_TIMER, key: CONTRACT_ID, dueAt: new Date('2026-06-30T07:00:00Z'), data: { retainage_release_date: '2026-06-30' } },
    ]);
  });

  it('sets no release timer for a contract without retainage', async () => {
    const { timers, handler } = setUp();
    await handler.execute({ ...activation, contract: { ...activation.contract, retainageBps: 0, retainageReleaseDate: '2026-06-30' } });
    expect(timers.scheduled).toEqual([]);
  });
});
