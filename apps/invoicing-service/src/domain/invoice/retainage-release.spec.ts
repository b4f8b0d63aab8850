import { Invoice } from './invoice';
import { aDraftInvoice, draftTerms } from './invoice.fixtures';
import { retainageToRelease } from './retainage-release';

/** A milestone's invoice of 7,500.00 withholding 5 %, issued with the given number. */
function anIssuedMilestone(milestoneIndex: number, number: string, retainageBps = 500): Invoice {
  const invoice = aDraftInvoice({ id: `inv_M${milestoneIndex}`, milestoneIndex, milestoneTitle: `Milestone ${milestoneIndex}`, retainageBps });
  invoice.issue({ number, issueDate: '2026-05-28' });
  return invoice;
}

function aCancelledMilestone(milestoneIndex: number): Invoice {
  const invoice = aDraftInvoice({ id: `inv_M${milestoneIndex}`, milestoneIndex, retainageBps: 500 });
  invoice.discard();
  return invoice;
}

function aReleaseOf(invoices: readonly Invoice[], occasion: 'final_acceptance' | 'release_date') {
  const released = retainageToRelease(
    invoices.map((invoice) => invoice.snapshot()),
    occasion,
  );
  return Invoice.prepareRetainageRelease({ ...draftTerms(), id: `inv_R${invoices.length}`, released });
}

const snapshots = (invoices: readonly Invoice[]) => invoices.map((invoice) => invoice.snapshot());

describe('retainageToRelease', () => {
  it('releases nothing at final acceptance while a milestone is still to bill', () => {
    // given milestone 1 issued and milestone 2 still a draft
    const invoices = [anIssuedMilestone(1, 'INV-2026-000001'), aDraftInvoice({ id: 'inv_M2', milestoneIndex: 2, retainageBps: 500 })];
    // then final acceptance has not come
    expect(retainageToRelease(snapshots(invoices), 'final_acceptance')).toEqual([]);
  });

  it('releases every issued invoice\'s retainage, in number order, once the last milestone is billed', () => {
    const invoices = [anIssuedMilestone(2, 'INV-2026-000002'), anIssuedMilestone(1, 'INV-2026-000001')];
    expect(retainageToRelease(snapshots(invoices), 'final_acceptance')).toEqual([
      { invoiceId: 'inv_M1', invoiceNumber: 'INV-2026-000001', milestoneTitle: 'Milestone 1', currency: 'usd', retainageCents: 37_500 },
      { invoiceId: 'inv_M2', invoiceNumber: 'INV-2026-000002', milestoneTitle: 'Milestone 2', currency: 'usd', retainageCents: 37_500 },
    ]);
  });

  it('does not count a cancelled milestone: the last one billed is the last milestone', () => {
    // given milestones 1 and 2 billed and milestone 3 (the highest index) cancelled
    const invoices = [anIssuedMilestone(1, 'INV-2026-000001'), anIssuedMilestone(2, 'INV-2026-000002'), aCancelledMilestone(3)];
    // then the retainage of 1 and 2 is released
    expect(retainageToRelease(snapshots(invoices), 'final_acceptance').map((invoice) => invoice.invoiceId)).toEqual(['inv_M1', 'inv_M2']);
  });

  it('releases what was withheld so far on the release date, milestones still to bill or not', () => {
    const invoices = [anIssuedMilestone(1, 'INV-2026-000001'), aDraftInvoice({ id: 'inv_M2', milestoneIndex: 2, retainageBps: 500 })];
    expect(retainageToRelease(snapshots(invoices), 'release_date').map((invoice) => invoice.invoiceId)).toEqual(['inv_M1']);
  });

  it("releases each invoice's retainage once: a later release takes only what was withheld since", () => {
    // given milestone 1's retainage released on the release date
    const first = anIssuedMilestone(1, 'INV-2026-000001');
    const earlyRelease = aReleaseOf([first], 'release_date');
    earlyRelease.issue({ number: 'INV-2026-000002', issueDate: '2026-06-01' });
    // when milestone 2, the last, is billed afterwards
    const invoices = [first, earlyRelease, anIssuedMilestone(2, 'INV-2026-000003')];
    // then final acceptance releases milestone 2's retainage only, and nothing is left after it
    expect(retainageToRelease(snapshots(invoices), 'final_acceptance').map((invoice) => invoice.invoiceId)).toEqual(['inv_M2']);
    const finalRelease = aReleaseOf(invoices, 'final_acceptance');
    finalRelease.issue({ number: 'INV-2026-000004', issueDate: '2026-06-02' });
    expect(retainageToRelease(snapshots([...invoices, finalRelease]), 'final_acceptance')).toEqual([]);
    expect(retainageToRelease(snapshots([...invoices, finalRelease]), 'release_date')).toEqual([]);
  });

  it("never releases a voided invoice's retainage, nor a written-off one's; a credited one's less what its credit notes gave back", () => {
    // given four milestones billed: 1 voided, 2 written off, 3 credited in part (50.00 of its retainage given back), 4 credited in full
    const at = new Date('2026-06-01T12:00:00Z');
    const voided = anIssuedMilestone(1, 'INV-2026-000001');
    voided.void({ reason: 'Wrong PO reference.', at });
    const writtenOff = anIssuedMilestone(2, 'INV-2026-000002');
    writtenOff.markUncollectible({ reason: 'Client insolvent.', at });
    const partlyCredited = anIssuedMilestone(3, 'INV-2026-000003');
    partlyCredited.applyCredit({ amountCents: 100_000, at });
    const fullyCredited = anIssuedMilestone(4, 'INV-2026-000004');
    fullyCredited.applyCredit({ amountCents: fullyCredited.balanceCents, at });
    expect([voided.status, writtenOff.status, partlyCredited.status, fullyCredited.status]).toEqual(['void', 'uncollectible', 'open', 'credited']);
    const creditedRetainage = new Map([
      ['inv_M3', 5_000],
      ['inv_M4', 37_500],
    ]);
    // then only milestone 3's remaining 325.00 is released
    expect(retainageToRelease(snapshots([voided, writtenOff, partlyCredited, fullyCredited]), 'final_acceptance', creditedRetainage)).toEqual([
      { invoiceId: 'inv_M3', invoiceNumber: 'INV-2026-000003', milestoneTitle: 'Milestone 3', currency: 'usd', retainageCents: 32_500 },
    ]);
  });

  it('releases a credited invoice like a paid one when its credit notes gave none of its retainage back', () => {
    const credited = anIssuedMilestone(1, 'INV-2026-000001');
    credited.applyCredit({ amountCents: credited.balanceCents, at: new Date('2026-06-01T12:00:00Z') });
    expect(retainageToRelease(snapshots([credited]), 'release_date').map((invoice) => [invoice.invoiceId, invoice.retainageCents])).toEqual([['inv_M1', 37_500]]);
  });

  it('releases nothing for a contract without retainage, nor for drafts only', () => {
    expect(retainageToRelease(snapshots([anIssuedMilestone(1, 'INV-2026-000001', 0)]), 'final_acceptance')).toEqual([]);
    expect(retainageToRelease(snapshots([aDraftInvoice({ retainageBps: 500 })]), 'release_date')).toEqual([]);
    expect(retainageToRelease([], 'release_date')).toEqual([]);
  });
});

