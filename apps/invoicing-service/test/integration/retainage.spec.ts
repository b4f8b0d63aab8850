import type { EventEnvelope } from '@mb/events';
import { RETAINAGE_RELEASE_DATE_TIMER, ReleaseRetainageHandler } from '../../src/application/release-retainage/release-retainage.handler';
import { uniqueName } from '@mb/testing';
import { aBillingTrigger, anActivatedContract, eventually, InvoicingTestKit, type InvoiceJson } from './invoicing-test-kit';

// Issue 10 item 3 "Retainage released", and drafts of cancelled or terminated milestones discarded,
// against the real PostgreSQL, Kafka and timers. The test clock only moves forward, so this file
// lives in 2032 (other files use earlier years).

/** The journey's schedule: 7,500.00, 7,500.00, 10,500.00 and 4,500.00 at 8 % tax, 5 % withheld on each. */
const SCHEDULE = [
  { index: 1, amount: 750_000, tax: 60_000, retainage: 37_500 },
  { index: 2, amount: 750_000, tax: 60_000, retainage: 37_500 },
  { index: 3, amount: 1_050_000, tax: 84_000, retainage: 52_500 },
  { index: 4, amount: 450_000, tax: 36_000, retainage: 22_500 },
] as const;

type Status = Record<string, number | string | null>;

/**
 * Every billed cent is in exactly one place, and (unless an amendment added to the schedule, which
 * invoicing's contract value does not follow) the schedule's value is billed, to bill, or cancelled.
 */
function expectReconciled(status: Status, schedule: 'as_activated' | 'amended' = 'as_activated', voidedSubtotalCents = 0): void {
  const cents = (field: string) => Number(status[field]);
  expect(cents('retained_cents') + cents('paid_cents') + cents('credited_cents') + cents('written_off_cents') + cents('outstanding_cents')).toBe(cents('billed_cents'));
  if (schedule === 'as_activated') {
    expect(cents('billed_cents') - cents('tax_billed_cents') + cents('unbilled_cents') + cents('cancelled_cents') + voidedSubtotalCents).toBe(cents('total_value_cents'));
  }
}

