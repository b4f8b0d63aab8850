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
  proposeChangeOrder: ['admin', 'finance', 'project_manager'],
  listChangeOrders: ['admin', 'finance', 'project_manager', 'service', 'auditor', 'client'],
  getChangeOrder: ['admin', 'finance', 'project_manager', 'service', 'auditor', 'client'],
  approveChangeOrder: ['admin', 'client'],
  rejectChangeOrder: ['admin', 'client'],
  listScheduleVersions: ['admin', 'finance', 'project_manager', 'service', 'auditor', 'client'],
  getScheduleVersion: ['admin', 'finance', 'project_manager', 'service', 'auditor', 'client'],
  createApiKey: ['admin'],
  listApiKeys: ['admin', 'auditor'],
  // every key may ask who it is (how the other services check one); a token is let through to a 400
  getCurrentApiKey: ['admin', 'finance', 'project_manager', 'client', 'service', 'auditor'],
  revokeApiKey: ['admin'],
  // a client portal session ends itself (a token or an admin-made key is let through to a 409)
  endPortalSession: ['client'],
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
  linkWorkItem: ['admin', 'project_manager'],
  listWorkItemLinks: ['admin', 'finance', 'project_manager', 'service', 'auditor', 'client'],
  unlinkWorkItem: ['admin', 'project_manager'],
  // invoicing-service
  listInvoices: ['admin', 'finance', 'project_manager', 'service', 'auditor', 'client'],
  getInvoice: ['admin', 'finance', 'project_manager', 'service', 'auditor', 'client'],
  getInvoicePdf: ['admin', 'finance', 'project_manager', 'service', 'auditor', 'client'],
  getInvoiceUbl: ['admin', 'finance', 'project_manager', 'service', 'auditor', 'client'],
  getContractFinancialStatus: ['admin', 'finance', 'project_manager', 'service', 'auditor', 'client'],
  recordPayment: ['admin', 'finance', 'service'],
  voidInvoice: ['admin', 'finance'],
  markInvoiceUncollectible: ['admin', 'finance'],
  issueCreditNote: ['admin', 'finance'],
  listCreditNotes: ['admin', 'finance', 'project_manager', 'service', 'auditor', 'client'],
  getCreditNote: ['admin', 'finance', 'project_manager', 'service', 'auditor', 'client'],
  getCreditNotePdf: ['admin', 'finance', 'project_manager', 'service', 'auditor', 'client'],
  getCreditNoteUbl: ['admin', 'finance', 'project_manager', 'service', 'auditor', 'client'],
  listPayments: ['admin', 'finance', 'project_manager', 'service', 'auditor', 'client'],
  getPayment: ['admin', 'finance', 'project_manager', 'service', 'auditor', 'client'],
  getClientBalances: ['admin', 'finance', 'project_manager', 'service', 'auditor', 'client'],
  recordRefund: ['admin', 'finance'],
  getArAgingReport: ['admin', 'finance', 'auditor', 'client'],
  getCollectionRatiosReport: ['admin', 'finance', 'auditor'],
  getUnbilledReport: ['admin', 'finance', 'auditor'],
  getCashFlowForecast: ['admin', 'finance', 'auditor'],
  getClientReminderPolicy: ['admin', 'finance', 'auditor'],
  setClientReminderPolicy: ['admin', 'finance'],
  removeClientReminderPolicy: ['admin', 'finance'],
  getContractReminderPolicy: ['admin', 'finance', 'auditor'],
  setContractReminderPolicy: ['admin', 'finance'],
  removeContractReminderPolicy: ['admin', 'finance'],
  // notification-service
  createWebhookSubscription: ['admin', 'service', 'client'],
  listWebhookSubscriptions: ['admin', 'service', 'auditor', 'client'],
  reencryptWebhookSecrets: ['admin'],
  rotateWebhookSecret: ['admin', 'service'],
  pauseWebhookSubscription: ['admin', 'service', 'client'],
  resumeWebhookSubscription: ['admin', 'service', 'client'],
  deleteWebhookSubscription: ['admin', 'service', 'client'],
  replayWebhookDeliveries: ['admin', 'service', 'client'],
  listDeliveries: ['admin', 'finance', 'project_manager', 'service', 'auditor', 'client'],
  listEmailTemplates: ['admin', 'finance', 'project_manager', 'service', 'auditor'],
  previewEmailTemplate: ['admin', 'finance', 'project_manager', 'service', 'auditor'],
  // collections-service
  listCases: ['admin', 'finance', 'project_manager', 'service', 'auditor', 'client'],
  getCase: ['admin', 'finance', 'project_manager', 'service', 'auditor', 'client'],
  openDispute: ['admin', 'finance', 'client'],
  listDisputes: ['admin', 'finance', 'project_manager', 'service', 'auditor', 'client'],
  getDispute: ['admin', 'finance', 'project_manager', 'service', 'auditor', 'client'],
  resolveDispute: ['admin', 'finance'],
  withdrawDispute: ['admin', 'finance', 'client'],
  agreePaymentPlan: ['admin', 'finance'],
  acceptPaymentPlan: ['admin', 'finance', 'client'],
  listPaymentPlansOfCase: ['admin', 'finance', 'project_manager', 'service', 'auditor', 'client'],
  getPaymentPlan: ['admin', 'finance', 'project_manager', 'service', 'auditor', 'client'],
  getPaymentPlanSchedulePdf: ['admin', 'finance', 'project_manager', 'service', 'auditor', 'client'],
  recordPromiseToPay: ['admin', 'finance', 'client'],
  decideCase: ['admin', 'finance'],
  getDunningLadder: ['admin', 'finance', 'project_manager', 'service', 'auditor'],
  putDunningLadder: ['admin', 'finance'],
  getClientDunningLadder: ['admin', 'finance', 'project_manager', 'service', 'auditor'],
  putClientDunningLadder: ['admin', 'finance'],
  deleteClientDunningLadder: ['admin', 'finance'],
  handOffCase: ['admin', 'finance'],
  getCaseFile: ['admin', 'finance'],
  recordAgencyRecovery: ['admin', 'finance'],
  listAgencyRecoveries: ['admin', 'finance', 'auditor'],
  writeOffCase: ['admin', 'finance'],
  // every service
  listAuditLog: ['admin', 'auditor'],
};

