import type { Dispute, Invoice, Milestone, WorkItemLink } from '../billing-api';
import { approvalsPage, collectionsPage, invoicePage, invoicesPage, safeLink, workItemName, workItemUrl } from './pages';

const berlinMorning = { language: 'en', timeZone: 'Europe/Berlin', now: new Date('2026-07-10T08:00:00Z') };

function anInvoice(overrides: Partial<Invoice> = {}): Invoice {
  return {
    id: 'inv_1',
    number: 'INV-2026-000042',
    status: 'open',
    contract_id: 'con_1',
    client_id: 'cli_1',
    contract_title: 'Web shop',
    milestone_id: 'ms_1',
    milestone_title: 'Design',
    currency: 'eur',
    total_cents: 900_000,
    amount_due_cents: 900_000,
    issue_date: '2026-06-01',
    due_date: '2026-07-01',
    overdue: true,
    in_dispute: false,
    ...overrides,
  };
}

function aSubmittedMilestone(overrides: Partial<Milestone> = {}): Milestone {
  return {
    id: 'ms_1',
    contract_id: 'con_1',
    client_id: 'cli_1',
    milestone_index: 1,
    title: 'Design',
    acceptance_criteria: 'Signed off',
    status: 'submitted',
    amount_cents: 900_000,
    currency: 'eur',
    planned_date: '2026-07-05',
    evidence_url: 'https://example.com/review',
    submitted_at: '2026-07-08T08:00:00Z',
    approval_due_at: '2026-07-13T08:00:00Z',
    rejection_reason: null,
    ...overrides,
  };
}

describe('the invoices page', () => {
  it('counts days late on the client calendar for open invoices only', () => {
    // given an open and a paid invoice, both due 1 July, seen on 10 July
    const page = invoicesPage([anInvoice(), anInvoice({ id: 'inv_2', status: 'paid', amount_due_cents: 0 })], berlinMorning);
    // then only the open one is late, by nine days
    expect(page.invoices.map((row) => [row.id, row.daysLate, row.late])).toEqual([
      ['inv_1', 9, true],
      ['inv_2', 0, false],
    ]);
    expect(page.invoices[0]).toMatchObject({ amountDue: '€9,000.00', dueDate: '1 Jul 2026', status: 'Open' });
  });

  it('leaves out drafts and discarded invoices: a client sees what was issued to it', () => {
    const page = invoicesPage([anInvoice({ status: 'draft', number: null }), anInvoice({ id: 'inv_2', status: 'discarded' }), anInvoice({ id: 'inv_3' })], berlinMorning);
    expect(page.invoices.map((row) => row.id)).toEqual(['inv_3']);
  });
});

describe('an invoice page', () => {
  const dispute = (overrides: Partial<Dispute>): Dispute => ({
    id: 'dsp_1',
    invoice_id: 'inv_1',
    currency: 'eur',
    amount_cents: 900_000,
    reason: 'Late delivery',
    status: 'open',
    opened_at: '2026-07-09T10:00:00Z',
    ...overrides,
  });

  it('offers a dispute on an open invoice without one', () => {
    expect(invoicePage(anInvoice(), [], berlinMorning)).toMatchObject({ canDispute: true, openDispute: undefined });
  });

  it('offers to withdraw an open dispute instead, and ignores other invoices’ disputes', () => {
    const page = invoicePage(anInvoice(), [dispute({}), dispute({ id: 'dsp_2', invoice_id: 'inv_9' })], berlinMorning);
    expect(page.canDispute).toBe(false);
    expect(page.openDispute).toMatchObject({ id: 'dsp_1', reason: 'Late delivery' });
  });

  it('offers no dispute on a paid invoice, and shows payment instructions when given, the method in words', () => {
    const instructions = { method: 'bank_transfer', account_name: 'Example Ltd', account: 'DE89 3704 0044 0532 0130 00', remittance_reference: 'INV-2026-000042' };
    const page = invoicePage(anInvoice({ status: 'paid', payment_instructions: instructions }), [], berlinMorning);
    expect(page).toMatchObject({ canDispute: false, paymentInstructions: { ...instructions, method: 'Bank transfer' } });
  });
});

describe('the collections page', () => {
  it("counts each invoice's days overdue today on the client's calendar, not as announced", () => {
    // given an invoice due 1 July that was announced overdue on 2 July (days_overdue 1), seen on 10 July in Berlin
    const collectionsCase = {
      id: 'case_1',
      status: 'open' as const,
      stage: 'firm_notice',
      stage_entered_at: '2026-07-08T07:00:00Z',
      opened_at: '2026-07-02T07:00:00Z',
      balances: [{ currency: 'eur', balance_cents: 900_000 }],
      invoices: [{ invoice_id: 'inv_1', invoice_number: 'INV-2026-000042', currency: 'eur', balance_cents: 900_000, due_date: '2026-07-01', days_overdue: 1, disputed: false }],
    };
    const page = collectionsPage([{ collectionsCase, plans: [] }], berlinMorning);
    expect(page.cases[0].invoices[0]).toMatchObject({ daysOverdue: 9, balance: '€9,000.00', dueDate: '1 Jul 2026' });
    expect(page.cases[0].stage).toBe('Firm notice');
  });
});

describe('the approvals page', () => {
  it('shows the most urgent window first, with the time left', () => {
    const later = aSubmittedMilestone({ id: 'ms_2', approval_due_at: '2026-07-14T08:00:00Z' });
    const sooner = aSubmittedMilestone({ id: 'ms_1', approval_due_at: '2026-07-11T10:00:00Z' });
    const page = approvalsPage(
      [
        { milestone: later, contractTitle: 'Web shop', links: [] },
        { milestone: sooner, contractTitle: 'Web shop', links: undefined },
      ],
      berlinMorning,
    );
    expect(page.milestones.map((row) => [row.id, row.timeLeft, row.linksUnavailable])).toEqual([
      ['ms_1', '1 day 2 hours left', true],
      ['ms_2', '4 days left', false],
    ]);
  });

  it('never makes a link of evidence that is not http(s)', () => {
    const page = approvalsPage([{ milestone: aSubmittedMilestone({ evidence_url: 'javascript:alert(1)' }), contractTitle: 'Web shop', links: [] }], berlinMorning);
    expect(page.milestones[0]).toMatchObject({ evidenceUrl: undefined, evidenceText: 'javascript:alert(1)' });
    expect(safeLink('https://example.com/a?b=c')).toBe('https://example.com/a?b=c');
    expect(safeLink('not a url')).toBeUndefined();
  });
});

describe('a work item', () => {
  const github: WorkItemLink = { id: 'wil_1', provider: 'github', repository: 'acme/shop', kind: 'pull_request', number: 42, site: null, issue_key: null };
  const jira: WorkItemLink = { id: 'wil_2', provider: 'jira', repository: null, kind: null, number: null, site: 'acme.atlassian.net', issue_key: 'SHOP-17' };

  it('is named and linked as its tracker shows it', () => {
    expect([workItemName(github), workItemUrl(github)]).toEqual(['acme/shop#42 (pull request)', 'https://github.com/acme/shop/pull/42']);
    expect(workItemUrl({ ...github, kind: 'issue' })).toBe('https://github.com/acme/shop/issues/42');
    expect([workItemName(jira), workItemUrl(jira)]).toEqual(['SHOP-17 on acme.atlassian.net', 'https://acme.atlassian.net/browse/SHOP-17']);
  });
});
