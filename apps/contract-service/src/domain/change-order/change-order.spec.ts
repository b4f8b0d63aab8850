import fc from 'fast-check';
import { DomainRejection } from '@mb/kernel';
import { Contract, type ContractSnapshot } from '../contract/contract';
import { aContract } from '../contract/contract-terms.builder';
import { ChangeOrder, type ProposeChangeOrder } from './change-order';
import type { ScheduleChangeRequest } from './schedule-change';

describe('ChangeOrder', () => {
  const now = new Date('2026-06-01T09:00:00Z');
  const later = new Date('2026-06-03T09:00:00Z');

  /** The reference project, signed: USD 30,000.00 in four milestones of 7,500 / 10,500 / 7,500 / 4,500. */
  function anActiveContract(overrides: { allowsUnilateralChanges?: boolean } = {}): Contract {
    const contract = Contract.draft({ ...aContract().build(), ...overrides }, new Date('2026-05-01T09:00:00Z'));
    contract.activate(new Date('2026-05-02T09:00:00Z'));
    contract.pullEvents();
    return contract;
  }

  function proposal(contract: ContractSnapshot, changes: ScheduleChangeRequest, overrides: Partial<ProposeChangeOrder> = {}): ProposeChangeOrder {
    return {
      contract,
      clientTimeZone: 'America/Los_Angeles',
      reason: 'Single sign-on added to the scope',
      changes,
      apply: 'on_client_approval',
      proposedBy: 'usr_pm',
      highestMilestoneIndexEverUsed: contract.milestones.length,
      lockedMilestones: new Map(),
      ...overrides,
    };
  }

  const newMilestone = { title: 'Single sign-on', acceptanceCriteria: 'Login through the corporate IdP works for all roles', billingTrigger: 'on_approval' as const, approvalWindowDays: 10 };

  it('adds a milestone under the next index and re-prices another, the new total being the exact sum', () => {
    // given an active contract
    const contract = anActiveContract().snapshot();
    // when a change order adds a milestone of 2,000.00 and re-prices milestone 3 to 8,000.00
    const changeOrder = ChangeOrder.propose(
      proposal(contract, {
        milestones: [
          { kind: 'add', milestone: { ...newMilestone, amountCents: 200_000 } },
          { kind: 'change', milestoneIndex: 3, alteration: { amountCents: 800_000 } },
        ],
      }),
      now,
    );
    // then the schedule is the old one with milestone 3 re-priced and milestone 5 added, adding up exactly
    const proposed = changeOrder.snapshot();
    expect(proposed.milestones.map((milestone) => [milestone.milestoneIndex, milestone.amountCents])).toEqual([
      [1, 750_000],
      [2, 1_050_000],
      [3, 800_000],
      [4, 450_000],
      [5, 200_000],
    ]);
    expect(proposed.totalValueCents).toBe(3_250_000);
    expect(proposed.previousTotalValueCents).toBe(3_000_000);
    expect(proposed.milestoneChanges.map((change) => [change.milestoneIndex, change.kind])).toEqual([
      [3, 'changed'],
      [5, 'added'],
    ]);
    expect(proposed.milestoneChanges[0].before?.amountCents).toBe(750_000);
    expect(proposed.milestoneChanges[1].before).toBeNull();
    expect(proposed.status).toBe('proposed');
    expect(changeOrder.pullEvents()).toEqual([{ type: 'proposed', at: now }]);
  });

  it('gives an added milestone an index never used before, even one a removed milestone had', () => {
    // given a contract whose milestone 5 was added and removed by earlier change orders
    const contract = anActiveContract().snapshot();
    // when another milestone is added
    const changeOrder = ChangeOrder.propose(
      proposal(contract, { milestones: [{ kind: 'add', milestone: { ...newMilestone, amountCents: 100_000 } }] }, { highestMilestoneIndexEverUsed: 5 }),
      now,
    );
    // then it is milestone 6
    expect(changeOrder.snapshot().milestoneChanges).toMatchObject([{ milestoneIndex: 6, kind: 'added' }]);
  });

  it('leaves the current contract untouched while proposed (the proposal is a copy)', () => {
    // given an active contract and its schedule
    const contract = anActiveContract();
    const before = structuredClone(contract.snapshot());
    // when a change order removes milestone 4
    ChangeOrder.propose(proposal(contract.snapshot(), { milestones: [{ kind: 'remove', milestoneIndex: 4 }] }), now);
    // then the contract is as it was
    expect(contract.snapshot()).toEqual(before);
  });

  it('refuses to change or remove a billed milestone, naming it (409)', () => {
    // given milestone 1 invoiced
    const contract = anActiveContract().snapshot();
    const lockedMilestones = new Map([[1, 'invoiced']]);
    // when a change order re-prices it
    const proposing = () =>
      ChangeOrder.propose(proposal(contract, { milestones: [{ kind: 'change', milestoneIndex: 1, alteration: { amountCents: 1 } }] }, { lockedMilestones }), now);
    // then it is refused as a conflict naming milestone 1
    expect(proposing).toThrow(expect.objectContaining({ kind: 'conflict', code: 'change_order.milestone_billed', field: 'changes.milestones.0.milestone_index' }));
    expect(proposing).toThrow(/milestone 1 is invoiced/);
  });

  it('keeps billed milestones unchanged in the new schedule', () => {
    // given milestone 1 paid
    const contract = anActiveContract().snapshot();
    // when milestone 2 is removed
    const changeOrder = ChangeOrder.propose(proposal(contract, { milestones: [{ kind: 'remove', milestoneIndex: 2 }] }, { lockedMilestones: new Map([[1, 'paid']]) }), now);
    // then milestone 1 stays as it was (its 25 % no longer describes it: the total moved) and the total drops by milestone 2's amount
    const { amountBps: _share, ...paidMilestone } = contract.milestones[0];
    expect(changeOrder.snapshot().milestones[0]).toEqual({ ...paidMilestone, amountBps: null });
    expect(changeOrder.snapshot().totalValueCents).toBe(3_000_000 - 1_050_000);
  });

  it('splits amounts in basis points of the new total with the largest remainder, exactly', () => {
    // given a contract of 30,000.00
    const contract = anActiveContract().snapshot();
    // when the total becomes 30,000.01 and milestones 2 to 4 are re-priced as thirds of what the deposit leaves
    const changeOrder = ChangeOrder.propose(
      proposal(contract, {
        totalValueCents: 3_000_001,
        milestones: [
          { kind: 'change', milestoneIndex: 1, alteration: { amountBps: 2500 } },
          { kind: 'change', milestoneIndex: 2, alteration: { amountBps: 2500 } },
          { kind: 'change', milestoneIndex: 3, alteration: { amountBps: 2500 } },
          { kind: 'change', milestoneIndex: 4, alteration: { amountBps: 2500 } },
        ],
      }),
      now,
    );
    // then the four quarters add up to the new total to the cent
    const amounts = changeOrder.snapshot().milestones.map((milestone) => milestone.amountCents);
    expect(amounts).toEqual([750_001, 750_000, 750_000, 750_000]);
    expect(changeOrder.snapshot().totalValueCents).toBe(3_000_001);
  });

  it('refuses amounts that do not add up to the total given, naming the field (422)', () => {
    const contract = anActiveContract().snapshot();
    const proposing = () =>
      ChangeOrder.propose(proposal(contract, { totalValueCents: 3_100_000, milestones: [{ kind: 'change', milestoneIndex: 4, alteration: { amountCents: 500_000 } }] }), now);
    expect(proposing).toThrow(expect.objectContaining({ kind: 'invalid', code: 'schedule.amounts_do_not_add_up', field: 'changes.total_value_cents' }));
  });

  it('refuses a unilateral change order unless the contract allows it (422 on apply)', () => {
    const contract = anActiveContract().snapshot();
    const proposing = () => ChangeOrder.propose(proposal(contract, { netDays: 30 }, { apply: 'unilateral' }), now);
    expect(proposing).toThrow(expect.objectContaining({ kind: 'invalid', code: 'change_order.unilateral_not_allowed', field: 'apply' }));
  });

  it('records no proposal for a unilateral change order, which has no window', () => {
    const contract = anActiveContract({ allowsUnilateralChanges: true }).snapshot();
    const changeOrder = ChangeOrder.propose(proposal(contract, { netDays: 30 }, { apply: 'unilateral' }), now);
    expect(changeOrder.snapshot().respondBy).toBeNull();
    expect(changeOrder.pullEvents()).toEqual([]);
  });

  it('refuses a change order that changes nothing, and one on a contract that is not active', () => {
    const contract = anActiveContract().snapshot();
    expect(() => ChangeOrder.propose(proposal(contract, { milestones: [{ kind: 'change', milestoneIndex: 2, alteration: { amountCents: 1_050_000 } }] }), now)).toThrow(
      expect.objectContaining({ code: 'change_order.no_changes' }),
    );
    const draft = Contract.draft(aContract().build(), now).snapshot();
    expect(() => ChangeOrder.propose(proposal(draft, { netDays: 30 }), now)).toThrow(expect.objectContaining({ kind: 'conflict', code: 'change_order.contract_not_active' }));
  });

  it('refuses the duplicate title an added milestone would bring, as at creation', () => {
    const contract = anActiveContract().snapshot();
    const proposing = () => ChangeOrder.propose(proposal(contract, { milestones: [{ kind: 'add', milestone: { ...newMilestone, title: 'UI Prototype', amountCents: 1 } }] }), now);
    expect(proposing).toThrow(expect.objectContaining({ code: 'schedule.duplicate_milestone_title' }));
  });

  it("gives the client until the end of the 14th day in its own time zone by default", () => {
    // given 09:00 UTC on 1 June, 02:00 on 1 June in Los Angeles
    const contract = anActiveContract().snapshot();
    // when a change order is proposed
    const changeOrder = ChangeOrder.propose(proposal(contract, { netDays: 30 }), now);
    // then it may be answered until the end of 15 June there (16 June 00:00 PDT = 07:00 UTC)
    expect(changeOrder.snapshot().respondBy).toEqual(new Date('2026-06-16T07:00:00Z'));
    expect(changeOrder.isPastResponseWindow(new Date('2026-06-16T06:59:59Z'))).toBe(false);
    expect(changeOrder.isPastResponseWindow(new Date('2026-06-16T07:00:00Z'))).toBe(true);
  });

  describe('applied', () => {
    it('moves the contract to the next schedule version with the proposed terms and records the amendment', () => {
      // given a proposed change order
      const contract = anActiveContract();
      const changeOrder = ChangeOrder.propose(proposal(contract.snapshot(), { netDays: 30, milestones: [{ kind: 'remove', milestoneIndex: 4 }] }), now);
      // when it is checked and applied
      changeOrder.assertStillApplies(contract.snapshot(), new Map());
      const proposed = changeOrder.snapshot();
      contract.amend(proposed, { changeOrderId: proposed.id, reason: proposed.reason, approval: 'client', approvedBy: 'usr_client', milestoneChanges: proposed.milestoneChanges }, later);
      changeOrder.approve('usr_client', contract.scheduleVersion, later);
      // then the contract is at version 2 with the new terms, and both record what happened
      expect(contract.snapshot()).toMatchObject({ scheduleVersion: 2, netDays: 30, totalValueCents: 2_550_000 });
      expect(contract.snapshot().milestones.map((milestone) => milestone.milestoneIndex)).toEqual([1, 2, 3]);
      expect(contract.pullEvents()).toMatchObject([{ type: 'amended', previousScheduleVersion: 1, previousTotalValueCents: 3_000_000, previousNetDays: 15, approvedBy: 'usr_client' }]);
      expect(changeOrder.snapshot()).toMatchObject({ status: 'approved', resultingScheduleVersion: 2, decidedBy: 'usr_client', decidedAt: later });
    });

    it('is refused as stale when the contract moved to another version meanwhile', () => {
      const contract = anActiveContract();
      const changeOrder = ChangeOrder.propose(proposal(contract.snapshot(), { netDays: 30 }), now);
      const moved = { ...contract.snapshot(), scheduleVersion: 2 };
      expect(() => changeOrder.assertStillApplies(moved, new Map())).toThrow(expect.objectContaining({ kind: 'conflict', code: 'change_order.stale' }));
    });

    it('is refused when a milestone it touches was billed meanwhile, naming it', () => {
      const contract = anActiveContract();
      const changeOrder = ChangeOrder.propose(proposal(contract.snapshot(), { milestones: [{ kind: 'change', milestoneIndex: 2, alteration: { amountCents: 1_000_000 } }] }), now);
      expect(() => changeOrder.assertStillApplies(contract.snapshot(), new Map([[2, 'triggered_for_disbursement']]))).toThrow(
        expect.objectContaining({ code: 'change_order.milestone_billed', message: expect.stringContaining('milestone 2') }),
      );
    });
  });

  describe('answered', () => {
    it('is rejected with a reason, once', () => {
      const changeOrder = ChangeOrder.propose(proposal(anActiveContract().snapshot(), { netDays: 30 }), now);
      changeOrder.pullEvents();
      changeOrder.reject('usr_client', ' Out of budget ', later);
      expect(changeOrder.snapshot()).toMatchObject({ status: 'rejected', rejectionReason: 'Out of budget', decidedBy: 'usr_client' });
      expect(changeOrder.pullEvents()).toEqual([{ type: 'rejected', at: later, by: 'usr_client', reason: 'Out of budget' }]);
      expect(() => changeOrder.approve('usr_client', 2, later)).toThrow(expect.objectContaining({ code: 'change_order.not_proposed' }));
    });

    it('cannot be answered once its window closed, and expires then', () => {
      const changeOrder = ChangeOrder.propose(proposal(anActiveContract().snapshot(), { netDays: 30 }, { respondWithinDays: 1 }), now);
      const afterWindow = new Date('2026-06-10T00:00:00Z');
      expect(() => changeOrder.approve('usr_client', 2, afterWindow)).toThrow(expect.objectContaining({ code: 'change_order.expired' }));
      expect(() => changeOrder.expire(now)).toThrow(DomainRejection);
      changeOrder.expire(afterWindow);
      expect(changeOrder.status).toBe('expired');
    });
  });

  it('always proposes a schedule that adds up to its total, whatever the re-pricing in basis points', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 10 ** 12 }), fc.array(fc.integer({ min: 0, max: 2500 }), { minLength: 4, maxLength: 4 }), (total, shares) => {
        // given any new total and any shares for milestones 1 to 3, the rest going to milestone 4
        const contract = anActiveContract().snapshot();
        const rest = 10_000 - shares.slice(0, 3).reduce((sum, bps) => sum + bps, 0);
        const bps = [...shares.slice(0, 3), rest];
        const proposing = () =>
          ChangeOrder.propose(
            proposal(contract, { totalValueCents: total, milestones: bps.map((amountBps, at) => ({ kind: 'change' as const, milestoneIndex: at + 1, alteration: { amountBps } })) }),
            now,
          );
        let changeOrder: ChangeOrder;
        try {
          changeOrder = proposing();
        } catch (error) {
          // the one legitimate refusal: the very schedule the contract already has
          expect(error).toMatchObject({ code: 'change_order.no_changes' });
          return;
        }
        // then the amounts add up to the total exactly
        const { milestones, totalValueCents } = changeOrder.snapshot();
        expect(milestones.reduce((sum, milestone) => sum + milestone.amountCents, 0)).toBe(total);
        expect(totalValueCents).toBe(total);
      }),
    );
  });
});
