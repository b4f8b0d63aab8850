import { DomainRejection } from '@mb/kernel';
import { Contract } from './contract';
import { aContract } from './contract-terms.builder';
import { CONTRACT_STATUSES, CONTRACT_TRANSITIONS } from './contract-status';
import { aTermination } from './termination.fixtures';

const signedAt = new Date('2026-05-28T09:00:00Z');
const draftedAt = new Date('2026-05-20T09:00:00Z');

function rejectionOf(action: () => unknown): DomainRejection {
  try {
    action();
  } catch (error) {
    if (error instanceof DomainRejection) return error;
    throw error;
  }
  throw new Error('expected a rejection');
}

describe('Contract', () => {
  it('drafts a contract with its schedule in exact cents and records that it was created', () => {
    // when the reference contract is drafted
    const contract = Contract.draft(aContract().build(), draftedAt);
    // then it is a draft with a con_ id, exact amounts and no warnings
    const snapshot = contract.snapshot();
    expect(snapshot.id).toMatch(/^con_/);
    expect(snapshot.status).toBe('draft');
    expect(snapshot.scheduleVersion).toBe(1);
    expect(snapshot.milestones.map((milestone) => milestone.amountCents)).toEqual([750_000, 1_050_000, 750_000, 450_000]);
    expect(snapshot.warnings).toEqual([]);
    expect(contract.pullEvents()).toEqual([{ type: 'created', at: draftedAt }]);
  });

  it('gives advance notice a week ahead unless the terms say otherwise, 0 turning it off', () => {
    // when contracts are drafted without a notice period, with 14 days, and with none
    const byDefault = Contract.draft(aContract().build(), draftedAt).snapshot();
    const fortnight = Contract.draft(aContract().withAdvanceNoticeDays(14).build(), draftedAt).snapshot();
    const none = Contract.draft(aContract().withAdvanceNoticeDays(0).build(), draftedAt).snapshot();
    // then each keeps its period, 7 days by default
    expect([byDefault.advanceNoticeDays, fortnight.advanceNoticeDays, none.advanceNoticeDays]).toEqual([7, 14, 0]);
  });

  it('keeps the retainage release date the terms set, none by default', () => {
    const byDefault = Contract.draft(aContract().withRetainage(500).build(), draftedAt).snapshot();
    const dated = Contract.draft(aContract().withRetainage(500, '2027-06-30').build(), draftedAt).snapshot();
    expect([byDefault.retainageReleaseDate, dated.retainageReleaseDate]).toEqual([null, '2027-06-30']);
  });

  it('keeps the warnings of a risky schedule with the draft', () => {
    const contract = Contract.draft(aContract().withScheduleInPercent([25, 10, 65]).build(), draftedAt);
    expect(contract.snapshot().warnings.map((warning) => warning.code)).toEqual(['backloaded_final_milestone']);
  });

  it.each([
    ['an unknown currency', aContract().withCurrency('xyz').build(), 'contract.unknown_currency', 'currency'],
    ['a schedule adding up to 99 %', aContract().withScheduleInBasisPoints([2500, 3500, 2500, 1400]).build(), 'schedule.amounts_do_not_add_up', 'milestones'],
    ['an empty schedule', aContract().withMilestones([]).build(), 'schedule.empty', 'milestones'],
    ['two milestones with one title', aContract().withMilestone(1, { title: 'Kickoff Deposit' }).build(), 'schedule.duplicate_milestone_title', 'milestones.1.title'],
    ['a zero total', aContract().withTotal(0).build(), 'contract.invalid_total_value', 'total_value_cents'],
    ['an advance notice over 90 days', aContract().withAdvanceNoticeDays(91).build(), 'contract.invalid_advance_notice_days', 'advance_notice_days'],
    ['an advance notice in part days', aContract().withAdvanceNoticeDays(2.5).build(), 'contract.invalid_advance_notice_days', 'advance_notice_days'],
    ['a retainage release date but no retainage', aContract().withRetainage(0, '2027-06-30').build(), 'contract.retainage_release_date_without_retainage', 'retainage_release_date'],
  ])('refuses to draft a contract with %s', (_case, terms, code, field) => {
    expect(rejectionOf(() => Contract.draft(terms, draftedAt))).toMatchObject({ kind: 'invalid', code, field });
  });

  it('activates a draft and records the activation', () => {
    // given a draft
    const contract = Contract.draft(aContract().build(), draftedAt);
    contract.pullEvents();
    // when it is signed
    contract.activate(signedAt);
    // then it is active from that moment
    expect(contract.snapshot()).toMatchObject({ status: 'active', activatedAt: signedAt });
    expect(contract.pullEvents()).toEqual([{ type: 'activated', at: signedAt }]);
  });

  it('refuses to activate a contract twice', () => {
    // given an active contract
    const contract = Contract.draft(aContract().build(), draftedAt);
    contract.activate(signedAt);
    contract.pullEvents();
    // when activated again, then it is a conflict and nothing is recorded
    expect(rejectionOf(() => contract.activate(signedAt))).toMatchObject({ kind: 'conflict', code: 'contract.not_draft' });
    expect(contract.pullEvents()).toEqual([]);
  });

  it('refuses to activate a terminated contract', () => {
    const contract = Contract.draft(aContract().build(), draftedAt);
    contract.terminate(aTermination('client withdrew before signing'), signedAt);
    expect(rejectionOf(() => contract.activate(signedAt))).toMatchObject({ kind: 'conflict', code: 'contract.not_draft' });
  });

  it('terminates an active contract with a reason, and never again', () => {
    // given an active contract
    const contract = Contract.draft(aContract().build(), draftedAt);
    contract.activate(signedAt);
    contract.pullEvents();
    // when terminated
    contract.terminate(aTermination('  budget cut  '), signedAt);
    // then the reason is kept and recorded; a second termination is refused
    expect(contract.snapshot()).toMatchObject({ status: 'terminated', terminationReason: 'budget cut' });
    expect(contract.snapshot()).toMatchObject({ terminationEffectiveDate: '2026-06-01', terminatedBy: 'usr_supplier_admin_3' });
    expect(contract.pullEvents()).toEqual([
      { type: 'terminated', at: signedAt, reason: 'budget cut', effectiveDate: '2026-06-01', terminatedBy: 'usr_supplier_admin_3', settlement: aTermination('').settlement },
    ]);
    expect(rejectionOf(() => contract.terminate(aTermination('again'), signedAt))).toMatchObject({ code: 'contract.illegal_transition' });
  });

  it('refuses a termination effective before the activation, naming the field', () => {
    const contract = Contract.draft(aContract().build(), draftedAt);
    contract.activate(signedAt);
    contract.pullEvents();
    expect(rejectionOf(() => contract.terminate(aTermination('budget cut', { effectiveDate: '2026-05-31', activationDate: '2026-06-01' }), signedAt))).toMatchObject({
      kind: 'invalid',
      code: 'contract.termination_before_activation',
      field: 'effective_date',
    });
    expect(contract.snapshot().status).toBe('active');
  });

  it('completes an active contract once every milestone is paid or cancelled, at least one paid, and only then', () => {
    const contract = Contract.draft(aContract().build(), draftedAt);
    contract.activate(signedAt);
    contract.pullEvents();
    // while a milestone is still open, or when nothing was paid, it stays active
    expect(contract.completeIfSettled({ paid: 3, cancelled: 0, other: 1 }, signedAt)).toBe(false);
    expect(contract.completeIfSettled({ paid: 0, cancelled: 4, other: 0 }, signedAt)).toBe(false);
    expect(contract.pullEvents()).toEqual([]);
    // when the last one is paid, it completes, once
    expect(contract.completeIfSettled({ paid: 3, cancelled: 1, other: 0 }, signedAt)).toBe(true);
    expect(contract.snapshot()).toMatchObject({ status: 'completed', completedAt: signedAt });
    expect(contract.pullEvents()).toEqual([{ type: 'completed', at: signedAt, paidMilestones: 3, cancelledMilestones: 1 }]);
    expect(contract.completeIfSettled({ paid: 3, cancelled: 1, other: 0 }, signedAt)).toBe(false);
  });

  it('has no way out of terminated or completed', () => {
    expect(CONTRACT_TRANSITIONS.terminated).toEqual([]);
    expect(CONTRACT_TRANSITIONS.completed).toEqual([]);
    for (const status of CONTRACT_STATUSES) expect(CONTRACT_TRANSITIONS[status]).not.toContain('draft');
  });
});
