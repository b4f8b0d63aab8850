/** The states as a client reads them: what happens next, not the system's state names. */
const MILESTONE_STATUS: Readonly<Record<string, string>> = {
  planned: 'Planned',
  in_progress: 'In progress',
  submitted: 'Awaiting your approval',
  approved: 'Approved',
  rejected: 'Rejected, being reworked',
  triggered_for_disbursement: 'Approved, being invoiced',
  invoiced: 'Invoiced',
  paid: 'Paid',
  cancelled: 'Cancelled',
};

const INVOICE_STATUS: Readonly<Record<string, string>> = {
  draft: 'Draft',
  open: 'Open',
  paid: 'Paid',
  credited: 'Credited',
  void: 'Void',
  uncollectible: 'Written off',
  discarded: 'Discarded',
};

const PAYMENT_PLAN_STATUS: Readonly<Record<string, string>> = {
  proposed: 'Proposed to you',
  agreed: 'Agreed',
  completed: 'Completed',
  broken: 'Broken',
};

const PAYMENT_METHOD: Readonly<Record<string, string>> = {
  bank_transfer: 'Bank transfer',
};

/** A dunning stage is configurable data (`friendly_reminder`): shown as words when unknown. */
function words(value: string): string {
  const spaced = value.replace(/_/g, ' ');
  return spaced.charAt(0).toUpperCase() + spaced.slice(1);
}

export const milestoneStatusLabel = (status: string): string => MILESTONE_STATUS[status] ?? words(status);
export const invoiceStatusLabel = (status: string): string => INVOICE_STATUS[status] ?? words(status);
export const paymentPlanStatusLabel = (status: string): string => PAYMENT_PLAN_STATUS[status] ?? words(status);
export const stageLabel = (stage: string): string => words(stage);
export const paymentMethodLabel = (method: string): string => PAYMENT_METHOD[method] ?? words(method);
