import { InMemoryUnitOfWork, RecordingEventOutbox } from '@mb/testing';
import { InMemoryClientRepository } from '../../../test/fakes/in-memory-client.repository';
import { InMemoryContractRepository } from '../../../test/fakes/in-memory-contract.repository';
import { InMemoryMilestoneProgressRepository } from '../../../test/fakes/in-memory-milestone-progress.repository';
import { Client } from '../../domain/client/client';
import { Contract } from '../../domain/contract/contract';
import { aContract } from '../../domain/contract/contract-terms.builder';
import { CompleteContractHandler } from '../complete-contract/complete-contract.handler';
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
  const now = new Date('2026-06-01T08:00:00Z');

  function setUp() {
    const unitOfWork = new InMemoryUnitOfWork();
    const progress = new InMemoryMilestoneProgressRepository();
    const clients = new InMemoryClientRepository();
    const contracts = new InMemoryContractRepository();
    const outbox = new RecordingEventOutbox();
    const completeContract = new CompleteContractHandler(unitOfWork, clients, contracts, progress, outbox, { now: () => now });
    return { unitOfWork, progress, clients, contracts, outbox, handler: new RecordMilestoneProgressHandler(unitOfWork, progress, completeContract) };
  }

  it('completes an active contract when its last milestone is paid, the others paid or cancelled, and announces it once', async () => {
    // given an active contract of four milestones: 1 and 2 paid, 3 cancelled, 4 invoiced
    const { progress, clients, contracts, outbox, handler } = setUp();
    const client = Client.register({ name: 'Acme Corp', apContactEmail: 'ap@acme.example', timeZone: 'UTC' }, now);
    await clients.add(client);
    const contract = Contract.draft({ ...aContract().build(), clientId: client.id }, now);
    contract.activate(now);
    await contracts.add(contract);
    const heard = (milestoneIndex: number, status: MilestoneProgressUpdate['status'], eventId: string) =>
      handler.execute(anUpdate({ contractId: contract.id, milestoneIndex, status, milestoneVersion: null, eventId }));
    await heard(1, 'paid', 'evt_a');
    await heard(2, 'paid', 'evt_b');
    await heard(3, 'cancelled', 'evt_c');
    await heard(4, 'invoiced', 'evt_d');
    expect(contracts.stored(contract.id)).toMatchObject({ status: 'active' });
    expect(outbox.recorded).toEqual([]);
    // when milestone 4 is paid
    await heard(4, 'paid', 'evt_e');
    // then the contract is completed and contract.completed goes out, caused by that event
    expect(contracts.stored(contract.id)).toMatchObject({ status: 'completed', completedAt: now });
    expect(outbox.only('contract.completed')).toMatchObject({ contract_id: contract.id, paid_milestones: 3, cancelled_milestones: 1, completed_at: now.toISOString() });
    expect(outbox.recorded[0].causationId).toBe('evt_e');
    expect(await progress.ofContract(contract.id)).toEqual(new Map([[1, 'paid'], [2, 'paid'], [3, 'cancelled'], [4, 'paid']]));
    // and a later word about it changes nothing
    await heard(4, 'paid', 'evt_f');
    expect(outbox.recorded).toHaveLength(1);
  });

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
