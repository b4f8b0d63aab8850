import { InMemoryCreditNoteRepository } from '../../../test/fakes/in-memory-credit-note.repository';
import { InMemoryClientBalanceRepository } from '../../../test/fakes/in-memory-client-balance.repository';
import { InMemoryPaymentRepository } from '../../../test/fakes/in-memory-payment.repository';
import { InMemoryUnitOfWork, RecordingEventOutbox, RecordingTimers } from '@mb/testing';
import { InMemoryContractTermsRepository } from '../../../test/fakes/in-memory-contract-terms.repository';
import { InMemoryInvoiceNumberSeriesRepository } from '../../../test/fakes/in-memory-invoice-number-series.repository';
import { InMemoryInvoiceRepository } from '../../../test/fakes/in-memory-invoice.repository';
import { aDraftInvoice, CLIENT_ID, CONTRACT_ID } from '../../domain/invoice/invoice.fixtures';
import { INVOICE_OVERDUE_TIMER } from '../announce-invoice-overdue/announce-invoice-overdue.handler';
import type { ContractTerms } from '../ports/contract-terms.repository';
import { DiscardDraftHandler } from '../discard-draft/discard-draft.handler';
import { ReleaseRetainageHandler } from './release-retainage.handler';
import { RecordingPaymentReminders } from '../../../test/fakes/recording-payment-reminders';