describe('Invoice.prepareRetainageRelease', () => {
  it('bills the released retainage as one line per invoice, with no tax and nothing withheld again', () => {
    // given two invoices with tax at 8 % and 5 % retainage (375.00 withheld on each)
    const first = aDraftInvoice({ id: 'inv_M1', milestoneIndex: 1, milestoneTitle: 'Deposit', taxRateBps: 800, retainageBps: 500 });
    first.issue({ number: 'INV-2026-000001', issueDate: '2026-05-28' });
    const second = aDraftInvoice({ id: 'inv_M2', milestoneIndex: 2, milestoneTitle: 'Launch', taxRateBps: 800, retainageBps: 500 });
    second.issue({ number: 'INV-2026-000002', issueDate: '2026-05-29' });
    // when their retainage is released
    const release = aReleaseOf([first, second], 'final_acceptance');
    // then the release bills 750.00, tax 0 (charged on the original lines), nothing withheld, no milestone
    expect(release.snapshot()).toMatchObject({
      status: 'draft',
      kind: 'retainage_release',
      milestoneIndex: null,
      taxRateBps: 0,
      retainageBps: 0,
      subtotalCents: 75_000,
      taxCents: 0,
      retainageCents: 0,
      totalCents: 75_000,
      payableCents: 75_000,
    });
    expect(release.snapshot().lines.map((line) => [line.description, line.amountCents, line.taxCents])).toEqual([
      ['Retainage released: INV-2026-000001 (Deposit)', 37_500, 0],
      ['Retainage released: INV-2026-000002 (Launch)', 37_500, 0],
    ]);
    // and what the client was asked to pay plus what is released is what the invoices totalled
    const totals = first.snapshot().totalCents + second.snapshot().totalCents;
    expect(first.snapshot().payableCents + second.snapshot().payableCents + release.snapshot().payableCents).toBe(totals);
  });

  it('refuses to be prepared with nothing to release', () => {
    expect(() => Invoice.prepareRetainageRelease({ ...draftTerms(), released: [] })).toThrow(RangeError);
  });
});

describe('Invoice.discard', () => {
  it('discards a draft, and changes nothing on a second discard or on an issued invoice', () => {
    const draft = aDraftInvoice();
    expect(draft.discard()).toBe('discarded');
    expect(draft.status).toBe('discarded');
    expect(draft.discard()).toBe('already_discarded');
    expect(draft.pullEvents()).toEqual([]);

    const issued = anIssuedMilestone(1, 'INV-2026-000001');
    expect(issued.discard()).toBe('not_a_draft');
    expect(issued.status).toBe('open');
  });

  it('refuses to issue a discarded draft', () => {
    const draft = aDraftInvoice();
    draft.discard();
    expect(() => draft.issue({ number: 'INV-2026-000001', issueDate: '2026-05-28' })).toThrow(expect.objectContaining({ code: 'invoice.illegal_transition' }));
  });
});
