import fc from 'fast-check';
import { DomainRejection } from '@mb/kernel';
import { type MilestoneProgressStatus, type PartialBilling, settleTermination, TERMINATION_ERRORS } from './termination-settlement';

describe('settleTermination', () => {
  /** The e2e journey's contract: 30,000.00 over four milestones. */
  const schedule = [
    { milestoneIndex: 1, amountCents: 750_000 },
    { milestoneIndex: 2, amountCents: 750_000 },
    { milestoneIndex: 3, amountCents: 1_050_000 },
    { milestoneIndex: 4, amountCents: 450_000 },
  ];
  const progress = new Map<number, MilestoneProgressStatus>([
    [1, 'invoiced'],
    [2, 'approved'],
    [3, 'in_progress'],
    [4, 'planned'],
  ]);
  const fortyPercentOfUat: PartialBilling = { milestoneIndex: 3, percentBps: 4000, basis: 'client_agreement', agreementReference: 'Email of 28 August' };

  it('leaves billed work, bills approved work in full, unfinished work for its agreed share, and cancels the rest', () => {
    // when the contract is terminated with UAT billed at an agreed 40 %
    const settlement = settleTermination(schedule, progress, [fortyPercentOfUat]);
    // then
    expect(settlement.milestones).toEqual([
      { milestoneIndex: 1, outcome: 'already_billed', amountCents: 750_000, billedCents: 750_000, cancelledCents: 0, partial: null },
      { milestoneIndex: 2, outcome: 'billed_in_full', amountCents: 750_000, billedCents: 750_000, cancelledCents: 0, partial: null },
      {
        milestoneIndex: 3,
        outcome: 'billed_partially',
        amountCents: 1_050_000,
        billedCents: 420_000,
        cancelledCents: 630_000,
        partial: { percentBps: 4000, basis: 'client_agreement', agreementReference: 'Email of 28 August' },
      },
      { milestoneIndex: 4, outcome: 'cancelled', amountCents: 450_000, billedCents: 0, cancelledCents: 450_000, partial: null },
    ]);
    expect(settlement).toMatchObject({ billedCents: 1_920_000, cancelledCents: 1_080_000 });
  });

  it('cancels unfinished work without an agreement, and treats a milestone never heard of as planned', () => {
    const settlement = settleTermination(schedule, new Map([[3, 'submitted']]), []);
    expect(settlement.milestones.map((milestone) => milestone.outcome)).toEqual(['cancelled', 'cancelled', 'cancelled', 'cancelled']);
    expect(settlement.cancelledCents).toBe(3_000_000);
  });

  it('rounds a share by the one rule: the odd cent to the larger remainder', () => {
    // 33.33 % of 1.00 is 0.3333: 33 cents billed, 67 cancelled
    const settlement = settleTermination([{ milestoneIndex: 1, amountCents: 100 }], new Map([[1, 'rejected']]), [
      { milestoneIndex: 1, percentBps: 3333, basis: 'termination_clause', agreementReference: 'Clause 14.2' },
    ]);
    expect(settlement.milestones[0]).toMatchObject({ billedCents: 33, cancelledCents: 67 });
  });

  it.each([
    ['a milestone not on the schedule', [{ ...fortyPercentOfUat, milestoneIndex: 9 }], 'invalid', TERMINATION_ERRORS.unknownMilestone, 'partial_billing[0].milestone_index'],
    ['the same milestone twice', [fortyPercentOfUat, fortyPercentOfUat], 'invalid', TERMINATION_ERRORS.duplicateMilestone, 'partial_billing[1].milestone_index'],
    ['no percentage', [{ ...fortyPercentOfUat, percentBps: 0 }], 'invalid', TERMINATION_ERRORS.invalidPercent, 'partial_billing[0].percent_bps'],
    ['more than all of it', [{ ...fortyPercentOfUat, percentBps: 10_001 }], 'invalid', TERMINATION_ERRORS.invalidPercent, 'partial_billing[0].percent_bps'],
    ['no reference', [{ ...fortyPercentOfUat, agreementReference: '  ' }], 'invalid', TERMINATION_ERRORS.invalidReference, 'partial_billing[0].agreement_reference'],
    ['an approved milestone', [{ ...fortyPercentOfUat, milestoneIndex: 2 }], 'conflict', TERMINATION_ERRORS.notPartiallyBillable, 'partial_billing[0].milestone_index'],
    ['a billed milestone', [{ ...fortyPercentOfUat, milestoneIndex: 1 }], 'conflict', TERMINATION_ERRORS.notPartiallyBillable, 'partial_billing[0].milestone_index'],
    ['a planned milestone', [{ ...fortyPercentOfUat, milestoneIndex: 4 }], 'conflict', TERMINATION_ERRORS.notPartiallyBillable, 'partial_billing[0].milestone_index'],
  ] as const)('refuses a partial billing of %s, naming the field', (_case, partials, kind, code, field) => {
    let refusal: unknown;
    try {
      settleTermination(schedule, progress, partials);
    } catch (error) {
      refusal = error;
    }
    expect(refusal).toBeInstanceOf(DomainRejection);
    expect(refusal).toMatchObject({ kind, code, field });
  });

  it('always adds up: billed + cancelled = the schedule total, per milestone and in all', () => {
    const statuses: MilestoneProgressStatus[] = ['planned', 'in_progress', 'submitted', 'approved', 'rejected', 'triggered_for_disbursement', 'invoiced', 'paid', 'cancelled'];
    const aSchedule = fc.array(fc.record({ amountCents: fc.integer({ min: 0, max: 10_000_000_000 }), status: fc.constantFrom(...statuses), percentBps: fc.option(fc.integer({ min: 1, max: 10_000 })) }), {
      minLength: 1,
      maxLength: 12,
    });
    fc.assert(
      fc.property(aSchedule, (entries) => {
        // given a schedule, each milestone somewhere in its lifecycle, the unfinished ones perhaps agreed a share
        const milestones = entries.map((entry, position) => ({ milestoneIndex: position + 1, amountCents: entry.amountCents }));
        const known = new Map(entries.map((entry, position) => [position + 1, entry.status] as const));
        const partials = entries.flatMap((entry, position): PartialBilling[] =>
          entry.percentBps !== null && ['in_progress', 'submitted', 'rejected'].includes(entry.status)
            ? [{ milestoneIndex: position + 1, percentBps: entry.percentBps, basis: 'termination_clause', agreementReference: 'Clause 14' }]
            : [],
        );
        // when it is settled
        const settlement = settleTermination(milestones, known, partials);
        // then every cent is billed or cancelled, exactly once
        const total = milestones.reduce((sum, milestone) => sum + milestone.amountCents, 0);
        expect(settlement.billedCents + settlement.cancelledCents).toBe(total);
        for (const milestone of settlement.milestones) {
          expect(milestone.billedCents + milestone.cancelledCents).toBe(milestone.amountCents);
          expect(milestone.billedCents).toBeGreaterThanOrEqual(0);
          expect(milestone.cancelledCents).toBeGreaterThanOrEqual(0);
        }
      }),
    );
  });
});