/**
 * Operations no role may call: another system calls them and proves itself by signing the body
 * (inbound webhooks, @SignatureAuthenticated), each with the header it signs in. Every caller of the
 * walk, with or without a token, sends no signature, so each must answer 401 (inbound.signature_missing).
 * tools/auth/authorization-matrix.spec.ts checks this list against the controllers and the documents.
 */
export const SIGNATURE_AUTHENTICATED_OPERATIONS: Readonly<Record<string, string>> = {
  // milestone-service
  receiveGitHubWebhook: 'X-Hub-Signature-256',
  receiveJiraWebhook: 'X-Hub-Signature',
};

/**
 * Operations anyone may call without a credential (their controller's @AccessPolicy says ANYONE),
 * each with why it must be open: they come before a person holds any credential. Every caller of
 * the walk, with a token or without, is let through (the empty body is refused with a 400).
 * tools/auth/authorization-matrix.spec.ts checks this list against the controllers and the documents.
 */
export const OPEN_OPERATIONS: Readonly<Record<string, string>> = {
  // contract-service
  requestPortalSignInLink: 'a client contact asks for a sign-in link by email: they hold no credential yet',
  openPortalSession: "the emailed link's token is the credential, checked by the operation itself",
};

/** Whether an operation is open to anyone, no credential asked for. */
export function isOpenOperation(operationId: string): boolean {
  return OPEN_OPERATIONS[operationId] !== undefined;
}

/** Whether an operation is authenticated by its signature rather than by a token and a role. */
export function isSignatureAuthenticatedOperation(operationId: string): boolean {
  return SIGNATURE_AUTHENTICATED_OPERATIONS[operationId] !== undefined;
}

/**
 * Every gRPC method (`<Service>/<Rpc>`, as the protos name it) and the REST operation whose use case
 * it serves, so whose roles it has: gRPC controllers take their policy from that operation
 * (@AccessPolicyFrom). tools/auth/authorization-matrix.spec.ts checks this against the protos and
 * the controllers; authorization.e2e-spec.ts calls every method as every caller.
 */
