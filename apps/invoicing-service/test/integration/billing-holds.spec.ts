import { aBillingTrigger, anActivatedContract, eventually, InvoicingTestKit } from './invoicing-test-kit';

// A billing trigger under a billing hold (milestone.status_updated with billing_hold true) is
// recorded by milestone-service but not invoiced; the release of the hold announces the trigger again
// with billing_hold false, and that one is issued, once.

describe('invoicing service and billing holds', () => {
  let kit: InvoicingTestKit;

  beforeAll(async () => {
    kit = await InvoicingTestKit.start();
  });

  afterAll(async () => {
    await kit?.close();
  });

  /** The trigger of one milestone as milestone-service publishes it under a hold, and on its release. */
  function heldAndReleased(contractId: string, milestoneIndex: number, amountCents: number) {
    const held = { ...aBillingTrigger(contractId, milestoneIndex, amountCents), previous_status: 'approved' as const, billing_hold: true };
    const released = { ...held, previous_status: 'triggered_for_disbursement' as const, billing_hold: false, reason: 'billing hold released' };
    return { held, released };
  }

  async function statusOf(contractId: string, milestoneIndex: number): Promise<string | undefined> {
    return (await kit.invoicesOf(contractId)).find((invoice) => invoice.milestone_index === milestoneIndex)?.status;
  }

  async function pendingTriggersOf(contractId: string): Promise<number[]> {
    const rows: { milestone_index: number }[] = await kit.service.runtime.dataSource.query(
      `SELECT milestone_index FROM invoicing.pending_billing_triggers WHERE contract_id = $1 ORDER BY milestone_index`,
      [contractId],
    );
    return rows.map((row) => row.milestone_index);
  }

  it('issues no invoice for a held trigger, and issues it on the release, exactly once', async () => {
    // given an active contract whose drafts are prepared
    const contract = anActivatedContract();
    const contractId = contract.contract_id as string;
    await kit.publish('contract.activated', contract);
    await eventually(() => kit.invoicesOf(contractId), (all) => all.length === 4, `drafts of ${contractId}`);
    const two = heldAndReleased(contractId, 2, 750_000);

    // when milestone 2's trigger arrives held, then milestone 3's unheld (same key, so consumed after it)
    await kit.publish('milestone.status_updated', two.held);
    await kit.publish('milestone.status_updated', aBillingTrigger(contractId, 3, 1_050_000));
    await eventually(() => statusOf(contractId, 3), (state) => state === 'open', 'milestone 3 issued');

    // then milestone 2 is still a draft, nothing was parked, and only milestone 3 was announced
    expect(await statusOf(contractId, 2)).toBe('draft');
    expect(await pendingTriggersOf(contractId)).toEqual([]);
    // (the issued invoice's event is read from the topic, which may trail the row by a moment)
    expect((await kit.awaitEvents('invoice.issued', contractId, 1)).map((event) => event.data.milestone_index)).toEqual([3]);

    // when the hold is released
    await kit.publish('milestone.status_updated', two.released);

    // then milestone 2 is issued at once
    await eventually(() => statusOf(contractId, 2), (state) => state === 'open', 'milestone 2 issued on the release');
    const [, issuedOnRelease] = await kit.awaitEvents('invoice.issued', contractId, 2);
    expect(issuedOnRelease.data).toMatchObject({ milestone_index: 2, amount_due_cents: 750_000 });

    // when the release is delivered again (another event id), then milestone 4's trigger as a marker
    await kit.publish('milestone.status_updated', two.released);
    await kit.publish('milestone.status_updated', aBillingTrigger(contractId, 4, 450_000));
    await eventually(() => statusOf(contractId, 4), (state) => state === 'open', 'milestone 4 issued');

    // then milestone 2 was invoiced once: one invoice.issued for it, the same number
    await kit.awaitEvents('invoice.issued', contractId, 3);
    const issued = kit.eventsOf('invoice.issued', contractId);
    expect(issued.map((event) => event.data.milestone_index)).toEqual([3, 2, 4]);
    expect((await kit.invoicesOf(contractId)).find((invoice) => invoice.milestone_index === 2)?.number).toBe(issuedOnRelease.data.invoice_number);
  });

  it('parks nothing for a held trigger that overtook its contract, and issues it on the release once the contract is known', async () => {
    // given a contract invoicing has not heard of yet
    const contract = anActivatedContract();
    const contractId = contract.contract_id as string;
    const two = heldAndReleased(contractId, 2, 750_000);

    // when milestone 2's trigger arrives held, then milestone 3's unheld, both before the contract
    await kit.publish('milestone.status_updated', two.held);
    await kit.publish('milestone.status_updated', aBillingTrigger(contractId, 3, 1_050_000));
    await eventually(() => pendingTriggersOf(contractId), (parked) => parked.length === 1, 'milestone 3 parked');

    // then only the unheld trigger was parked
    expect(await pendingTriggersOf(contractId)).toEqual([3]);

    // when the contract arrives
    await kit.publish('contract.activated', contract);
    await eventually(() => statusOf(contractId, 3), (state) => state === 'open', 'milestone 3 issued');

    // then milestone 2 stays a draft until its hold is released, and is issued then
    expect(await statusOf(contractId, 2)).toBe('draft');
    await kit.publish('milestone.status_updated', two.released);
    await eventually(() => statusOf(contractId, 2), (state) => state === 'open', 'milestone 2 issued on the release');
    const issued = await kit.awaitEvents('invoice.issued', contractId, 2);
    expect(issued.map((event) => event.data.milestone_index)).toEqual([3, 2]);
  });
});
