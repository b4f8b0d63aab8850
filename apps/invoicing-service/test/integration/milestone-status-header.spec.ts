import { aBillingTrigger, anActivatedContract, eventually, InvoicingTestKit } from './invoicing-test-kit';

// Issue 13: invoicing skips the milestone.status_updated statuses it has nothing to do with by their
// `milestone-status` header, before any transaction (EventHandler.ignores): no inbox row, no effect.
// The statuses it acts on are applied as before, and a message without the header (published
// before it existed) is handled by its data whatever its status.

describe('invoicing and the milestone-status header', () => {
  let kit: InvoicingTestKit;

  beforeAll(async () => {
    kit = await InvoicingTestKit.start();
  });

  afterAll(async () => {
    await kit?.close();
  });

  async function inboxRowsOf(eventIds: string[]): Promise<string[]> {
    const rows: { event_id: string }[] = await kit.service.runtime.dataSource.query(`SELECT event_id FROM invoicing.inbox WHERE event_id = ANY($1) ORDER BY event_id`, [eventIds]);
    return rows.map((row) => row.event_id);
  }

  async function acceptanceOf(contractId: string, milestoneIndex: number): Promise<{ evidence_url: string | null; accepted: boolean } | undefined> {
    const rows: { evidence_url: string | null; accepted: boolean }[] = await kit.service.runtime.dataSource.query(
      `SELECT evidence_url, accepted_at IS NOT NULL AS accepted FROM invoicing.milestone_acceptances WHERE contract_id = $1 AND milestone_index = $2`,
      [contractId, milestoneIndex],
    );
    return rows[0];
  }

  it('skips an ignored status without an inbox row or an effect, and applies the statuses it acts on', async () => {
    // given an active contract whose drafts are prepared
    const { contractId } = await kit.anActiveContract(anActivatedContract());
    const milestone = (status: 'in_progress' | 'rejected' | 'approved', extra: object = {}) => ({ ...aBillingTrigger(contractId, 1, 500_000), status, ...extra });

    // when milestone 1 starts and is rejected (ignored statuses, here with evidence invoicing never
    // saw: handled, it would be recorded), then milestone 1 is approved, then triggered (same key, so
    // consumed in that order)
    const started = await kit.publishWithProducerHeaders('milestone.status_updated', milestone('in_progress'));
    const rejected = await kit.publishWithProducerHeaders('milestone.status_updated', milestone('rejected', { evidence_url: 'https://evidence.example/skipped', reason: 'not done' }));
    const approved = await kit.publishWithProducerHeaders('milestone.status_updated', milestone('approved'));
    const triggered = await kit.publishWithProducerHeaders('milestone.status_updated', aBillingTrigger(contractId, 1, 500_000));

    // then the acted-on statuses are applied: the approval recorded, the invoice issued
    const invoices = await eventually(() => kit.invoicesOf(contractId), (all) => all.find((invoice) => invoice.milestone_index === 1)?.status === 'open', 'milestone 1 issued');
    expect(invoices.find((invoice) => invoice.milestone_index === 1)?.status).toBe('open');
    expect(await acceptanceOf(contractId, 1)).toEqual({ evidence_url: null, accepted: true });
    // and the ignored ones, consumed before them on the same partition, left no inbox row
    expect(await inboxRowsOf([started.id, rejected.id, approved.id, triggered.id])).toEqual([approved.id, triggered.id].sort());
  });

  it('handles an ignorable status by its data when the message has no milestone-status header', async () => {
    // given an active contract
    const { contractId } = await kit.anActiveContract(anActivatedContract());

    // when a rejection with evidence arrives without the header (as published before it existed)
    const rejected = await kit.publish('milestone.status_updated', { ...aBillingTrigger(contractId, 2, 750_000), status: 'rejected', evidence_url: 'https://evidence.example/old-message', reason: 'not done' });

    // then it is handled as before: the evidence is recorded, with its inbox row
    const acceptance = await eventually(() => acceptanceOf(contractId, 2), (found) => found !== undefined, 'evidence of milestone 2 recorded');
    expect(acceptance).toEqual({ evidence_url: 'https://evidence.example/old-message', accepted: false });
    expect(await inboxRowsOf([rejected.id])).toEqual([rejected.id]);
  });
});
