import { InMemoryUnitOfWork, RecordingEventOutbox } from '@mb/testing';
import { InMemoryClientRepository } from '../../../test/fakes/in-memory-client.repository';
import { InMemoryContractRepository } from '../../../test/fakes/in-memory-contract.repository';
import { InMemoryMilestoneProgressRepository } from '../../../test/fakes/in-memory-milestone-progress.repository';
import { Client } from '../../domain/client/client';
import { Contract } from '../../domain/contract/contract';
import { aContract } from '../../domain/contract/contract-terms.builder';
import type { MilestoneStatus } from '../../domain/contract/milestone-progress';
import { TerminateContractHandler } from './terminate-contract.handler';

describe('TerminateContractHandler', () => {
  const now = new Date('2026-05-28T09:00:00Z');

  /** An active contract of 30,000.00 (7,500.00, 7,500.00, 10,500.00, 4,500.00), each milestone where milestone-service last said. */
  async function anActiveContract(statuses: readonly MilestoneStatus[] = []) {
    const clients = new InMemoryClientRepository();
    const contracts = new InMemoryContractRepository();
    const progress = new InMemoryMilestoneProgressRepository();
    const outbox = new RecordingEventOutbox();
    const client = Client.register({ name: 'Acme Corp', apContactEmail: 'ap@acme.example', timeZone: 'America/Los_Angeles' }, now);
    await clients.add(client);
    const contract = Contract.draft({ ...aContract().build(), clientId: client.id }, now);
    contract.activate(now);
    await contracts.add(contract);
    for (const [position, status] of statuses.entries()) {
      await progress.record({ contractId: contract.id, milestoneIndex: position + 1, milestoneId: null, status, milestoneVersion: null, updatedAt: now, eventId: `evt_${position}` });
    }
    const handler = new TerminateContractHandler(new InMemoryUnitOfWork(), clients, contracts, progress, outbox, { now: () => now });
    return { contracts, outbox, handler, contractId: contract.id, clientId: client.id, totalValueCents: contract.snapshot().totalValueCents };
  }

  it('terminates with the reason trimmed, effective today in the client\'s zone, and announces the settlement', async () => {
    // given an active contract: deposit invoiced, milestone 2 approved, 3 in progress, 4 planned
    const { contracts, outbox, handler, contractId, clientId, totalValueCents } = await anActiveContract(['invoiced', 'approved', 'in_progress']);
    // when it is terminated with milestone 3 billed at 40 %
    const terminated = await handler.execute({
      contractId,
      reason: '  client cancelled the project ',
      partialBilling: [{ milestoneIndex: 3, percentBps: 4000, basis: 'termination_clause', agreementReference: 'Clause 14.2' }],
      terminatedBy: 'usr_pm_7',
    });
    // then it is terminated, dated in Los Angeles (02:00 there), by the caller
    expect(terminated).toMatchObject({ status: 'terminated', terminationReason: 'client cancelled the project', terminationEffectiveDate: '2026-05-28', terminatedBy: 'usr_pm_7' });
    expect(contracts.stored(contractId)).toMatchObject({ status: 'terminated' });
    // and contract.terminated carries the settlement, adding up to the contract value
    const event = outbox.only('contract.terminated');
    expect(event).toMatchObject({ contract_id: contractId, client_id: clientId, terminated_at: now.toISOString(), reason: 'client cancelled the project', effective_date: '2026-05-28', terminated_by: 'usr_pm_7' });
    expect(event.milestones.map((line: { outcome: string }) => line.outcome)).toEqual(['already_billed', 'billed_in_full', 'billed_partially', 'cancelled']);
    expect(event.milestones[2]).toMatchObject({ percent_bps: 4000, basis: 'termination_clause', agreement_reference: 'Clause 14.2' });
    expect(event.billed_cents + event.cancelled_cents).toBe(totalValueCents);
  });

  it('refuses a blank reason, a day before the activation and a partial billing of a planned milestone, changing nothing', async () => {
    const { contracts, outbox, handler, contractId } = await anActiveContract();
    const terminate = (overrides: object) => handler.execute({ contractId, reason: 'budget cut', terminatedBy: 'usr_pm_7', ...overrides });
    await expect(terminate({ reason: '   ' })).rejects.toMatchObject({ code: 'contract.termination_reason_required', field: 'reason' });
    await expect(terminate({ effectiveDate: '2026-05-27' })).rejects.toMatchObject({ code: 'contract.termination_before_activation', field: 'effective_date' });
    await expect(terminate({ partialBilling: [{ milestoneIndex: 4, percentBps: 5000, basis: 'client_agreement', agreementReference: 'Email' }] })).rejects.toMatchObject({
      kind: 'conflict',
      code: 'contract.partial_billing_not_allowed',
      field: 'partial_billing[0].milestone_index',
    });
    expect(contracts.stored(contractId)).toMatchObject({ status: 'active' });
    expect(outbox.recorded).toEqual([]);
  });
});
