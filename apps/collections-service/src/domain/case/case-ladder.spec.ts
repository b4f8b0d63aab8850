import fc from 'fast-check';
import { DomainRejection } from '@mb/kernel';
import { DEFAULT_DUNNING_LADDER } from '../dunning/dunning-ladder';
import { CollectionsCase } from './case';
import { anOpenCase, anOverdueInvoice, AT } from './case.fixtures';

// The default ladder: friendly (day 1), firm (15), final (30), agency hand-off (60, pauses), write-off proposal (90, pauses).
// anOverdueInvoice is due 2026-06-15, so the firm notice is due at the start of 2026-06-30 (UTC).
const FIRM_DUE = new Date('2026-06-30T00:00:00Z');
const FINAL_DUE = new Date('2026-07-15T00:00:00Z');

function stageChanges(collectionsCase: CollectionsCase) {
  return collectionsCase
    .pullEvents()
    .filter((event) => event.type === 'stage_changed')
    .map((event) => (event.type === 'stage_changed' ? [event.previousStage, event.stage, event.cause] : []));
}

describe('A collections case on its dunning ladder', () => {
  it('is due to move at the start of the next stage day after the oldest chased due date, in the client zone', () => {
    // given a case of a client in Auckland
    const collectionsCase = CollectionsCase.open({ id: 'case_1', clientId: 'cli_1', invoice: anOverdueInvoice(), ladder: DEFAULT_DUNNING_LADDER, now: AT, clientTimeZone: 'Pacific/Auckland' });
    // then its firm notice is due at midnight of 2026-06-30 there (UTC+12)
    expect(collectionsCase.nextStageAt()).toEqual(new Date('2026-06-29T12:00:00Z'));
  });

  it('moves one stage when due, not before, and records why', () => {
    const collectionsCase = anOpenCase();
    expect(collectionsCase.advanceOnLadder(new Date(FIRM_DUE.getTime() - 1))).toBe('not_due');
    expect(collectionsCase.advanceOnLadder(FIRM_DUE)).toBe('moved');
    expect(collectionsCase.snapshot()).toMatchObject({ stage: 'firm_notice', stageEnteredAt: FIRM_DUE });
    expect(stageChanges(collectionsCase)).toEqual([['friendly_reminder', 'firm_notice', 'ladder']]);
    expect(collectionsCase.nextStageAt()).toEqual(FINAL_DUE);
  });

  it('pauses for a decision at the hand-off stage, and continues to the next stage on a decision', () => {
    // given a case that climbed to the agency hand-off
    const collectionsCase = anOpenCase();
    const late = new Date('2026-12-31T00:00:00Z');
    while (collectionsCase.advanceOnLadder(late) === 'moved');
    expect(collectionsCase.snapshot()).toMatchObject({ stage: 'agency_handoff', holds: [{ kind: 'awaiting_decision', reference: 'agency_handoff' }] });
    expect(collectionsCase.nextStageAt()).toBeNull();
    // when finance decides to continue
    collectionsCase.decide('continue', late);
    // then it moves to the write-off proposal, which pauses again
    expect(collectionsCase.snapshot()).toMatchObject({ stage: 'write_off_proposal', holds: [{ kind: 'awaiting_decision', reference: 'write_off_proposal' }] });
    expect(() => collectionsCase.decide('continue', late)).toThrow(expect.objectContaining({ code: 'case.no_next_stage' }));
  });

  it('refuses a decision when nothing waits for one', () => {
    expect(() => anOpenCase().decide('continue', AT)).toThrow(expect.objectContaining({ code: 'case.not_awaiting_decision' }));
  });

  it('does not move while held, and escalates one stage when a broken hold lifts', () => {
    const collectionsCase = anOpenCase();
    collectionsCase.placeHold({ kind: 'payment_plan', reference: 'plan_1' }, AT);
    expect(() => collectionsCase.placeHold({ kind: 'payment_plan' }, AT)).toThrow(DomainRejection);
    expect(collectionsCase.nextStageAt()).toBeNull();
    expect(collectionsCase.advanceOnLadder(FINAL_DUE)).toBe('waiting');
    expect(collectionsCase.liftHold('payment_plan', FINAL_DUE, { escalate: true })).toBe(true);
    expect(stageChanges(collectionsCase)).toEqual([['friendly_reminder', 'firm_notice', 'broken_payment_plan']]);
    expect(collectionsCase.liftHold('payment_plan', FINAL_DUE)).toBe(false);
  });

  it('waits while only disputed invoices are left, and resumes when the dispute clears', () => {
    const collectionsCase = anOpenCase();
    expect(collectionsCase.markInvoiceDisputed('inv_1')).toBe(true);
    expect(collectionsCase.nextStageAt()).toBeNull();
    expect(collectionsCase.chasedInvoices()).toEqual([]);
    expect(collectionsCase.balances()).toEqual({ usd: 750_000 });
    expect(collectionsCase.clearInvoiceDispute('inv_1')).toBe(true);
    expect(collectionsCase.nextStageAt()).toEqual(FIRM_DUE);
  });

  it('counts the ladder from the oldest invoice still chased', () => {
    const collectionsCase = anOpenCase();
    collectionsCase.addOverdueInvoice(anOverdueInvoice({ invoiceId: 'inv_2', dueDate: '2026-06-25' }), AT);
    collectionsCase.markInvoiceDisputed('inv_1');
    expect(collectionsCase.nextStageAt()).toEqual(new Date('2026-07-10T00:00:00Z'));
  });
});

