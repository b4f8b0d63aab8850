import { InMemoryUnitOfWork } from '@mb/testing';
import { InMemoryMilestoneAcceptanceRepository } from '../../../test/fakes/in-memory-milestone-acceptance.repository';
import { RecordMilestoneAcceptanceHandler } from './record-milestone-acceptance.handler';

describe('RecordMilestoneAcceptanceHandler', () => {
  function setUp() {
    const unitOfWork = new InMemoryUnitOfWork();
    const acceptances = new InMemoryMilestoneAcceptanceRepository();
    return { unitOfWork, acceptances, handler: new RecordMilestoneAcceptanceHandler(unitOfWork, acceptances) };
  }

  it('keeps the evidence of the submission and the approval that follows, the evidence surviving an event without it', async () => {
    // given a milestone submitted with evidence
    const { acceptances, handler } = setUp();
    await handler.execute({ contractId: 'con_1', milestoneIndex: 2, evidenceUrl: 'https://acme.example/prototype' });
    // when it is deemed accepted, by an event that repeats no evidence
    await handler.execute({ contractId: 'con_1', milestoneIndex: 2, evidenceUrl: null, acceptedAt: '2026-06-01T07:00:00.000Z', deemedAccepted: true });
    // then both are known
    expect(await acceptances.find('con_1', 2)).toEqual({
      contractId: 'con_1',
      milestoneIndex: 2,
      evidenceUrl: 'https://acme.example/prototype',
      acceptedAt: '2026-06-01T07:00:00.000Z',
      deemedAccepted: true,
    });
  });

  it('records nothing for an event that says nothing of acceptance', async () => {
    const { unitOfWork, acceptances, handler } = setUp();
    await handler.execute({ contractId: 'con_1', milestoneIndex: 1, evidenceUrl: null });
    expect(await acceptances.find('con_1', 1)).toBeNull();
    expect(unitOfWork.unitsRun).toBe(0);
  });
});
