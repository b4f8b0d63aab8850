import { defineEmailTemplate } from './email-template';

export type ApprovalRequestKind = 'request' | 'half_window_reminder' | 'last_day_reminder';

export interface ApprovalRequest {
  readonly kind: ApprovalRequestKind;
  readonly clientName: string | null;
  readonly contractTitle: string;
  readonly milestoneIndex: number;
  readonly milestoneTitle: string;
  readonly acceptanceCriteria: string;
  readonly evidenceUrl: string;
  readonly currency: string;
  readonly amountCents: number;
  /** The last calendar day to answer on, in the client's time zone; null when the contract gives no window. */
  readonly lastDayToAnswer: string | null;
  readonly deemedAcceptance: boolean;
  /** Where the approver approves or rejects: see approvalLinks. */
  readonly approveUrl: string;
  readonly rejectUrl: string;
  /** The client portal's page of milestones awaiting approval, where one is served (PORTAL_PUBLIC_URL); null: the API calls only. */
  readonly portalApprovalsUrl: string | null;
}

/** A page of the client portal (`approvals`, `collections`) under its public URL, a path it has kept; null without a portal. */
export function portalPageUrlOf(portalUrl: URL | undefined, page: string): string | null {
  return portalUrl === undefined ? null : new URL(page, portalUrl.href.endsWith('/') ? portalUrl.href : `${portalUrl.href}/`).href;
}

/** The client portal's "Awaiting approval" page under its public URL; null without a portal. */
export function portalApprovalsUrlOf(portalUrl: URL | undefined): string | null {
  return portalPageUrlOf(portalUrl, 'approvals');
}

/** The API calls that answer a milestone's approval request, under the configured base URL. */
export function approvalLinks(baseUrl: string, milestoneId: string): { approveUrl: string; rejectUrl: string } {
  const milestone = `${baseUrl.replace(/\/+$/, '')}/v1/milestones/${encodeURIComponent(milestoneId)}`;
  return { approveUrl: `${milestone}/approve`, rejectUrl: `${milestone}/reject` };
}

/**
 * Issue 9 "Approval windows": the email asking the client's approver to approve or reject a
 * delivered milestone, and its two reminders (kind). It says what was delivered and against which
 * criteria, where to see it, by when to answer and what silence means under the contract.
 */
export const approvalRequestTemplate = defineEmailTemplate<ApprovalRequest>({
  name: 'approval-request',
  description: "A delivered milestone waits for approval, or a reminder of it (half the window gone, last day): what, where, by when, how to answer. To the client's approver.",
  sample: {
    kind: 'request',
    clientName: 'Acme Corp',
    contractTitle: 'Customer portal rebuild',
    milestoneIndex: 2,
    milestoneTitle: 'Midway UI Prototype Sign-off',
    acceptanceCriteria: 'Clickable prototype of the 12 agreed screens deployed to staging',
    evidenceUrl: 'https://staging.acme.example/prototype',
    currency: 'usd',
    amountCents: 750_000,
    lastDayToAnswer: '2026-05-24',
    deemedAcceptance: true,
    ...approvalLinks('https://billing.agency.example/', 'ms_01JNQ8W3Y1A3C5E7G9J1K3M5P7'),
    portalApprovalsUrl: 'https://portal.agency.example/approvals',
  },
});