describe('A promise to pay', () => {
  const today = '2026-07-01';

  it('holds the case until judged; kept when the amount was paid since, resuming without escalation', () => {
    const collectionsCase = anOpenCase();
    collectionsCase.recordPromise({ id: 'ptp_1', promisedDate: '2026-07-10', currency: 'usd', amountCents: 300_000, recordedBy: 'cli_1', today, now: AT });
    expect(collectionsCase.nextStageAt()).toBeNull();
    collectionsCase.applyPayment('inv_1', 300_000, AT);
    expect(collectionsCase.resolvePromise('ptp_1', new Date('2026-07-11T00:00:00Z'))).toBe('kept');
    expect(collectionsCase.snapshot()).toMatchObject({ stage: 'friendly_reminder', holds: [], promises: [{ status: 'kept', paidCents: 300_000 }] });
    expect(collectionsCase.pullEvents().map((event) => event.type)).toEqual(['promise_recorded', 'promise_kept']);
    expect(collectionsCase.resolvePromise('ptp_1', new Date('2026-07-11T00:00:00Z'))).toBe('already_resolved');
  });

  it('is broken when less was paid, escalating one stage', () => {
    const collectionsCase = anOpenCase();
    collectionsCase.recordPromise({ id: 'ptp_1', promisedDate: '2026-07-10', currency: 'usd', amountCents: 300_000, recordedBy: 'cli_1', today, now: AT });
    collectionsCase.applyPayment('inv_1', 299_999, AT);
    expect(collectionsCase.resolvePromise('ptp_1', new Date('2026-07-11T00:00:00Z'))).toBe('broken');
    expect(collectionsCase.snapshot()).toMatchObject({ stage: 'firm_notice', holds: [] });
    expect(collectionsCase.pullEvents().map((event) => event.type)).toEqual(['promise_recorded', 'promise_broken', 'stage_changed']);
  });

  it('is kept when the case closed meanwhile', () => {
    const collectionsCase = anOpenCase();
    collectionsCase.recordPromise({ id: 'ptp_1', promisedDate: '2026-07-10', currency: 'usd', amountCents: 100_000, recordedBy: 'cli_1', today, now: AT });
    collectionsCase.settleInvoice('inv_1', AT);
    expect(collectionsCase.resolvePromise('ptp_1', new Date('2026-07-11T00:00:00Z'))).toBe('kept');
  });

  it.each([
    ['a currency not owed', { currency: 'eur' }, 'currency'],
    ['more than is owed', { amountCents: 750_001 }, 'amount_cents'],
    ['nothing', { amountCents: 0 }, 'amount_cents'],
    ['a date already past', { promisedDate: '2026-06-30' }, 'promised_date'],
  ])('refuses %s, naming the field', (_, change, field) => {
    const collectionsCase = anOpenCase();
    const recording = () =>
      collectionsCase.recordPromise({ id: 'ptp_1', promisedDate: '2026-07-10', currency: 'usd', amountCents: 100_000, recordedBy: 'cli_1', today, now: AT, ...change });
    expect(recording).toThrow(expect.objectContaining({ code: 'promise.invalid', field }));
  });

  it('refuses a second promise while one is pending', () => {
    const collectionsCase = anOpenCase();
    collectionsCase.recordPromise({ id: 'ptp_1', promisedDate: '2026-07-10', currency: 'usd', amountCents: 100_000, recordedBy: 'cli_1', today, now: AT });
    expect(() => collectionsCase.recordPromise({ id: 'ptp_2', promisedDate: '2026-07-12', currency: 'usd', amountCents: 100_000, recordedBy: 'cli_1', today, now: AT })).toThrow(
      expect.objectContaining({ code: 'promise.already_pending' }),
    );
  });
});

describe('A case balance', () => {
  const CURRENCIES = ['usd', 'eur', 'jpy'] as const;

  it('per currency is the sum of the open balances of its invoices, under any payments and credits', () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ currency: fc.constantFrom(...CURRENCIES), amount: fc.integer({ min: 1, max: 10_000_000 }) }), { minLength: 1, maxLength: 6 }),
        fc.array(fc.record({ invoice: fc.nat(), amount: fc.integer({ min: 0, max: 12_000_000 }), kind: fc.constantFrom('payment', 'credit', 'settle', 'write_off') }), { maxLength: 30 }),
        (invoices, reductions) => {
          // given a case with invoices in several currencies
          const collectionsCase = anOpenCase(anOverdueInvoice({ invoiceId: 'inv_0', currency: invoices[0].currency, amountDueCents: invoices[0].amount }));
          invoices.slice(1).forEach((invoice, index) => collectionsCase.addOverdueInvoice(anOverdueInvoice({ invoiceId: `inv_${index + 1}`, currency: invoice.currency, amountDueCents: invoice.amount }), AT));
          // when payments, credits, settlements and write-offs arrive in any order
          for (const reduction of reductions) {
            const invoiceId = `inv_${reduction.invoice % invoices.length}`;
            if (reduction.kind === 'settle') collectionsCase.settleInvoice(invoiceId, AT);
            else if (reduction.kind === 'write_off') collectionsCase.writeOffInvoice(invoiceId, AT);
            else collectionsCase.applyPayment(invoiceId, reduction.amount, AT);
          }
          // then each currency's balance is the sum over its invoices, and nothing is owed in a currency never billed
          const expected: Record<string, number> = {};
          for (const invoice of collectionsCase.snapshot().invoices) {
            if (invoice.balanceCents > 0) expected[invoice.currency] = (expected[invoice.currency] ?? 0) + invoice.balanceCents;
            if (invoice.balanceCents < 0) return false;
          }
          const balances = collectionsCase.balances();
          return JSON.stringify(balances, Object.keys(balances).sort()) === JSON.stringify(expected, Object.keys(expected).sort()) && collectionsCase.isOpen === Object.keys(expected).length > 0;
        },
      ),
    );
  });
});
