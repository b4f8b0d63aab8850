import { aValidEvent, aValidEventAt } from '@mb/events';
import { InMemoryUnitOfWork, RecordingEventOutbox, RecordingTimers } from '@mb/testing';
import { InMemoryMilestoneRepository } from '../../../test/fakes/in-memory-milestone.repository';
import { aMilestone, aScheduledMilestone, laterBy } from '../../domain/milestone/milestone.fixtures';
import { MILESTONE_TIMERS } from '../../domain/milestone/planned-date.policy';
import { SettleTerminatedContractHandler } from './settle-terminated-contract.handler';

describe('SettleTerminatedContractHandler', () => {
  /** contract.terminated as version 1 had it: no settlement. */
  const aTerminationWithoutSettlement = (contract: string) => {
    const termination = aValidEventAt('contract.terminated', 1);
    return { ...termination, data: { ...termination.data, contract_id: contract } };
  };

  const now = laterBy(600);
  const contractId = aScheduledMilestone().contractId;

  async function aContractWithMilestonesInEveryStage() {
    const milestones = new InMemoryMilestoneRepository();
    const outbox = new RecordingEventOutbox();
    const timers = new RecordingTimers();
    const stage = (index: number) => aMilestone('on_approval', { id: `ms_01JTEST${String(index).padStart(19, '0')}`, milestoneIndex: index });
    for (const milestone of [
      stage(1).planned(),
      stage(2).inProgress(),
      stage(3).rejected(),
      stage(4).submitted(),
      stage(5).triggered(),
      stage(6).invoiced(),
      stage(7).paid(),
    ]) {
      await milestones.add(milestone);
      await timers.schedule(MILESTONE_TIMERS.plannedDatePassed, milestone.id, new Date('2026-05-26T00:00:00Z'), { planned_date: '2026-05-25' });
    }
    const handler = new SettleTerminatedContractHandler(new InMemoryUnitOfWork(), milestones, outbox, timers, { now: () => now });
    return { milestones, outbox, timers, handler };
  }

  it('without a settlement (version 1), cancels the planned, in-progress and rejected milestones, keeping the billable and billed ones', async () => {
    // given a contract with a milestone in each stage
    const { milestones, outbox, timers, handler } = await aContractWithMilestonesInEveryStage();
    const termination = aTerminationWithoutSettlement(contractId);
    // when the contract is terminated
    const result = await handler.execute(termination.data, termination.id);
    // then the three unbilled ones are cancelled with the reason, the others untouched
    expect(result).toEqual({ billed: 0, cancelled: 3 });
    expect(milestones.ofContract(contractId).map(({ status }) => status)).toEqual([
      'cancelled', 'cancelled', 'cancelled', 'submitted', 'triggered_for_disbursement', 'invoiced', 'paid',
    ]);
    expect(milestones.ofContract(contractId)[0]).toMatchObject({
      cancellationReason: 'Contract terminated: Client cancelled the remaining scope.',
      cancelledAt: now,
    });
    // and each cancellation is announced, caused by the termination
    expect(outbox.recorded.map(({ data }) => data)).toMatchObject([
      { milestone_index: 1, status: 'cancelled', previous_status: 'planned', reason: 'Contract terminated: Client cancelled the remaining scope.' },
      { milestone_index: 2, status: 'cancelled', previous_status: 'in_progress' },
      { milestone_index: 3, status: 'cancelled', previous_status: 'rejected' },
    ]);
    expect(outbox.recorded.every(({ causationId }) => causationId === termination.id)).toBe(true);
    // and the cancelled ones' planned-date timers are cancelled with them
    const cancelledIds = milestones.ofContract(contractId).slice(0, 3).map(({ id }) => id);
    expect(timers.pending().map(({ key }) => key)).toEqual(expect.not.arrayContaining(cancelledIds));
    expect(timers.pending()).toHaveLength(4);
  });

  it("cancels the billing date of an unbilled on_date milestone, keeping a submitted one's: it stays billable on its date", async () => {
    // given a terminated contract with an on_date milestone in progress and one submitted, both billed on 25 May
    const milestones = new InMemoryMilestoneRepository();
    const timers = new RecordingTimers();
    const inProgress = aMilestone('on_date', { id: 'ms_01JXONDATE0000000000000001', contractId, milestoneIndex: 1 }).inProgress();
    const submitted = aMilestone('on_date', { id: 'ms_01JXONDATE0000000000000002', contractId, milestoneIndex: 2 }).submitted();
    for (const milestone of [inProgress, submitted]) {
      await milestones.add(milestone);
      await timers.schedule(MILESTONE_TIMERS.billingDate, milestone.id, new Date('2026-05-25T00:00:00Z'), { planned_date: '2026-05-25' });
    }
    const handler = new SettleTerminatedContractHandler(new InMemoryUnitOfWork(), milestones, new RecordingEventOutbox(), timers, { now: () => now });
    const termination = aTerminationWithoutSettlement(contractId);
    // when the contract is terminated
    await handler.execute(termination.data, termination.id);
    // then only the submitted one will still be billed on its date
    expect(timers.pending().map(({ timer, key }) => [timer, key])).toEqual([[MILESTONE_TIMERS.billingDate, submitted.id]]);
  });

  it('does nothing for a contract without milestones', async () => {
    // given milestones of another contract only
    const { outbox, handler } = await aContractWithMilestonesInEveryStage();
    const termination = aTerminationWithoutSettlement(`con_01JTEST${'9'.repeat(19)}`);
    // when that contract is terminated / then nothing is cancelled or announced
    await expect(handler.execute(termination.data, termination.id)).resolves.toEqual({ billed: 0, cancelled: 0 });
    expect(outbox.recorded).toEqual([]);
  });

  it('bills and cancels as the settlement says: approved work in full, unfinished work for its share, the rest cancelled', async () => {
    // given the fixture's contract: the deposit invoiced, the prototype approved (billed on its date), UAT in progress, the final sign-off planned
    const milestones = new InMemoryMilestoneRepository();
    const outbox = new RecordingEventOutbox();
    const timers = new RecordingTimers();
    const id = (index: number) => `ms_01JXSETTLE000000000000000${index}`;
    const deposit = aMilestone('on_approval', { id: id(1), contractId, milestoneIndex: 1, amountCents: 750_000 }).invoiced();
    const prototype = aMilestone('on_date', { id: id(2), contractId, milestoneIndex: 2, amountCents: 750_000 }).submitted();
    prototype.approve(laterBy(3));
    prototype.pullEvents();
    const uat = aMilestone('on_approval', { id: id(3), contractId, milestoneIndex: 3, amountCents: 1_050_000 }).inProgress();
    const finalSignOff = aMilestone('on_approval', { id: id(4), contractId, milestoneIndex: 4, amountCents: 450_000 }).planned();
    for (const milestone of [deposit, prototype, uat, finalSignOff]) {
      await milestones.add(milestone);
      await timers.schedule(MILESTONE_TIMERS.plannedDatePassed, milestone.id, new Date('2026-09-30T00:00:00Z'), { planned_date: '2026-09-29' });
    }
    const handler = new SettleTerminatedContractHandler(new InMemoryUnitOfWork(), milestones, outbox, timers, { now: () => now });
    const termination = aValidEvent('contract.terminated', { data: { contract_id: contractId } });
    // when the contract is terminated with UAT billed at 40 %
    const result = await handler.execute(termination.data, termination.id);
    // then the prototype and UAT are triggered for what they are billed for, the final sign-off cancelled
    expect(result).toEqual({ billed: 2, cancelled: 1 });
    expect(milestones.ofContract(contractId).map(({ status, billedAmountCents }) => [status, billedAmountCents])).toEqual([
      ['invoiced', null],
      ['triggered_for_disbursement', null],
      ['triggered_for_disbursement', 420_000],
      ['cancelled', null],
    ]);
    expect(outbox.recorded.map(({ data }) => data)).toMatchObject([
      { milestone_index: 2, status: 'triggered_for_disbursement', previous_status: 'approved', amount_due_cents: 750_000, billing_hold: false },
      { milestone_index: 3, status: 'triggered_for_disbursement', previous_status: 'in_progress', amount_due_cents: 420_000, reason: 'Contract terminated: Client cancelled the remaining scope.' },
      { milestone_index: 4, status: 'cancelled', previous_status: 'planned' },
    ]);
    // and only the milestone billed before keeps its timer
    expect(timers.pending().map(({ key }) => key)).toEqual([deposit.id]);
    // and a milestone billed meanwhile is left as it is, when told again
    expect(await handler.execute(termination.data, termination.id)).toEqual({ billed: 0, cancelled: 0 });
  });
});
