import { DomainRejection } from '@mb/kernel';
import { InMemoryUnitOfWork, RecordingEventOutbox } from '@mb/testing';
import { InMemoryClientRepository } from '../../../test/fakes/in-memory-client.repository';
import { InMemoryContractRepository } from '../../../test/fakes/in-memory-contract.repository';
import { InMemoryScheduleVersionRepository } from '../../../test/fakes/in-memory-schedule-version.repository';
import { Client } from '../../domain/client/client';
import { aContract } from '../../domain/contract/contract-terms.builder';
import { CreateContractHandler } from './create-contract.handler';

describe('CreateContractHandler', () => {
  const now = new Date('2026-05-28T09:00:00Z');

  function setUp() {
    const unitOfWork = new InMemoryUnitOfWork();
    const clients = new InMemoryClientRepository();
    const contracts = new InMemoryContractRepository();
    const scheduleVersions = new InMemoryScheduleVersionRepository();
    const outbox = new RecordingEventOutbox();
    const handler = new CreateContractHandler(unitOfWork, clients, contracts, scheduleVersions, outbox, { now: () => now });
    return { unitOfWork, clients, contracts, scheduleVersions, outbox, handler };
  }

  it('drafts the contract and records contract.created naming the client, in one unit of work', async () => {
    // given a registered client
    const { unitOfWork, clients, contracts, scheduleVersions, outbox, handler } = setUp();
    const client = Client.register({ name: 'Acme Corp', apContactEmail: 'ap@acme.example', timeZone: 'America/Los_Angeles' }, now);
    await clients.add(client);
    // when a contract is created for it
    const contract = await handler.execute({ ...aContract().build(), clientId: client.id });
    // then it is stored as a draft at version 1 and announced once
    expect(contract).toMatchObject({ status: 'draft', version: 1, clientId: client.id });
    expect(contracts.stored(contract.id)).toMatchObject({ status: 'draft', version: 1 });
    expect(await scheduleVersions.listByContract(contract.id)).toMatchObject([{ scheduleVersion: 1, changeOrderId: null, terms: { totalValueCents: 3_000_000 } }]);
    expect(outbox.names()).toEqual(['contract.created']);
    expect(outbox.only('contract.created')).toMatchObject({ contract_id: contract.id, client_ap_email: 'ap@acme.example' });
    expect(unitOfWork.unitsRun).toBe(1);
  });

  it('refuses a contract for an unknown client, naming the field, and records nothing', async () => {
    // given no client
    const { outbox, handler } = setUp();
    // when a contract names one that does not exist
    const creating = handler.execute({ ...aContract().build(), clientId: 'cli_unknown' });
    // then it is refused as invalid input on client_id
    await expect(creating).rejects.toMatchObject({ code: 'contract.unknown_client', field: 'client_id' });
    await expect(creating).rejects.toBeInstanceOf(DomainRejection);
    expect(outbox.recorded).toEqual([]);
  });
});
