import { InMemoryUnitOfWork } from '@mb/testing';
import { InMemoryMilestoneProgressRepository } from '../../../test/fakes/in-memory-milestone-progress.repository';
import type { MilestoneProgressUpdate } from '../ports/milestone-progress.repository';
import { RecordMilestoneProgressHandler } from './record-milestone-progress.handler';

function anUpdate(overrides: Partial<MilestoneProgressUpdate> = {}): MilestoneProgressUpdate {
  return {
    contractId: 'con_1',
    milestoneIndex: 2,
    milestoneId: 'ms_1',
    status: 'submitted',
    milestoneVersion: 3,
    updatedAt: new Date('2026-06-01T07:00:00Z'),
    eventId: 'evt_1',
    ...overrides,
  };
}

describe('RecordMilestoneProgressHandler', () => {
  function setUp() {
    const unitOfWork = new InMemoryUnitOfWork();
    const progress = new InMemoryMilestoneProgressRepository();
    return { unitOfWork, progress, handler: new RecordMilestoneProgressHandler(unitOfWork, progress) };
  }

  it("keeps a milestone's latest status, in a unit of work", async () => {
    // given milestone 2 heard of as submitted
    const { unitOfWork, progress, handler } = setUp();
    await handler.execute(anUpdate());
    // when it is approved
    await handler.execute(anUpdate({ status: 'approved', milestoneVersion: 4, eventId: 'evt_2' }));
    // then the contract's progress shows it approved, and nothing of its other milestones
    expect(await progress.ofContract('con_1')).toEqual(new Map([[2, 'approved']]));
    expect(unitOfWork.unitsRun).toBe(2);
  });

  it('does not roll a milestone back to a status of an earlier version that arrives late', async () => {
    // given milestone 2 heard of as invoiced at version 6
    const { progress, handler } = setUp();
    await handler.execute(anUpdate({ status: 'invoiced', milestoneVersion: 6 }));
    // when its approval of version 4 arrives late
    await handler.execute(anUpdate({ status: 'approved', milestoneVersion: 4, eventId: 'evt_late' }));
    // then it is still invoiced
    expect(await progress.ofContract('con_1')).toEqual(new Map([[2, 'invoiced']]));
  });
});