export const GRPC_OPERATIONS: Readonly<Record<string, string>> = {
  'ContractService/CreateClient': 'registerClient',
  'ContractService/GetClient': 'getClient',
  'ContractService/CreateContract': 'createContract',
  'ContractService/GetContract': 'getContract',
  'ContractService/ListContracts': 'listContracts',
  'ContractService/ActivateContract': 'activateContract',
  'ContractService/TerminateContract': 'terminateContract',
  'MilestoneService/ListMilestones': 'listContractMilestones',
  'MilestoneService/GetMilestone': 'getMilestone',
  'MilestoneService/StartMilestone': 'startMilestone',
  'MilestoneService/SubmitMilestone': 'submitMilestone',
  'MilestoneService/ApproveMilestone': 'approveMilestone',
  'MilestoneService/RejectMilestone': 'rejectMilestone',
  'MilestoneService/CancelMilestone': 'cancelMilestone',
  'MilestoneService/PlaceBillingHold': 'placeBillingHold',
  'MilestoneService/ReleaseBillingHold': 'releaseBillingHold',
  'MilestoneService/MovePlannedDate': 'moveMilestonePlannedDate',
  'MilestoneService/ListPlannedDateChanges': 'listMilestonePlannedDateChanges',
  'InvoicingService/ListInvoices': 'listInvoices',
  'InvoicingService/GetInvoice': 'getInvoice',
  'InvoicingService/GetFinancialStatus': 'getContractFinancialStatus',
  'InvoicingService/RecordPayment': 'recordPayment',
  'InvoicingService/IssueCreditNote': 'issueCreditNote',
  'InvoicingService/VoidInvoice': 'voidInvoice',
  'InvoicingService/MarkInvoiceUncollectible': 'markInvoiceUncollectible',
  'InvoicingService/GetCreditNote': 'getCreditNote',
  'InvoicingService/ListCreditNotes': 'listCreditNotes',
  'NotificationService/ListDeliveries': 'listDeliveries',
  'NotificationService/ListWebhookSubscriptions': 'listWebhookSubscriptions',
  'CollectionsService/ListCases': 'listCases',
  'CollectionsService/GetCase': 'getCase',
};

/** The roles an operation allows: a REST operationId, or a gRPC method through the operation it serves. */
export function rolesOf(operation: string): readonly Role[] {
  const allowed = AUTHORIZATION_MATRIX[operation] ?? AUTHORIZATION_MATRIX[GRPC_OPERATIONS[operation] ?? ''];
  if (allowed === undefined) throw new Error(`the authorization matrix does not declare ${operation}`);
  return allowed;
}

/** Who knocks: no token at all, or a token with one role. */
export type Knocker = 'anonymous' | Role;

export type Verdict = 'unauthenticated' | 'forbidden' | 'let through';

/** What the matrix says an operation must answer a caller: 401, 403, or anything else (it ran). */
export function expectedVerdict(operationId: string, knocker: Knocker): Verdict {
  // No token makes up for a missing signature.
  if (isSignatureAuthenticatedOperation(operationId)) return 'unauthenticated';
  if (isOpenOperation(operationId)) return 'let through';
  const allowed = rolesOf(operationId);
  if (knocker === 'anonymous') return 'unauthenticated';
  return allowed.includes(knocker) ? 'let through' : 'forbidden';
}

/** What an answer's status means for authorization. */
export function verdictOf(status: number): Verdict {
  return status === 401 ? 'unauthenticated' : status === 403 ? 'forbidden' : 'let through';
}

// grpc-js status codes: 0 OK, 3 INVALID_ARGUMENT, 5 NOT_FOUND, 7 PERMISSION_DENIED, 9 FAILED_PRECONDITION, 16 UNAUTHENTICATED.
const HTTP_STATUS_OF_GRPC: Readonly<Record<number, number>> = { 0: 200, 3: 400, 5: 404, 7: 403, 9: 409, 16: 401 };

/** A gRPC status as the HTTP status of the same meaning, for observations (UNAUTHENTICATED 401, PERMISSION_DENIED 403). */
export function httpStatusOfGrpc(code: number): number {
  return HTTP_STATUS_OF_GRPC[code] ?? 500;
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
