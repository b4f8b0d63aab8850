import { InMemoryUnitOfWork, RecordingEventOutbox } from '@mb/testing';
import { InMemoryClientRepository } from '../../../test/fakes/in-memory-client.repository';
import { InMemoryContractRepository } from '../../../test/fakes/in-memory-contract.repository';
import { Client } from '../../domain/client/client';
import { Contract } from '../../domain/contract/contract';
import { aContract } from '../../domain/contract/contract-terms.builder';
import { TerminateContractHandler } from './terminate-contract.handler';

describe('TerminateContractHandler', () => {
  const now = new Date('2026-05-28T09:00:00Z');

  async function anActiveContract() {
    const clients = new InMemoryClientRepository();
    const contracts = new InMemoryContractRepository();
    const outbox = new RecordingEventOutbox();
    const client = Client.register({ name: 'Acme Corp', apContactEmail: 'ap@acme.example', timeZone: 'America/Los_Angeles' }, now);
    await clients.add(client);
    const contract = Contract.draft({ ...aContract().build(), clientId: client.id }, now);
    contract.activate(now);
    await contracts.add(contract);
    const handler = new TerminateContractHandler(new InMemoryUnitOfWork(), clients, contracts, outbox, { now: () => now });
    return { contracts, outbox, handler, contractId: contract.id, clientId: client.id };
  }

  it('terminates with the reason trimmed and records contract.terminated', async () => {
    // given an active contract
    const { contracts, outbox, handler, contractId, clientId } = await anActiveContract();
    // when it is terminated with a reason
    const terminated = await handler.execute(contractId, '  client cancelled the project ');
    // then it is terminated and the event says why and when
    expect(terminated).toMatchObject({ status: 'terminated', terminationReason: 'client cancelled the project' });
    expect(contracts.stored(contractId)).toMatchObject({ status: 'terminated' });
    expect(outbox.only('contract.terminated')).toEqual({
      contract_id: contractId,
      client_id: clientId,
      terminated_at: now.toISOString(),
      reason: 'client cancelled the project',
    });
  });

  it('refuses a blank reason on the reason field and changes nothing', async () => {
    const { contracts, outbox, handler, contractId } = await anActiveContract();
    await expect(handler.execute(contractId, '   ')).rejects.toMatchObject({ code: 'contract.termination_reason_required', field: 'reason' });
    expect(contracts.stored(contractId)).toMatchObject({ status: 'active' });
    expect(outbox.recorded).toEqual([]);
  });
});
