import type { CollectionsCase, Contract, Dispute, FinancialStatus, Invoice, Milestone, PaymentPlan, WorkItemLink } from '../billing-api';
import { daysLate, formatDate, formatInstant, timeLeft, todayIn } from './calendar';
import { invoiceStatusLabel, milestoneStatusLabel, paymentMethodLabel, paymentPlanStatusLabel, stageLabel } from './labels';
import { formatAmount } from './money';
import { upcomingInvoices } from './upcoming';

/** Who is looking, and when: every view model formats for the client's language and calendar. */
export interface Viewer {
  readonly language: string;
  readonly timeZone: string;
  readonly now: Date;
}

// ------------------------------------------------------------------------------------ overview

export interface ContractSchedule {
  readonly contract: Contract;
  readonly milestones: readonly Milestone[];
  /** Absent while invoicing has not heard of the contract (a draft, or just activated). */
  readonly financialStatus: FinancialStatus | undefined;
}

export function overviewPage(schedules: readonly ContractSchedule[], viewer: Viewer) {
  const money = (cents: number, currency: string) => formatAmount(cents, currency, viewer.language);
  return {
    contracts: schedules.map(({ contract, milestones, financialStatus }) => ({
      id: contract.id,
      title: contract.title,
      status: contract.status,
      totalValue: money(contract.total_value_cents, contract.currency),
      milestones: milestones.map((milestone) => ({
        index: milestone.milestone_index,
        title: milestone.title,
        status: milestoneStatusLabel(milestone.status),
        awaitingApproval: milestone.status === 'submitted',
        expectedDate: formatDate(milestone.planned_date, viewer.language),
        amount: money(milestone.amount_cents, milestone.currency),
      })),
      money:
        financialStatus === undefined
          ? undefined
          : {
              billed: money(financialStatus.billed_cents, financialStatus.currency),
              paid: money(financialStatus.paid_cents, financialStatus.currency),
              outstanding: money(financialStatus.outstanding_cents, financialStatus.currency),
              retained: money(financialStatus.retained_cents, financialStatus.currency),
            },
    })),
  };
}

// ------------------------------------------------------------------------------------ approvals

export interface AwaitingApproval {
  readonly milestone: Milestone;
  readonly contractTitle: string;
  /** Undefined when the links could not be read: the page still shows the evidence URL. */
  readonly links: readonly WorkItemLink[] | undefined;
}

/** A work item as a person names it: "acme/portal#42 (pull request)", "ACME-17 on acme.atlassian.net". */
export function workItemName(link: WorkItemLink): string {
  if (link.provider === 'github') return `${link.repository}#${link.number}${link.kind === 'pull_request' ? ' (pull request)' : ' (issue)'}`;
  return `${link.issue_key} on ${link.site}`;
}

/** Where a work item is: its GitHub or Jira page. */
export function workItemUrl(link: WorkItemLink): string | undefined {
  if (link.provider === 'github' && link.repository !== null && link.number !== null) {
    return `https://github.com/${link.repository}/${link.kind === 'pull_request' ? 'pull' : 'issues'}/${link.number}`;
  }
  if (link.provider === 'jira' && link.site !== null && link.issue_key !== null) return `https://${link.site}/browse/${link.issue_key}`;
  return undefined;
}

/** Only http(s) evidence becomes a link: a javascript: URL must never be one click away. */
export function safeLink(url: string | null): string | undefined {
  if (url === null) return undefined;
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'https:' || parsed.protocol === 'http:' ? parsed.href : undefined;
  } catch {
    return undefined;
  }
}

export function approvalsPage(awaiting: readonly AwaitingApproval[], viewer: Viewer) {
  return {
    milestones: [...awaiting]
      .sort((a, b) => (a.milestone.approval_due_at ?? '9999').localeCompare(b.milestone.approval_due_at ?? '9999'))
      .map(({ milestone, contractTitle, links }) => {
        const left = timeLeft(milestone.approval_due_at, viewer.now);
        return {
          id: milestone.id,
          title: milestone.title,
          contractTitle,
          acceptanceCriteria: milestone.acceptance_criteria,
          amount: formatAmount(milestone.amount_cents, milestone.currency, viewer.language),
          submittedAt: formatInstant(milestone.submitted_at, viewer.language, viewer.timeZone),
          approvalDueAt: milestone.approval_due_at === null ? undefined : formatInstant(milestone.approval_due_at, viewer.language, viewer.timeZone),
          timeLeft: left.text,
          windowClosed: left.closed,
          evidenceUrl: safeLink(milestone.evidence_url),
          evidenceText: milestone.evidence_url,
          links: links?.map((link) => ({ name: workItemName(link), url: workItemUrl(link) })),
          linksUnavailable: links === undefined,
        };
      }),
  };
}

// ------------------------------------------------------------------------------------ invoices

/** Drafts are the supplier's work in progress; a client sees an invoice once it is issued. */
export function isIssued(invoice: Invoice): boolean {
  return invoice.status !== 'draft' && invoice.status !== 'discarded';
}

