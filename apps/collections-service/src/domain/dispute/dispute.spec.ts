import fc from 'fast-check';
import { DomainRejection } from '@mb/kernel';
import { Dispute, DISPUTE_REASON_MAX_LENGTH } from './dispute';
import { anOpenDispute, anOpenInvoice, finance, OPENED_AT, RESOLVED_AT, theClient } from './dispute.fixtures';

function codeOf(action: () => unknown): string | undefined {
  try {
    action();
  } catch (error) {
    if (error instanceof DomainRejection) return error.code;
    throw error;
  }
  return undefined;
}

describe('A dispute', () => {
  it('opens on part of an invoice with the reason and who raised it, announcing it once', () => {
    // given an invoice with 7,725.00 open
    const invoice = anOpenInvoice({ balanceCents: 772_500 });
    // when the client disputes 1,500.00 of it
    const dispute = Dispute.open({ id: 'dsp_1', invoice, amountCents: 150_000, reason: '  Two review days, not five.  ', openedBy: theClient, now: OPENED_AT });
    // then the dispute is open for that part, with the reason trimmed
    expect(dispute.snapshot()).toMatchObject({
      status: 'open',
      clientId: 'cli_1',
      invoiceId: 'inv_1',
      currency: 'usd',
      amountCents: 150_000,
      invoiceBalanceCents: 772_500,
      wholeInvoice: false,
      reason: 'Two review days, not five.',
      openedBy: theClient,
      resolution: null,
    });
    expect(dispute.pullEvents()).toEqual([{ type: 'opened' }]);
    expect(dispute.pullEvents()).toEqual([]);
  });

  it('disputes the whole open balance when no amount is given', () => {
    // when finance disputes an invoice on the client's behalf without an amount
    const dispute = Dispute.open({ id: 'dsp_1', invoice: anOpenInvoice({ balanceCents: 500_000 }), reason: 'Wrong purchase order.', openedBy: finance, now: OPENED_AT });
    // then the whole balance is disputed and finance is recorded as who opened it
    expect(dispute.snapshot()).toMatchObject({ amountCents: 500_000, wholeInvoice: true, openedBy: finance });
  });

  it.each([
    ['more than the open balance', 772_501, 'dispute.amount_exceeds_balance'],
    ['nothing', 0, 'dispute.amount_not_positive'],
    ['a negative amount', -1, 'dispute.amount_not_positive'],
    ['a fraction of a cent', 10.5, 'dispute.amount_not_positive'],
  ])('refuses to dispute %s', (_what, amountCents, code) => {
    expect(codeOf(() => Dispute.open({ id: 'dsp_1', invoice: anOpenInvoice(), amountCents, reason: 'x', openedBy: theClient, now: OPENED_AT }))).toBe(code);
  });

  it('refuses a dispute without a reason, or with one too long', () => {
    const open = (reason: string) => () => Dispute.open({ id: 'dsp_1', invoice: anOpenInvoice(), reason, openedBy: theClient, now: OPENED_AT });
    expect(codeOf(open('   '))).toBe('dispute.reason_required');
    expect(codeOf(open('x'.repeat(DISPUTE_REASON_MAX_LENGTH + 1)))).toBe('dispute.reason_required');
    expect(codeOf(open('x'.repeat(DISPUTE_REASON_MAX_LENGTH)))).toBeUndefined();
  });

  it('refuses to dispute an invoice with nothing left to pay', () => {
    expect(codeOf(() => Dispute.open({ id: 'dsp_1', invoice: anOpenInvoice({ open: false, balanceCents: 0 }), reason: 'x', openedBy: theClient, now: OPENED_AT }))).toBe(
      'dispute.invoice_not_open',
    );
  });

  it('is upheld for the disputed amount by default, announcing the resolution', () => {
    // given an open dispute of 1,500.00
    const dispute = anOpenDispute(150_000);
    // when finance upholds it without naming a credit
    dispute.resolve({ outcome: 'upheld', note: 'Timesheets confirm it.', by: finance, now: RESOLVED_AT });
    // then the whole disputed amount is to be credited
    expect(dispute.snapshot()).toMatchObject({
      status: 'upheld',
      resolution: { outcome: 'upheld', note: 'Timesheets confirm it.', creditAmountCents: 150_000, resolvedBy: finance, resolvedAt: RESOLVED_AT },
    });
    expect(dispute.pullEvents()).toEqual([{ type: 'resolved' }]);
  });

  it('is upheld for less than the disputed amount when finance says so, never for more', () => {
    const partly = anOpenDispute(150_000);
    partly.resolve({ outcome: 'upheld', note: 'One day of the three.', creditAmountCents: 50_000, by: finance, now: RESOLVED_AT });
    expect(partly.snapshot().resolution?.creditAmountCents).toBe(50_000);
    expect(codeOf(() => anOpenDispute(150_000).resolve({ outcome: 'upheld', note: 'x', creditAmountCents: 150_001, by: finance, now: RESOLVED_AT }))).toBe(
      'dispute.credit_exceeds_disputed',
    );
    expect(codeOf(() => anOpenDispute(150_000).resolve({ outcome: 'upheld', note: 'x', creditAmountCents: 0, by: finance, now: RESOLVED_AT }))).toBe('dispute.credit_not_positive');
  });

  it('is rejected with a note and no credit', () => {
    // given an open dispute
    const dispute = anOpenDispute();
    // when finance rejects it
    dispute.resolve({ outcome: 'rejected', note: 'The review log shows five days.', by: finance, now: RESOLVED_AT });
    // then nothing is credited and the note is kept for the client
    expect(dispute.snapshot()).toMatchObject({ status: 'rejected', resolution: { outcome: 'rejected', creditAmountCents: null, note: 'The review log shows five days.' } });
    // and a rejection naming a credit is refused
    expect(codeOf(() => anOpenDispute().resolve({ outcome: 'rejected', note: 'x', creditAmountCents: 1, by: finance, now: RESOLVED_AT }))).toBe('dispute.credit_on_rejection');
  });

  it('refuses a resolution without a note', () => {
    expect(codeOf(() => anOpenDispute().resolve({ outcome: 'rejected', note: ' ', by: finance, now: RESOLVED_AT }))).toBe('dispute.note_required');
  });

  it('is resolved once only', () => {
    // given a rejected dispute
    const dispute = anOpenDispute();
    dispute.resolve({ outcome: 'rejected', note: 'No.', by: finance, now: RESOLVED_AT });
    dispute.pullEvents();
    // when finance tries to uphold it after all
    // then it is refused and nothing more is announced
    expect(codeOf(() => dispute.resolve({ outcome: 'upheld', note: 'Yes.', by: finance, now: RESOLVED_AT }))).toBe('dispute.already_resolved');
    expect(dispute.pullEvents()).toEqual([]);
  });

  it('is withdrawn by the client with a note, crediting nothing, announced once', () => {
    // given an open dispute
    const dispute = anOpenDispute();
    // when the client withdraws it, saying why
    dispute.withdraw({ note: '  Our lead found the review notes.  ', by: theClient, now: RESOLVED_AT });
    // then it is withdrawn, final, with no resolution, and the withdrawal is announced
    expect(dispute.snapshot()).toMatchObject({
      status: 'withdrawn',
      resolution: null,
      withdrawal: { note: 'Our lead found the review notes.', withdrawnBy: theClient, withdrawnAt: RESOLVED_AT },
    });
    expect(dispute.pullEvents()).toEqual([{ type: 'withdrawn' }]);
  });

  it('is withdrawn without a note, a blank one counting as none', () => {
    const silent = anOpenDispute();
    silent.withdraw({ by: finance, now: RESOLVED_AT });
    const blank = anOpenDispute();
    blank.withdraw({ note: '   ', by: theClient, now: RESOLVED_AT });
    expect([silent.snapshot().withdrawal?.note, blank.snapshot().withdrawal?.note]).toEqual([null, null]);
  });

  it('refuses to withdraw a dispute already resolved or withdrawn, and to resolve a withdrawn one', () => {
    // given a rejected dispute and a withdrawn one
    const rejected = anOpenDispute();
    rejected.resolve({ outcome: 'rejected', note: 'No.', by: finance, now: RESOLVED_AT });
    const withdrawn = anOpenDispute();
    withdrawn.withdraw({ by: theClient, now: RESOLVED_AT });
    rejected.pullEvents();
    withdrawn.pullEvents();
    // then neither is withdrawn (again), nor is the withdrawn one decided, and nothing is announced
    expect(codeOf(() => rejected.withdraw({ by: theClient, now: RESOLVED_AT }))).toBe('dispute.already_resolved');
    expect(codeOf(() => withdrawn.withdraw({ by: theClient, now: RESOLVED_AT }))).toBe('dispute.already_resolved');
    expect(codeOf(() => withdrawn.resolve({ outcome: 'upheld', note: 'Yes.', by: finance, now: RESOLVED_AT }))).toBe('dispute.already_resolved');
    expect([rejected.snapshot().status, withdrawn.snapshot().status]).toEqual(['rejected', 'withdrawn']);
    expect([...rejected.pullEvents(), ...withdrawn.pullEvents()]).toEqual([]);
  });

  it('never disputes more than the open balance nor credits more than was disputed, whatever the amounts', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 10 ** 12 }), fc.integer({ min: 1, max: 10 ** 12 }), fc.integer({ min: 1, max: 10 ** 12 }), (balanceCents, amountCents, creditCents) => {
        let dispute: Dispute;
        try {
          dispute = Dispute.open({ id: 'dsp_1', invoice: anOpenInvoice({ balanceCents }), amountCents, reason: 'x', openedBy: theClient, now: OPENED_AT });
        } catch {
          return amountCents > balanceCents;
        }
        try {
          dispute.resolve({ outcome: 'upheld', note: 'y', creditAmountCents: creditCents, by: finance, now: RESOLVED_AT });
        } catch {
          return creditCents > amountCents;
        }
        const credited = dispute.snapshot().resolution?.creditAmountCents ?? 0;
        return amountCents <= balanceCents && credited <= amountCents;
      }),
    );
  });
});
