import type { Role } from '@mb/platform';

/**
 * Who may call every published operation: the declared authorization matrix, written apart from
 * the controllers on purpose, so that a policy changed (or a guard lost) in the code disagrees with
 * it. authorization.e2e-spec.ts walks the OpenAPI documents and checks every operation × caller
 * against the running services; tools/auth/authorization-matrix.spec.ts checks it against each
 * controller's @AccessPolicy and every operation of docs/api/*.openapi.json.
 */
export const AUTHORIZATION_MATRIX: Readonly<Record<string, readonly Role[]>> = {
  // contract-service
  registerClient: ['admin', 'finance', 'project_manager'],
  getClient: ['admin', 'finance', 'project_manager', 'service', 'auditor', 'client'],
  createContract: ['admin', 'project_manager'],
  listContracts: ['admin', 'finance', 'project_manager', 'service', 'auditor', 'client'],
  getContract: ['admin', 'finance', 'project_manager', 'service', 'auditor', 'client'],
  activateContract: ['admin', 'project_manager'],
  terminateContract: ['admin', 'project_manager'],
  // milestone-service
  listContractMilestones: ['admin', 'finance', 'project_manager', 'service', 'auditor', 'client'],
  getMilestone: ['admin', 'finance', 'project_manager', 'service', 'auditor', 'client'],
  moveMilestonePlannedDate: ['admin', 'project_manager'],
  startMilestone: ['admin', 'project_manager', 'service'],
  submitMilestone: ['admin', 'project_manager', 'service'],
  approveMilestone: ['admin', 'client'],
  rejectMilestone: ['admin', 'client'],
  cancelMilestone: ['admin', 'project_manager'],
  placeBillingHold: ['admin', 'finance', 'project_manager'],
  releaseBillingHold: ['admin', 'finance'],
  listBillingHolds: ['admin', 'finance', 'project_manager', 'service', 'auditor'],
  listMilestonePlannedDateChanges: ['admin', 'finance', 'project_manager', 'service', 'auditor'],
  // invoicing-service
  listInvoices: ['admin', 'finance', 'project_manager', 'service', 'auditor', 'client'],
  getInvoice: ['admin', 'finance', 'project_manager', 'service', 'auditor', 'client'],
  getInvoicePdf: ['admin', 'finance', 'project_manager', 'service', 'auditor', 'client'],
  getInvoiceUbl: ['admin', 'finance', 'project_manager', 'service', 'auditor', 'client'],
  getContractFinancialStatus: ['admin', 'finance', 'project_manager', 'service', 'auditor', 'client'],
  recordPayment: ['admin', 'finance', 'service'],
  // notification-service
  createWebhookSubscription: ['admin', 'service', 'client'],
  listWebhookSubscriptions: ['admin', 'service', 'auditor', 'client'],
  reencryptWebhookSecrets: ['admin'],
  rotateWebhookSecret: ['admin', 'service'],
  listDeliveries: ['admin', 'finance', 'project_manager', 'service', 'auditor'],
  // collections-service
  listCases: ['admin', 'finance', 'project_manager', 'service', 'auditor', 'client'],
  getCase: ['admin', 'finance', 'project_manager', 'service', 'auditor', 'client'],
  // every service
  listAuditLog: ['admin', 'auditor'],
};

/** Who knocks: no token at all, or a token with one role. */
export type Knocker = 'anonymous' | Role;

export type Verdict = 'unauthenticated' | 'forbidden' | 'let through';

/** What the matrix says an operation must answer a caller: 401, 403, or anything else (it ran). */
export function expectedVerdict(operationId: string, knocker: Knocker): Verdict {
  const allowed = AUTHORIZATION_MATRIX[operationId];
  if (allowed === undefined) throw new Error(`the authorization matrix does not declare ${operationId}`);
  if (knocker === 'anonymous') return 'unauthenticated';
  return allowed.includes(knocker) ? 'let through' : 'forbidden';
}

/** What an answer's status means for authorization. */
export function verdictOf(status: number): Verdict {
  return status === 401 ? 'unauthenticated' : status === 403 ? 'forbidden' : 'let through';
}

export interface Observation {
  readonly operationId: string;
  readonly knocker: Knocker;
  readonly status: number;
}

/** Every observation that disagrees with the matrix, as a line a person reads; none when all agree. */
export function disagreementsWithMatrix(observations: readonly Observation[]): string[] {
  return observations
    .filter(({ operationId, knocker, status }) => verdictOf(status) !== expectedVerdict(operationId, knocker))
    .map(({ operationId, knocker, status }) => `${operationId} as ${knocker}: answered ${status}, the matrix says ${expectedVerdict(operationId, knocker)}`);
}