function invoiceRow(invoice: Invoice, viewer: Viewer) {
  const late = invoice.status === 'open' ? daysLate(invoice.due_date, todayIn(viewer.timeZone, viewer.now)) : 0;
  return {
    id: invoice.id,
    number: invoice.number ?? '(not numbered)',
    status: invoiceStatusLabel(invoice.status),
    open: invoice.status === 'open',
    contractTitle: invoice.contract_title,
    milestoneTitle: invoice.milestone_title,
    issueDate: formatDate(invoice.issue_date, viewer.language),
    dueDate: formatDate(invoice.due_date, viewer.language),
    daysLate: late,
    late: late > 0,
    total: formatAmount(invoice.total_cents, invoice.currency, viewer.language),
    amountDue: formatAmount(invoice.amount_due_cents, invoice.currency, viewer.language),
    inDispute: invoice.in_dispute,
  };
}

export function invoicesPage(invoices: readonly Invoice[], viewer: Viewer) {
  return { invoices: invoices.filter(isIssued).map((invoice) => invoiceRow(invoice, viewer)) };
}

export function invoicePage(invoice: Invoice, disputes: readonly Dispute[], viewer: Viewer) {
  const ofThisInvoice = disputes.filter((dispute) => dispute.invoice_id === invoice.id);
  const openDispute = ofThisInvoice.find((dispute) => dispute.status === 'open');
  return {
    invoice: invoiceRow(invoice, viewer),
    paymentInstructions: invoice.payment_instructions ? { ...invoice.payment_instructions, method: paymentMethodLabel(invoice.payment_instructions.method) } : undefined,
    canDispute: invoice.status === 'open' && openDispute === undefined,
    openDispute:
      openDispute === undefined
        ? undefined
        : { id: openDispute.id, reason: openDispute.reason, amount: formatAmount(openDispute.amount_cents, openDispute.currency, viewer.language), openedAt: formatInstant(openDispute.opened_at, viewer.language, viewer.timeZone) },
    pastDisputes: ofThisInvoice
      .filter((dispute) => dispute.status !== 'open')
      .map((dispute) => ({ reason: dispute.reason, status: dispute.status, openedAt: formatInstant(dispute.opened_at, viewer.language, viewer.timeZone) })),
  };
}

// ------------------------------------------------------------------------------------ collections

/** A payment plan: its instalments, what each has had paid, and whether it awaits the client's yes. */
export function paymentPlanView(plan: PaymentPlan, viewer: Viewer) {
  const money = (cents: number) => formatAmount(cents, plan.currency, viewer.language);
  return {
    id: plan.id,
    status: paymentPlanStatusLabel(plan.status),
    proposed: plan.status === 'proposed',
    total: money(plan.total_cents),
    paid: money(plan.paid_cents),
    instalments: plan.instalments.map((instalment) => ({
      index: instalment.instalment_index,
      kind: instalment.kind === 'down_payment' ? 'Down payment' : 'Instalment',
      dueDate: formatDate(instalment.due_date, viewer.language),
      amount: money(instalment.amount_cents),
      paid: money(instalment.paid_cents),
      settled: instalment.paid_cents >= instalment.amount_cents,
    })),
  };
}

export function collectionsPage(cases: ReadonlyArray<{ collectionsCase: CollectionsCase; plans: readonly PaymentPlan[] }>, viewer: Viewer) {
  const money = (cents: number, currency: string) => formatAmount(cents, currency, viewer.language);
  return {
    cases: cases
      .filter(({ collectionsCase }) => collectionsCase.status !== 'closed')
      .map(({ collectionsCase, plans }) => ({
        id: collectionsCase.id,
        stage: stageLabel(collectionsCase.stage),
        since: formatInstant(collectionsCase.stage_entered_at, viewer.language, viewer.timeZone),
        balances: collectionsCase.balances.map((balance) => money(balance.balance_cents, balance.currency)).join(', '),
        invoices: collectionsCase.invoices.map((invoice) => ({
          id: invoice.invoice_id,
          number: invoice.invoice_number,
          balance: money(invoice.balance_cents, invoice.currency),
          dueDate: formatDate(invoice.due_date, viewer.language),
          // Counted today on the client's calendar: the case's own days_overdue is the count when the invoice was announced overdue.
          daysOverdue: Math.max(0, daysLate(invoice.due_date, todayIn(viewer.timeZone, viewer.now))),
          disputed: invoice.disputed,
        })),
        plans: plans.map((plan) => paymentPlanView(plan, viewer)),
      })),
  };
}

// ------------------------------------------------------------------------------------ upcoming

export function upcomingPage(contracts: ReadonlyArray<{ title: string; milestones: readonly Milestone[] }>, viewer: Viewer) {
  const today = todayIn(viewer.timeZone, viewer.now);
  const { expected, totals } = upcomingInvoices(contracts, today);
  return {
    today: formatDate(today, viewer.language),
    expected: expected.map(({ milestone, contractTitle, overdue }) => ({
      contractTitle,
      title: milestone.title,
      status: milestoneStatusLabel(milestone.status),
      expectedDate: formatDate(milestone.planned_date, viewer.language),
      overdue,
      amount: formatAmount(milestone.amount_cents, milestone.currency, viewer.language),
    })),
    totals: totals.map(({ currency, amountCents }) => ({ currency: currency.toUpperCase(), amount: formatAmount(amountCents, currency, viewer.language) })),
  };
}