describe('ReleaseRetainageHandler', () => {
  const terms: ContractTerms = {
    contractId: CONTRACT_ID,
    clientId: CLIENT_ID,
    clientName: 'Acme Corp',
    clientTimeZone: 'America/New_York',
    title: 'Customer portal rebuild',
    currency: 'usd',
    totalValueCents: 1_500_000,
    netDays: 30,
    taxRateBps: 800,
    retainageBps: 500,
    purchaseOrderRef: 'PO-77812',
    scheduleVersion: 1,
    activatedAt: '2026-05-20T09:00:00.000Z',
    retainageReleaseDate: null,
  };

  /** A contract of two milestones at 5 % retainage: the first issued as INV-2026-000041, the second as the test says. */
  async function aContract(second: 'issued' | 'draft' | 'cancelled') {
    const unitOfWork = new InMemoryUnitOfWork();
    const invoices = new InMemoryInvoiceRepository();
    const contracts = new InMemoryContractTermsRepository();
    const series = new InMemoryInvoiceNumberSeriesRepository({ 'INV-2026': 42 }, unitOfWork);
    const outbox = new RecordingEventOutbox();
    const timers = new RecordingTimers(unitOfWork);
    const creditNotes = new InMemoryCreditNoteRepository();
    const balances = new InMemoryClientBalanceRepository();
    const handler = new ReleaseRetainageHandler(unitOfWork, invoices, contracts, series, creditNotes, balances, new InMemoryPaymentRepository(), outbox, timers, new RecordingPaymentReminders());
    await contracts.remember(terms);
    const first = aDraftInvoice({ id: 'inv_M1', contractId: CONTRACT_ID, milestoneIndex: 1, milestoneTitle: 'Deposit', taxRateBps: 800, retainageBps: 500 });
    first.issue({ number: 'INV-2026-000041', issueDate: '2026-05-28' });
    const other = aDraftInvoice({ id: 'inv_M2', contractId: CONTRACT_ID, milestoneIndex: 2, milestoneTitle: 'Launch', taxRateBps: 800, retainageBps: 500 });
    if (second === 'issued') other.issue({ number: 'INV-2026-000042', issueDate: '2026-05-29' });
    await invoices.add(first);
    await invoices.add(other);
    return { unitOfWork, invoices, contracts, series, creditNotes, balances, outbox, timers, handler, discard: new DiscardDraftHandler(unitOfWork, invoices, contracts, handler) };
  }

  const occurredAt = new Date('2026-06-01T15:00:00Z');

  it('issues one release for everything withheld at final acceptance: next number, no tax, announced, timed for overdue', async () => {
    // given both milestones billed, 375.00 withheld on each
    const { invoices, series, outbox, timers, handler } = await aContract('issued');
    // when final acceptance is considered
    const outcome = await handler.execute({ contractId: CONTRACT_ID, occasion: 'final_acceptance', occurredAt, causationId: 'evt_01JTRIGGER' });
    // then a release of 750.00 is issued as INV-2026-000043, dated in New York, due on net-30
    expect(outcome).toBe('released');
    const release = invoices.all().find((invoice) => invoice.kind === 'retainage_release');
    expect(release).toMatchObject({
      status: 'open',
      number: 'INV-2026-000043',
      issueDate: '2026-06-01',
      dueDate: '2026-07-01',
      taxCents: 0,
      totalCents: 75_000,
      payableCents: 75_000,
      milestoneIndex: null,
      releasedInvoices: [expect.objectContaining({ invoiceId: 'inv_M1' }), expect.objectContaining({ invoiceId: 'inv_M2' })],
    });
    expect(series.lastSequenceOf('INV-2026')).toBe(43);
    expect(outbox.only('invoice.issued')).toMatchObject({ kind: 'retainage_release', invoice_number: 'INV-2026-000043', total_cents: 75_000 });
    expect(outbox.recorded[0].causationId).toBe('evt_01JTRIGGER');
    expect(timers.scheduled).toEqual([{ timer: INVOICE_OVERDUE_TIMER, key: release?.id, dueAt: new Date('2026-07-02T04:00:00Z'), data: { due_date: '2026-07-01' } }]);

    // when it is considered again (another occasion, or the release date after it)
    expect(await handler.execute({ contractId: CONTRACT_ID, occasion: 'release_date', occurredAt })).toBe('nothing_to_release');
    // then nothing more is released or numbered
    expect(invoices.all().filter((invoice) => invoice.kind === 'retainage_release')).toHaveLength(1);
    expect(series.lastSequenceOf('INV-2026')).toBe(43);
  });

  it('releases nothing at final acceptance while a milestone is still to bill, and what was withheld so far on the release date', async () => {
    const { invoices, handler } = await aContract('draft');
    expect(await handler.execute({ contractId: CONTRACT_ID, occasion: 'final_acceptance', occurredAt })).toBe('nothing_to_release');
    expect(await handler.execute({ contractId: CONTRACT_ID, occasion: 'release_date', occurredAt })).toBe('released');
    expect(invoices.all().find((invoice) => invoice.kind === 'retainage_release')).toMatchObject({ totalCents: 37_500, releasedInvoices: [expect.objectContaining({ invoiceId: 'inv_M1' })] });
  });

  it('releases when the last milestone left to bill is cancelled, its draft discarded', async () => {
    // given milestone 1 billed and milestone 2 a draft
    const { invoices, outbox, discard } = await aContract('draft');
    // when milestone 2 is cancelled
    const outcome = await discard.execute({ contractId: CONTRACT_ID, milestoneIndex: 2, cancelledAt: occurredAt, causationId: 'evt_01JCANCEL' });
    // then its draft is discarded, announced to nobody, and the deposit's retainage is released
    expect(outcome).toBe('discarded');
    expect(invoices.stored('inv_M2')).toMatchObject({ status: 'discarded', number: null });
    expect(outbox.names()).toEqual(['invoice.issued']);
    expect(outbox.only('invoice.issued')).toMatchObject({ kind: 'retainage_release', total_cents: 37_500 });
    // and a redelivered cancellation changes nothing
    expect(await discard.execute({ contractId: CONTRACT_ID, milestoneIndex: 2, cancelledAt: occurredAt, causationId: 'evt_01JCANCEL' })).toBe('already_discarded');
    expect(outbox.names()).toEqual(['invoice.issued']);
  });

  it('leaves an issued invoice of a cancelled milestone as issued, and retries a cancellation that overtook its contract', async () => {
    const { invoices, discard } = await aContract('issued');
    expect(await discard.execute({ contractId: CONTRACT_ID, milestoneIndex: 1, cancelledAt: occurredAt, causationId: 'evt_01JC' })).toBe('not_a_draft');
    expect(invoices.stored('inv_M1')).toMatchObject({ status: 'open' });
    expect(await discard.execute({ contractId: CONTRACT_ID, milestoneIndex: 7, cancelledAt: occurredAt, causationId: 'evt_01JC' })).toBe('no_draft');
    await expect(discard.execute({ contractId: 'con_01JUNKNOWN', milestoneIndex: 1, cancelledAt: occurredAt, causationId: 'evt_01JC' })).rejects.toThrow('is not known yet');
  });
});