describe('invoicing service: retainage released, drafts of cancelled milestones discarded', () => {
  let kit: InvoicingTestKit;

  beforeAll(async () => {
    kit = await InvoicingTestKit.start();
    await kit.moveClockTo('2032-03-02T15:00:00Z');
  });

  afterAll(async () => {
    await kit?.close();
  });

  const withRetainage = (overrides: Parameters<typeof anActivatedContract>[0] = {}) => kit.anActiveContract({ tax_rate_bps: 800, retainage_bps: 500, ...overrides });

  async function releasesOf(contractId: string): Promise<InvoiceJson[]> {
    return (await kit.invoicesOf(contractId)).filter((invoice) => invoice.kind === 'retainage_release');
  }

  async function awaitReleases(contractId: string, count: number): Promise<InvoiceJson[]> {
    return eventually(() => releasesOf(contractId), (releases) => releases.length >= count, `${count} retainage release(s) of ${contractId}`);
  }

  async function invoiceOf(contractId: string, milestoneIndex: number): Promise<InvoiceJson> {
    return (await kit.invoicesOf(contractId)).find((invoice) => invoice.milestone_index === milestoneIndex) as InvoiceJson;
  }

  /** Rows of the exactly-once table: which invoice's retainage which release billed. */
  async function retainageReleaseRows(contractId: string): Promise<{ released_invoice_id: string; release_invoice_id: string; retainage_cents: string }[]> {
    return kit.service.runtime.dataSource.query(
      `SELECT released_invoice_id, release_invoice_id, retainage_cents FROM invoicing.retainage_releases WHERE contract_id = $1 ORDER BY released_invoice_id`,
      [contractId],
    );
  }

  const sequenceOf = (invoice: InvoiceJson) => Number(String(invoice.number).slice(-6));

  it('issues one retainage invoice for everything withheld when the last milestone is billed, numbered next in the INV series, with no tax again', async () => {
    // given a contract at 8 % tax withholding 5 %, its first three milestones billed and the deposit paid
    const { contractId } = await withRetainage();
    const [first, second, third] = [await kit.issued(contractId, 1, 750_000), await kit.issued(contractId, 2, 750_000), await kit.issued(contractId, 3, 1_050_000)];
    expect(first).toMatchObject({ kind: 'milestone', total_cents: 810_000, retainage_cents: 37_500, amount_due_cents: 772_500 });
    expect((await kit.pay({ invoice_id: first.id, amount_cents: 772_500, currency: 'usd' })).status).toBe(201);
    // then nothing is released while milestone 4 is still to bill: what was withheld is retained
    const before = await kit.financialStatusOf(contractId);
    expect(before).toMatchObject({ billed_cents: 2_754_000, tax_billed_cents: 204_000, retained_cents: 127_500, released_cents: 0, paid_cents: 772_500, outstanding_cents: 1_854_000, unbilled_cents: 450_000 });
    expectReconciled(before);
    expect(await releasesOf(contractId)).toEqual([]);

    // when the last milestone is billed
    const fourth = await kit.issued(contractId, 4, 450_000);

    // then one retainage release follows it, numbered right after it, dated the same day, due on the terms
    const [release] = await awaitReleases(contractId, 1);
    expect(sequenceOf(release)).toBe(sequenceOf(fourth) + 1);
    expect(release).toMatchObject({
      kind: 'retainage_release',
      status: 'open',
      milestone_index: null,
      milestone_title: null,
      issue_date: '2032-03-02',
      due_date: '2032-03-17',
      subtotal_cents: 150_000,
      tax_cents: 0,
      retainage_cents: 0,
      total_cents: 150_000,
      amount_due_cents: 150_000,
      released_invoices: [first, second, third, fourth].map((invoice, index) => ({ invoice_id: invoice.id, invoice_number: invoice.number, retainage_cents: SCHEDULE[index].retainage })),
    });
    // with a line naming each invoice it releases, at a tax rate of 0 (tax was charged on the original lines)
    expect((release.lines as { description: string; amount_cents: number; tax_rate_bps: number; tax_cents: number }[]).map((line) => [line.description, line.amount_cents, line.tax_rate_bps, line.tax_cents])).toEqual([
      [`Retainage released: ${first.number} (Deposit)`, 37_500, 0, 0],
      [`Retainage released: ${second.number} (Midway UI Prototype Sign-off)`, 37_500, 0, 0],
      [`Retainage released: ${third.number} (User acceptance testing passed)`, 52_500, 0, 0],
      [`Retainage released: ${fourth.number} (Final sign-off)`, 22_500, 0, 0],
    ]);
    // and invoice.issued (version 2) announces it like any invoice, naming what it releases and no milestone
    const issued = await kit.awaitEvents('invoice.issued', contractId, 5);
    const announced = issued.find((event) => event.data.invoice_id === release.id) as EventEnvelope<'invoice.issued'>;
    expect(announced.data).toMatchObject({ kind: 'retainage_release', invoice_number: release.number, total_cents: 150_000, tax_cents: 0, amount_due_cents: 150_000 });
    expect(announced.data.released_invoices?.map((released) => released.invoice_id)).toEqual([first.id, second.id, third.id, fourth.id]);
    expect(announced.data).not.toHaveProperty('milestone_index');
    expect(issued.filter((event) => event.data.invoice_id === fourth.id)[0].data).toMatchObject({ kind: 'milestone', milestone_index: 4 });
    // and its overdue timer is set like any invoice's
    expect(await kit.overdueTimerOf(release.id)).toMatchObject({ state: 'created' });

    // and the financial status separates what was billed, released and is owed, and still reconciles
    const after = await kit.financialStatusOf(contractId);
    expect(after).toMatchObject({
      total_value_cents: 3_000_000,
      billed_cents: 3_240_000,
      tax_billed_cents: 240_000,
      retained_cents: 0,
      released_cents: 150_000,
      paid_cents: 772_500,
      credited_cents: 0,
      outstanding_cents: 2_467_500,
      unbilled_cents: 0,
      cancelled_cents: 0,
    });
    expectReconciled(after);

    // when the release is paid as any invoice is
    expect((await kit.pay({ invoice_id: release.id, amount_cents: 150_000, currency: 'usd' })).status).toBe(201);
    const [paid] = await kit.awaitEvents('invoice.paid', contractId, 2).then((events) => events.filter((event) => event.data.invoice_id === release.id));
    expect(paid.data).toMatchObject({ invoice_number: release.number, amount_paid_cents: 150_000 });
    expect(paid.data).not.toHaveProperty('milestone_index');
    expect(paid.data).toMatchObject({ kind: 'retainage_release' });
    const settled = await kit.financialStatusOf(contractId);
    expect(settled).toMatchObject({ released_cents: 150_000, paid_cents: 922_500, outstanding_cents: 2_317_500 });
    expectReconciled(settled);
  });

  it('releases once when the final trigger is redelivered or announced again, and each invoice\'s retainage once', async () => {
    // given a contract whose last milestone's trigger released its retainage
    const { contractId } = await withRetainage();
    for (const { index, amount } of SCHEDULE.slice(0, 3)) await kit.issued(contractId, index, amount);
    const finalTrigger = await kit.publish('milestone.status_updated', aBillingTrigger(contractId, 4, 450_000));
    const [release] = await awaitReleases(contractId, 1);

    // when Kafka redelivers that trigger (same event id), and milestone-service announces it again
    // (a new event, as the release of a billing hold does)
    await kit.redeliver('milestone.status_updated', finalTrigger);
    await kit.publish('milestone.status_updated', { ...aBillingTrigger(contractId, 4, 450_000), billing_hold: false });
    // and then, behind them on the same partition, a milestone an amendment added is billed
    await kit.publish('milestone.status_updated', aBillingTrigger(contractId, 5, 300_000, 'Extra reports'));
    const added = await eventually(() => invoiceOf(contractId, 5), (invoice) => invoice?.status === 'open', `added milestone 5 of ${contractId} issued`);

    // then the first release stays the only one for milestones 1 to 4, and the added milestone's
    // retainage alone is released after it (no milestone is left to bill)
    const releases = await awaitReleases(contractId, 2);
    expect(releases).toHaveLength(2);
    expect(releases[0].id).toBe(release.id);
    expect(releases[0].released_invoices).toHaveLength(4);
    expect(releases[1]).toMatchObject({ total_cents: 15_000, released_invoices: [{ invoice_id: added.id, invoice_number: added.number, retainage_cents: 15_000 }] });
    expect(sequenceOf(releases[1])).toBe(sequenceOf(added) + 1);
    // and the table that guards it holds each invoice's retainage once: five invoices, two releases
    const rows = await retainageReleaseRows(contractId);
    expect(rows).toHaveLength(5);
    expect(new Set(rows.map((row) => row.released_invoice_id)).size).toBe(5);
    expect(kit.eventsOf('invoice.issued', contractId).filter((event) => event.data.kind === 'retainage_release')).toHaveLength(2);
    expectReconciled(await kit.financialStatusOf(contractId), 'amended');
  });

  it('releases once when two occasions come at the same moment', async () => {
    // given a contract with retainage withheld on its deposit
    const { contractId } = await withRetainage();
    await kit.issued(contractId, 1, 750_000);
    // when the release date's timer and another occasion run the release at once
    const release = kit.service.app.get(ReleaseRetainageHandler);
    const at = kit.service.runtime.clock.now();
    const outcomes = await Promise.allSettled([0, 1].map(() => release.execute({ contractId, occasion: 'release_date', occurredAt: at })));
    // then one releases and the other finds nothing left (or, had it overlapped, was refused and rolled back)
    const released = outcomes.filter((outcome) => outcome.status === 'fulfilled' && outcome.value === 'released');
    expect(released).toHaveLength(1);
    expect(await releasesOf(contractId)).toHaveLength(1);
    expect(await retainageReleaseRows(contractId)).toHaveLength(1);
  });

  it("releases what was withheld so far on the contract's retainage release date (a durable timer, in the client's zone), and the rest at final acceptance", async () => {
    // given a New York client's contract whose retainage is released on 10 March 2032, two milestones billed
    const { contractId } = await withRetainage({ client_time_zone: 'America/New_York', retainage_release_date: '2032-03-10' });
    const [first, second] = [await kit.issued(contractId, 1, 750_000), await kit.issued(contractId, 2, 750_000)];
    // then the release waits on its timer, due at midnight in New York (05:00Z)
    const timer = async () =>
      (
        (await kit.service.runtime.dataSource.query(
          `SELECT state, data ->> 'due_at' AS due_at FROM invoicing.job WHERE name = $1 AND singleton_key = $2 ORDER BY created_on DESC LIMIT 1`,
          [RETAINAGE_RELEASE_DATE_TIMER, contractId],
        )) as { state: string; due_at: string }[]
      )[0];
    expect(await timer()).toEqual({ state: 'created', due_at: '2032-03-10T05:00:00.000Z' });
    expect(await kit.financialStatusOf(contractId)).toMatchObject({ retainage_release_date: '2032-03-10', retained_cents: 75_000, released_cents: 0 });

    // when the clock reaches 04:30Z on the 10th (23:30 on the 9th in New York)
    await kit.moveClockTo('2032-03-10T04:30:00Z');
    // then nothing is released yet
    expect(await timer()).toMatchObject({ state: 'created' });
    expect(await releasesOf(contractId)).toEqual([]);

    // when the 10th begins in New York
    await kit.moveClockTo('2032-03-10T05:30:00Z');
    // then what was withheld on the two invoices is released, dated the release date
    const [onTheDate] = await awaitReleases(contractId, 1);
    expect(onTheDate).toMatchObject({
      issue_date: '2032-03-10',
      due_date: '2032-03-25',
      total_cents: 75_000,
      released_invoices: [first, second].map((invoice) => ({ invoice_id: invoice.id, invoice_number: invoice.number, retainage_cents: 37_500 })),
    });
    await eventually(timer, (fired) => fired?.state === 'completed', `the retainage release timer of ${contractId} done`);
    const midway = await kit.financialStatusOf(contractId);
    expect(midway).toMatchObject({ retained_cents: 0, released_cents: 75_000 });
    expectReconciled(midway);

    // when the last two milestones are billed after the date
    await kit.issued(contractId, 3, 1_050_000);
    const fourth = await kit.issued(contractId, 4, 450_000);
    // then final acceptance releases only what was withheld since
    const releases = await awaitReleases(contractId, 2);
    expect(releases[1]).toMatchObject({ total_cents: 75_000, released_invoices: [expect.objectContaining({ retainage_cents: 52_500 }), expect.objectContaining({ invoice_id: fourth.id, retainage_cents: 22_500 })] });
    const final = await kit.financialStatusOf(contractId);
    expect(final).toMatchObject({ retained_cents: 0, released_cents: 150_000 });
    expectReconciled(final);
  });

  it("discards a cancelled milestone's draft: it no longer counts as unbilled and a late trigger for it bills nothing", async () => {
    // given a contract of four milestones, the deposit billed
    const { contractId } = await withRetainage();
    await kit.issued(contractId, 1, 750_000);
    // when milestone 3 is cancelled
    await kit.publish('milestone.status_updated', { ...aBillingTrigger(contractId, 3, 1_050_000), status: 'cancelled', previous_status: 'in_progress', reason: 'Descoped by change order.' });
    // then its draft is discarded, unnumbered, and counted as cancelled rather than unbilled
    await eventually(() => invoiceOf(contractId, 3), (invoice) => invoice.status === 'discarded', `milestone 3 of ${contractId} discarded`);
    expect(await invoiceOf(contractId, 3)).toMatchObject({ number: null, issue_date: null });
    const status = await kit.financialStatusOf(contractId);
    expect(status).toMatchObject({ unbilled_cents: 1_200_000, cancelled_cents: 1_050_000, retained_cents: 37_500 });
    expectReconciled(status);

    // when a trigger for the cancelled milestone arrives late, and then milestone 2 is billed behind it
    await kit.publish('milestone.status_updated', aBillingTrigger(contractId, 3, 1_050_000));
    await kit.issued(contractId, 2, 750_000);
    // then milestone 3 stays discarded and was never announced
    expect(await invoiceOf(contractId, 3)).toMatchObject({ status: 'discarded', number: null });
    expect(kit.eventsOf('invoice.issued', contractId).map((event) => event.data.milestone_index)).toEqual([1, 2]);

    // when the last milestone still to bill is billed, the cancelled one not counting
    await kit.issued(contractId, 4, 450_000);
    // then the retainage of the three billed milestones is released
    const [release] = await awaitReleases(contractId, 1);
    expect(release).toMatchObject({ total_cents: 97_500 });
    expect((release.released_invoices as unknown[]).length).toBe(3);
    expectReconciled(await kit.financialStatusOf(contractId));
  });

  it("records a termination and discards the drafts of the milestones it cancels; one still billable is billed, then the retainage released", async () => {
    // given a contract with the deposit billed, milestone 2 submitted (it stays billable at termination)
    const { contractId } = await withRetainage();
    await kit.issued(contractId, 1, 750_000);
    // when the contract is terminated, and milestone-service cancels milestones 3 and 4 for it
    await kit.publish('contract.terminated', { contract_id: contractId, terminated_at: '2032-03-20T10:00:00Z', reason: 'Client insolvency.' });
    for (const index of [3, 4]) {
      await kit.publish('milestone.status_updated', {
        ...aBillingTrigger(contractId, index, SCHEDULE[index - 1].amount),
        status: 'cancelled',
        previous_status: 'planned',
        reason: 'Contract terminated: Client insolvency.',
      });
    }
    // then their drafts are discarded, milestone 2's stays a draft, and the termination is on the status
    await eventually(() => kit.invoicesOf(contractId), (invoices) => invoices.filter((invoice) => invoice.status === 'discarded').length === 2, `drafts 3 and 4 of ${contractId} discarded`);
    expect(await invoiceOf(contractId, 2)).toMatchObject({ status: 'draft' });
    const terminated = await eventually(() => kit.financialStatusOf(contractId), (status) => status.terminated_at !== null, `the termination of ${contractId} recorded`);
    expect(terminated).toMatchObject({ terminated_at: '2032-03-20T10:00:00.000Z', unbilled_cents: 750_000, cancelled_cents: 1_500_000, retained_cents: 37_500 });
    expectReconciled(terminated);
    expect(await releasesOf(contractId)).toEqual([]);

    // when milestone 2, approved, is billed after all
    await kit.issued(contractId, 2, 750_000);
    // then nothing is left to bill, so the retainage of the two billed milestones is released
    const [release] = await awaitReleases(contractId, 1);
    expect(release).toMatchObject({ total_cents: 75_000 });
    const final = await kit.financialStatusOf(contractId);
    expect(final).toMatchObject({ unbilled_cents: 0, cancelled_cents: 1_500_000, retained_cents: 0, released_cents: 75_000 });
    expectReconciled(final);
  });

  it('settles a termination (issue 14): the approved milestone and a 40 % share billed, the rest cancelled, no draft left, the retainage released, balanced', async () => {
    // given a contract at 8 % tax withholding 5 %, its deposit billed
    const { contractId } = await withRetainage();
    await kit.issued(contractId, 1, 750_000);
    expect(await kit.financialStatusOf(contractId)).toMatchObject({ balanced: false, cancelled_cents: 0 });
    // when it is terminated with its settlement, and milestone-service carries it out: milestone 2
    // billed in full, 40 % of milestone 3 (4,200.00 of 10,500.00), milestone 4 cancelled
    await kit.publish('contract.terminated', { contract_id: contractId, terminated_at: '2032-03-21T10:00:00Z', reason: 'Client cancelled the remaining scope.' });
    await kit.issued(contractId, 2, 750_000);
    await kit.publish('milestone.status_updated', { ...aBillingTrigger(contractId, 3, 420_000), billed_share_at_termination: true });
    const share = (await eventually(
      () => kit.invoicesOf(contractId),
      (all) => all.find((invoice) => invoice.milestone_index === 3)?.status !== 'draft',
      'the share of milestone 3 issued',
    )).find((invoice) => invoice.milestone_index === 3) as InvoiceJson;
    await kit.publish('milestone.status_updated', { ...aBillingTrigger(contractId, 4, 450_000), status: 'cancelled', previous_status: 'planned', reason: 'Contract terminated: Client cancelled the remaining scope.' });

    // then milestone 3's invoice bills the share, with tax and retainage on it
    expect(share).toMatchObject({ status: 'open', subtotal_cents: 420_000, tax_cents: 33_600, retainage_cents: 21_000, total_cents: 453_600 });
    // and with no draft left, the retainage withheld so far is released
    const [release] = await awaitReleases(contractId, 1);
    expect(release).toMatchObject({ total_cents: 37_500 + 37_500 + 21_000 });
    expect((await kit.invoicesOf(contractId)).filter((invoice) => invoice.status === 'draft')).toEqual([]);
    // and the status balances: 19,200.00 billed and 10,800.00 cancelled (6,300.00 of milestone 3, 4,500.00 of milestone 4)
    const settled = await eventually(() => kit.financialStatusOf(contractId), (status) => status.terminated_at !== null, `the termination of ${contractId} recorded`);
    expect(settled).toMatchObject({ unbilled_cents: 0, cancelled_cents: 1_080_000, retained_cents: 0, released_cents: 96_000, balanced: true });
    expect(Number(settled.billed_cents) - Number(settled.tax_billed_cents)).toBe(1_920_000);
    expectReconciled(settled);
  });

  it('takes contract.completed (issue 14) as final acceptance: retainage already released is not released again', async () => {
    // given a contract whose four milestones are billed, its retainage released with the last
    const { contractId } = await withRetainage();
    for (const { index, amount } of SCHEDULE) await kit.issued(contractId, index, amount);
    await awaitReleases(contractId, 1);
    // when it completes
    const completed = await kit.publish('contract.completed', { contract_id: contractId, completed_at: '2032-03-22T10:00:00Z' });
    // then the completion is taken, and no second release issued
    await eventually(
      async () => (await kit.service.runtime.dataSource.query(`SELECT 1 FROM invoicing.inbox WHERE event_id = $1`, [completed.id])) as unknown[],
      (rows) => rows.length === 1,
      `contract.completed of ${contractId} taken`,
    );
    expect(await releasesOf(contractId)).toHaveLength(1);
    expect(await kit.financialStatusOf(contractId)).toMatchObject({ unbilled_cents: 0, retained_cents: 0, balanced: true });
  });

  it("releases against corrections: a voided invoice's retainage never, a written-off one's not, a credited one's less what its credit notes gave back; the client's credit applied to the release; the status reconciling throughout", async () => {
    // given a contract at 8 % tax withholding 5 %
    const { contractId } = await withRetainage();
    const correct = (url: string, payload: object) => kit.request('POST', url, payload, { 'idempotency-key': uniqueName('correction') });
    // when the deposit (8,100.00, 375.00 withheld) is paid 1,000.00 and then written off
    const first = await kit.issued(contractId, 1, 750_000);
    expect((await kit.pay({ invoice_id: first.id, amount_cents: 100_000, currency: 'usd' })).status).toBe(201);
    expect((await correct(`/v1/invoices/${first.id}/mark-uncollectible`, { reason: 'Client insolvent.' })).status).toBe(200);
    // and milestone 2 (8,100.00, 375.00 withheld) is credited 1,000.00 of its line (+ 80.00 tax, 50.00 of its retainage given back)
    const second = await kit.issued(contractId, 2, 750_000);
    const credit = await correct('/v1/credit-notes', { invoice_id: second.id, reason: 'Two screens descoped.', lines: [{ line_number: 1, amount_cents: 100_000 }] });
    expect([credit.status, credit.json().total_cents, credit.json().retainage_cents, credit.json().amount_credited_cents]).toEqual([201, 108_000, 5_000, 103_000]);
    // and milestone 3 is voided
    const third = await kit.issued(contractId, 3, 1_050_000);
    expect((await correct(`/v1/invoices/${third.id}/void`, { reason: 'Issued with the wrong PO reference.' })).status).toBe(200);
    // and milestone 2 then paid with 4,735.00 more than it owes (the client's credit)
    expect((await kit.pay({ invoice_id: second.id, amount_cents: 669_500 + 473_500, currency: 'usd' })).status).toBe(201);

    // then nothing is released yet, and every billed cent is in one place: 325.00 retained (375.00 of
    // milestone 2 less the 50.00 credited; milestone 1's is written off with its balance)
    const before = await kit.financialStatusOf(contractId);
    expect(before).toMatchObject({
      billed_cents: 1_620_000,
      retained_cents: 32_500,
      released_cents: 0,
      paid_cents: 769_500,
      credited_cents: 108_000,
      written_off_cents: 672_500 + 37_500,
      outstanding_cents: 0,
      unbilled_cents: 450_000,
    });
    expectReconciled(before, 'as_activated', 1_050_000);
    expect(await releasesOf(contractId)).toEqual([]);

    // when the last milestone is billed (4,860.00, paid at issue from the client's credit)
    const fourth = await kit.issued(contractId, 4, 450_000);
    expect(fourth).toMatchObject({ status: 'paid', total_cents: 486_000, retainage_cents: 22_500 });

    // then the release bills milestone 2's remaining 325.00 and milestone 4's 225.00: not the voided
    // invoice's, not the written-off one's; the last 100.00 of the client's credit is applied to it
    const [release] = await awaitReleases(contractId, 1);
    expect(release).toMatchObject({ total_cents: 55_000, tax_cents: 0, amount_paid_cents: 10_000, amount_due_cents: 45_000, status: 'open' });
    expect(release.released_invoices).toEqual([
      { invoice_id: second.id, invoice_number: second.number, retainage_cents: 32_500 },
      { invoice_id: fourth.id, invoice_number: fourth.number, retainage_cents: 22_500 },
    ]);
    const announced = (await kit.awaitEvents('invoice.issued', contractId, 5)).find((event) => event.data.invoice_id === release.id) as EventEnvelope<'invoice.issued'>;
    expect(announced.data).toMatchObject({ kind: 'retainage_release', amount_due_cents: 55_000, credit_applied_cents: 10_000 });
    expect(await retainageReleaseRows(contractId)).toHaveLength(2);

    // and the status still reconciles: nothing retained, the release outstanding less the credit applied
    const after = await kit.financialStatusOf(contractId);
    expect(after).toMatchObject({
      billed_cents: 2_106_000,
      retained_cents: 0,
      released_cents: 55_000,
      paid_cents: 100_000 + 669_500 + 463_500 + 10_000,
      credited_cents: 108_000,
      written_off_cents: 710_000,
      outstanding_cents: 45_000,
      unbilled_cents: 0,
    });
    expectReconciled(after, 'as_activated', 1_050_000);
  });
});
