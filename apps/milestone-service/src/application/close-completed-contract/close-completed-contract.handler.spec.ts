import { InMemoryUnitOfWork, RecordingTimers } from '@mb/testing';
import { InMemoryMilestoneRepository } from '../../../test/fakes/in-memory-milestone.repository';
import { aMilestone, aScheduledMilestone } from '../../domain/milestone/milestone.fixtures';
import { MILESTONE_TIMERS } from '../../domain/milestone/planned-date.policy';
import { CloseCompletedContractHandler } from './close-completed-contract.handler';

describe('CloseCompletedContractHandler', () => {
  it("closes every timer left of the completed contract's milestones, and no other contract's", async () => {
    // given a paid milestone whose delay timer is still set, and a milestone of another contract
    const milestones = new InMemoryMilestoneRepository();
    const timers = new RecordingTimers();
    const contractId = aScheduledMilestone().contractId;
    const paid = aMilestone('on_approval', { id: 'ms_01JXCOMPLETE00000000000001', contractId }).paid();
    const elsewhere = aMilestone('on_approval', { id: 'ms_01JXCOMPLETE00000000000002', contractId: 'con_01JXOTHER000000000000000001' }).planned();
    for (const milestone of [paid, elsewhere]) {
      await milestones.add(milestone);
      await timers.schedule(MILESTONE_TIMERS.plannedDatePassed, milestone.id, new Date('2026-09-30T00:00:00Z'), { planned_date: '2026-09-29' });
    }
    // when the contract completes
    await new CloseCompletedContractHandler(new InMemoryUnitOfWork(), milestones, timers).execute(contractId);
    // then only the other contract's timer is left
    expect(timers.pending().map(({ key }) => key)).toEqual([elsewhere.id]);
  });
});
