import { InMemoryUnitOfWork, RecordingEventOutbox } from '@mb/testing';
import { InMemoryClientRepository } from '../../../test/fakes/in-memory-client.repository';
import { InMemoryContractRepository } from '../../../test/fakes/in-memory-contract.repository';
import { Client } from '../../domain/client/client';
import { Contract } from '../../domain/contract/contract';
import { aContract } from '../../domain/contract/contract-terms.builder';
import { ActivateContractHandler } from './activate-contract.handler';

describe('ActivateContractHandler', () => {
  const now = new Date('2026-05-28T09:00:00Z');

  async function aDraftContract() {
    const clients = new InMemoryClientRepository();
    const contracts = new InMemoryContractRepository();
    const outbox = new RecordingEventOutbox();
    const client = Client.register({ name: 'Acme Corp', apContactEmail: 'ap@acme.example', timeZone: 'America/Los_Angeles' }, now);
    await clients.add(client);
    const contract = Contract.draft({ ...aContract().build(), clientId: client.id }, now);
    await contracts.add(contract);
    const handler = new ActivateContractHandler(new InMemoryUnitOfWork(), clients, contracts, outbox, { now: () => now });
    return { contracts, outbox, handler, contractId: contract.id };
  }

  it('activates a draft and records contract.activated with its binding schedule', async () => {
    // given a draft contract
    const { contracts, outbox, handler, contractId } = await aDraftContract();
    // when it is activated
    const activated = await handler.execute(contractId);
    // then it is active at the next version, and the event carries the schedule and when
    expect(activated).toMatchObject({ status: 'active', version: 2, activatedAt: now });
    expect(contracts.stored(contractId)).toMatchObject({ status: 'active', version: 2 });
    const event = outbox.only('contract.activated');
    expect(event).toMatchObject({ contract_id: contractId, activated_at: now.toISOString() });
    expect(event.milestones).toHaveLength(4);
  });

  it('refuses to activate a contract twice and records nothing the second time', async () => {
    // given an active contract
    const { outbox, handler, contractId } = await aDraftContract();
    await handler.execute(contractId);
    // when it is activated again
    const again = handler.execute(contractId);
    // then the transition table refuses it
    await expect(again).rejects.toMatchObject({ kind: 'conflict', code: 'contract.not_draft' });
    expect(outbox.names()).toEqual(['contract.activated']);
  });

  it('answers contract.not_found for an unknown contract', async () => {
    const { handler } = await aDraftContract();
    await expect(handler.execute('con_missing')).rejects.toMatchObject({ kind: 'not_found', code: 'contract.not_found' });
  });
});
