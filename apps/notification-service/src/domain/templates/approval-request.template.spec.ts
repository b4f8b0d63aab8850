import { loadEmailRenderer } from '../../infrastructure/templates/template-files.loader';
import { approvalLinks, type ApprovalRequest, approvalRequestTemplate, portalApprovalsUrlOf } from './approval-request.template';

// The renderer the service builds at start-up, from the real template files.
const renderer = loadEmailRenderer();

const approvalRequestEmail = (request: ApprovalRequest) => renderer.render(approvalRequestTemplate, 'en', request);

describe('approval request email', () => {
  const request: ApprovalRequest = {
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
    portalApprovalsUrl: null,
  };

  it('says what was delivered, where to see it, by when to answer and how', () => {
    const email = approvalRequestEmail(request);
    expect(email.subject).toBe('Approval requested: Customer portal rebuild, milestone 2 "Midway UI Prototype Sign-off" (answer by 2026-05-24)');
    expect(email.text).toContain('Acceptance criteria: Clickable prototype of the 12 agreed screens deployed to staging');
    expect(email.text).toContain('Evidence:            https://staging.acme.example/prototype');
    expect(email.text).toContain('Amount:              7,500.00 USD');
    expect(email.text).toContain('is deemed accepted and invoiced');
    expect(email.text).toContain('To approve: POST https://billing.agency.example/v1/milestones/ms_01JNQ8W3Y1A3C5E7G9J1K3M5P7/approve');
    expect(email.text).toContain('To reject:  POST https://billing.agency.example/v1/milestones/ms_01JNQ8W3Y1A3C5E7G9J1K3M5P7/reject');
  });

  it('sends the approver to the client portal where one is served, in English and German, the API calls still named', () => {
    const withPortal = { ...request, portalApprovalsUrl: portalApprovalsUrlOf(new URL('https://portal.agency.example/billing')) };
    expect(withPortal.portalApprovalsUrl).toBe('https://portal.agency.example/billing/approvals');
    const english = approvalRequestEmail(withPortal);
    expect(english.text).toContain('Approve or reject it in your client portal: https://portal.agency.example/billing/approvals');
    expect(english.html).toContain('href="https://portal.agency.example/billing/approvals"');
    expect(english.text).toContain('To approve: POST https://billing.agency.example/v1/milestones/');
    const german = renderer.render(approvalRequestTemplate, 'de', withPortal);
    expect(german.text).toContain('in Ihrem Kundenportal ab oder lehnen Sie ihn ab: https://portal.agency.example/billing/approvals');
    expect(approvalRequestEmail(request).text).not.toContain('client portal');
    expect(portalApprovalsUrlOf(undefined)).toBeNull();
  });

  it('words the reminders as reminders, and says the last day is today on the last day', () => {
    expect(approvalRequestEmail({ ...request, kind: 'half_window_reminder' }).subject).toMatch(/^Reminder: approval requested/);
    expect(approvalRequestEmail({ ...request, kind: 'last_day_reminder' }).text).toContain('today is the last day to answer');
  });

  it('promises no deemed acceptance the contract does not give, and no deadline without a window', () => {
    expect(approvalRequestEmail({ ...request, deemedAcceptance: false }).text).toContain('after that the supplier will follow up with you');
    const noWindow = approvalRequestEmail({ ...request, lastDayToAnswer: null });
    expect(noWindow.text).not.toContain('Answer by');
    expect(noWindow.text).toContain('The contract sets no approval window');
  });
});
