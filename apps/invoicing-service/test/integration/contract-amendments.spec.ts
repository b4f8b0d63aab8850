import { aValidEvent, type EventData } from '@mb/events';
import { addDays, newId } from '@mb/kernel';
import { anActivatedContract, aBillingTrigger, eventually, type InvoiceJson, InvoicingTestKit, textOfPdf } from './invoicing-test-kit';

// Issue 14, item 1: a change order approved (contract.amended, version 3) replaces the drafts of
// the contract's milestones still to bill; issued invoices never change; every invoice names the
// schedule version it was billed under. Real v3 events on Kafka.

type ScheduledEntry = EventData<'contract.amended'>['milestones'][number];

describe('invoicing-service: contract amendments', () => {
  let kit: InvoicingTestKit;

  beforeAll(async () => {
    kit = await InvoicingTestKit.start();
  });

  afterAll(async () => {
    await kit?.close();
  });

  /** Version `version` of an activated contract: `after` the whole schedule after the change, the diff computed from `before`. */
  function anAmendment(
    contract: Partial<EventData<'contract.activated'>>,
    before: readonly ScheduledEntry[],
    after: readonly ScheduledEntry[],
    changes: Partial<EventData<'contract.amended'>> = {},
    version = 2,
  ): Partial<EventData<'contract.amended'>> {
    const indexes = [...new Set([...before, ...after].map((entry) => entry.milestone_index))].sort((a, b) => a - b);
    const milestoneChanges = indexes.flatMap((index) => {
      const was = before.find((entry) => entry.milestone_index === index) ?? null;
      const is = after.find((entry) => entry.milestone_index === index) ?? null;
      if (JSON.stringify(was) === JSON.stringify(is)) return [];
      return [{ milestone_index: index, kind: was === null ? ('added' as const) : is === null ? ('removed' as const) : ('changed' as const), before: was, after: is }];
    });
    return {
      ...aValidEvent('contract.amended').data,
      ...contract,
      total_value_cents: after.reduce((sum, entry) => sum + entry.amount_cents, 0),
      schedule_version: version,
      previous_schedule_version: version - 1,
      previous_total_value_cents: before.reduce((sum, entry) => sum + entry.amount_cents, 0),
      previous_net_days: contract.net_days as number,
      change_order_id: newId('chg'),
      milestones: [...after],
      milestone_changes: milestoneChanges,
      ...changes,
    };
  }

  const byIndex = (invoices: InvoiceJson[], index: number) => invoices.find((invoice) => invoice.milestone_index === index) as InvoiceJson;

  it('revises, discards and adds drafts, leaves issued invoices alone, and issues a changed milestone later at its new amount under version 2', async () => {
    // given a net-15 contract at 8 % tax whose milestones 1 and 2 are already invoiced
    const { contractId, contract } = await kit.anActiveContract(anActivatedContract({ tax_rate_bps: 800 }));
    const before = contract.milestones as ScheduledEntry[];
    const first = await kit.issued(contractId, 1, before[0].amount_cents);
    const second = await kit.issued(contractId, 2, before[1].amount_cents);
    // when a change order (net-30) re-prices 2 (billed meanwhile: a race) and 3, removes 4 and adds 5
    const after = [before[0], { ...before[1], amount_cents: 700_000 }, { ...before[2], amount_cents: 1_300_000, title: 'UAT with SSO' }, { ...before[3], milestone_index: 5, title: 'Hypercare', amount_cents: 250_000 }];
    await kit.publish('contract.amended', anAmendment(contract, before, after, { net_days: 30 }));
    // then the drafts follow version 2
    const invoices = await eventually(() => kit.invoicesOf(contractId), (all) => all.length === 5, 'the added milestone drafted');
    expect(byIndex(invoices, 3)).toMatchObject({ status: 'draft', schedule_version: 2, subtotal_cents: 1_300_000, tax_cents: 104_000, total_cents: 1_404_000, milestone_title: 'UAT with SSO' });
    expect(byIndex(invoices, 4)).toMatchObject({ status: 'discarded', schedule_version: 1 });
    expect(byIndex(invoices, 5)).toMatchObject({ status: 'draft', schedule_version: 2, subtotal_cents: 250_000, milestone_title: 'Hypercare' });
    // the issued ones stand as issued, under version 1
    expect(byIndex(invoices, 1)).toEqual(first);
    expect(byIndex(invoices, 2)).toEqual(second);
    expect(second).toMatchObject({ schedule_version: 1, subtotal_cents: before[1].amount_cents });
    // the financial status follows the new total
    expect(await kit.financialStatusOf(contractId)).toMatchObject({ total_value_cents: 3_000_000, unbilled_cents: 1_550_000 });

    // when milestone 3 is billed later
    const third = await kit.issued(contractId, 3, 1_300_000);
    // then it is issued at the new amount, on the new terms, under version 2, and says so
    expect(third).toMatchObject({ status: 'open', schedule_version: 2, total_cents: 1_404_000 });
    expect(third.due_date).toBe(addDays(third.issue_date as string, 30));
    const issued = (await kit.awaitEvents('invoice.issued', contractId, 3)).find((event) => event.data.milestone_index === 3);
    expect(issued?.data).toMatchObject({ schedule_version: 2, subtotal_cents: 1_300_000, total_cents: 1_404_000 });
    expect(kit.eventsOf('invoice.issued', contractId).find((event) => event.data.milestone_index === 1)?.data.schedule_version).toBe(1);
    const pdf = await kit.request('GET', `/v1/invoices/${third.id}/pdf`);
    expect(textOfPdf(pdf.body)).toContain('Billed under payment schedule version 2.');
  });

  it('has no second effect when the amendment is delivered again, or told again under another event id', async () => {
    // given a contract amended once (milestone 4 removed, 5 added)
    const { contractId, contract } = await kit.anActiveContract();
    const before = contract.milestones as ScheduledEntry[];
    const after = [before[0], before[1], before[2], { ...before[3], milestone_index: 5, title: 'Hypercare' }];
    const envelope = await kit.publish('contract.amended', anAmendment(contract, before, after));
    const amended = await eventually(() => kit.invoicesOf(contractId), (all) => all.length === 5, 'the first amendment');
    // when it is redelivered, told again under a new id, and a later amendment (version 3) follows
    await kit.redeliver('contract.amended', envelope);
    await kit.publish('contract.amended', envelope.data);
    const retitled = [after[0], { ...after[1], title: 'Prototype sign-off' }, after[2], after[3]];
    await kit.publish('contract.amended', anAmendment(contract, after, retitled, {}, 3));
    const latest = await eventually(() => kit.invoicesOf(contractId), (all) => byIndex(all, 2).milestone_title === 'Prototype sign-off', 'the later amendment');
    // then nothing else changed: still five invoices, the ones version 3 did not touch as they were
    expect(latest).toHaveLength(5);
    for (const index of [4, 5]) expect(byIndex(latest, index)).toMatchObject({ status: byIndex(amended, index).status, subtotal_cents: byIndex(amended, index).subtotal_cents });
    expect(latest.map((invoice) => [invoice.milestone_index, invoice.status, invoice.schedule_version])).toEqual([
      [1, 'draft', 3],
      [2, 'draft', 3],
      [3, 'draft', 3],
      [4, 'discarded', 1],
      [5, 'draft', 3],
    ]);
  });

  it('issues a milestone triggered before any amendment under version 1', async () => {
    // given a contract never amended
    const { contractId } = await kit.anActiveContract();
    // when a milestone is billed
    await kit.publish('milestone.status_updated', aBillingTrigger(contractId, 2, 750_000));
    // then its invoice and invoice.issued name version 1
    const [issued] = await kit.awaitEvents('invoice.issued', contractId, 1);
    expect(issued.data.schedule_version).toBe(1);
  });
});
