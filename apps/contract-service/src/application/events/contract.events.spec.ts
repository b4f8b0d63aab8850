import { validateEvent } from '@mb/events';
import { Client } from '../../domain/client/client';
import { Contract } from '../../domain/contract/contract';
import { aContract } from '../../domain/contract/contract-terms.builder';
import { contractCatalogueEvents, contractTermsOf } from './contract.events';
import { aTermination } from '../../domain/contract/termination.fixtures';

describe('contract events', () => {
  const now = new Date('2026-05-28T09:00:00Z');
  const client = Client.register({ name: 'Acme Corp', apContactEmail: 'ap@acme.example', timeZone: 'America/Los_Angeles' }, now);

  it('describes a drafted contract as a valid contract.created, with who the client is', () => {
    // given a draft with a payout destination and a planned date on its last milestone
    const terms = aContract().withMilestone(3, { plannedDate: '2026-09-30', payoutDestination: { accountToken: 'acc_1', autoClear: true } }).build();
    const contract = Contract.draft({ ...terms, clientId: client.id }, now);
    // when mapped to the catalogue
    const data = contractTermsOf(contract.snapshot(), client.snapshot());
    // then the catalogue accepts it and it names the client's AP contact
    const validation = validateEvent('contract.created', 1, { event: 'contract.created', id: 'evt_01JX0000000000000000000000', created_at: now.toISOString(), data });
    expect(validation).toMatchObject({ ok: true });
    expect(data).toMatchObject({ client_name: 'Acme Corp', client_ap_email: 'ap@acme.example', purchase_order_ref: null });
    expect(data.milestones[3]).toMatchObject({ planned_date: '2026-09-30', payout_destination: { account_token: 'acc_1', auto_clear: true } });
  });

  it('describes an activated contract as a valid contract.activated, with its advance notice period', () => {
    // given a contract signed with a 14-day advance notice
    const contract = Contract.draft({ ...aContract().withAdvanceNoticeDays(14).build(), clientId: client.id }, now);
    contract.activate(now);
    // when mapped to the catalogue
    const data = { ...contractTermsOf(contract.snapshot(), client.snapshot()), activated_at: now.toISOString() };
    // then the catalogue accepts it, and milestone-service learns the notice period and terms from it
    const validation = validateEvent('contract.activated', 1, { event: 'contract.activated', id: 'evt_01JX0000000000000000000001', created_at: now.toISOString(), data });
    expect(validation).toMatchObject({ ok: true });
    expect(data).toMatchObject({ advance_notice_days: 14, net_days: 15 });
  });

  it('maps each recorded event to its catalogue event, in order', () => {
    // given a contract drafted, activated and terminated
    const contract = Contract.draft({ ...aContract().build(), clientId: client.id }, now);
    contract.activate(now);
    contract.terminate(aTermination('client cancelled'), now);
    // when its recorded events are mapped
    const events = contractCatalogueEvents(contract.pullEvents(), contract.snapshot(), client.snapshot());
    // then each is announced once, in the order it happened
    expect(events.map((event) => event.name)).toEqual(['contract.created', 'contract.activated', 'contract.terminated']);
  });
});
