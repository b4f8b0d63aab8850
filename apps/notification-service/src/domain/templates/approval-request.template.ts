import { formatMoney } from '@mb/money';
import type { EmailContent } from '../delivery/delivery';

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
}

/** The API calls that answer a milestone's approval request, under the configured base URL. */
export function approvalLinks(baseUrl: string, milestoneId: string): { approveUrl: string; rejectUrl: string } {
  const milestone = `${baseUrl.replace(/\/+$/, '')}/v1/milestones/${encodeURIComponent(milestoneId)}`;
  return { approveUrl: `${milestone}/approve`, rejectUrl: `${milestone}/reject` };
}

const OPENING: Record<ApprovalRequestKind, string> = {
  request: 'has been delivered and is waiting for your approval',
  half_window_reminder: 'is still waiting for your approval: half of the approval window has passed',
  last_day_reminder: 'is still waiting for your approval: today is the last day to answer',
};

/**
 * Issue 9 "Approval windows": the email asking the client's approver to approve or reject a
 * delivered milestone, and its two reminders. It says what was delivered and against which
 * criteria, where to see it, by when to answer and what silence means under the contract.
 */
export function approvalRequestEmail(request: ApprovalRequest): EmailContent {
  const amount = formatMoney(request.amountCents, request.currency);
  const deadline = request.lastDayToAnswer === null ? null : `the end of ${request.lastDayToAnswer}`;
  const silence =
    deadline === null
      ? 'The contract sets no approval window: the milestone waits for your answer.'
      : request.deemedAcceptance
        ? `Under the contract, a milestone not answered by ${deadline} is deemed accepted and invoiced.`
        : `Please answer by ${deadline}; after that the supplier will follow up with you.`;
  const lines = [
    `Dear ${request.clientName ?? 'project team'},`,
    '',
    `Milestone ${request.milestoneIndex}. "${request.milestoneTitle}" of the project "${request.contractTitle}" ${OPENING[request.kind]}.`,
    '',
    `Acceptance criteria: ${request.acceptanceCriteria}`,
    `Evidence:            ${request.evidenceUrl}`,
    `Amount:              ${amount} (before any tax and retainage under the contract)`,
    ...(deadline === null ? [] : [`Answer by:           ${deadline}`]),
    '',
    silence,
    '',
    `To approve: POST ${request.approveUrl}`,
    `To reject:  POST ${request.rejectUrl} with the reason, {"reason": "..."}`,
  ];
  const prefix = request.kind === 'request' ? 'Approval requested' : 'Reminder: approval requested';
  return {
    subject: `${prefix}: ${request.contractTitle}, milestone ${request.milestoneIndex} "${request.milestoneTitle}"${deadline === null ? '' : ` (answer by ${request.lastDayToAnswer})`}`,
    text: lines.join('\n'),
  };
}
