import 'reflect-metadata';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { GUARDS_METADATA } from '@nestjs/common/constants';
import { PATTERN_METADATA } from '@nestjs/microservices/constants';
import { DECORATORS } from '@nestjs/swagger';
import { loadSync } from '@grpc/proto-loader';
import { GRPC_APIS, GRPC_LOADER_OPTIONS, protoPathOf } from '@mb/grpc';
import { AccessGuard, allowedRolesOf, AuditLogController, IDEMPOTENCY_POLICY, isOpenToAnyone, isSignatureAuthenticated, operationIdOf, ROLES } from '@mb/platform';
import {
  AUTHORIZATION_MATRIX,
  disagreementsWithMatrix,
  GRPC_OPERATIONS,
  type Knocker,
  type Observation,
  OPEN_OPERATIONS,
  SIGNATURE_AUTHENTICATED_OPERATIONS,
} from '../../apps/e2e/src/authorization-matrix';
import { CasesGrpcController } from '../../apps/collections-service/src/api/grpc/cases.grpc-controller';
import { ClientsGrpcController } from '../../apps/contract-service/src/api/grpc/clients.grpc-controller';
import { ContractsGrpcController } from '../../apps/contract-service/src/api/grpc/contracts.grpc-controller';
import { InvoicesGrpcController } from '../../apps/invoicing-service/src/api/grpc/invoices.grpc-controller';
import { PaymentsGrpcController } from '../../apps/invoicing-service/src/api/grpc/payments.grpc-controller';
import { CreditNotesGrpcController } from '../../apps/invoicing-service/src/api/grpc/credit-notes.grpc-controller';
import { InvoiceCorrectionsGrpcController } from '../../apps/invoicing-service/src/api/grpc/invoice-corrections.grpc-controller';
import { MilestonesGrpcController } from '../../apps/milestone-service/src/api/grpc/milestones.grpc-controller';
import { NotificationsGrpcController } from '../../apps/notification-service/src/api/grpc/notifications.grpc-controller';
import { ApiKeysController } from '../../apps/contract-service/src/api/http/api-keys.controller';
import { PortalSignInController } from '../../apps/contract-service/src/api/http/portal-sign-in.controller';
import { CasesController } from '../../apps/collections-service/src/api/http/cases.controller';
import { DisputesController } from '../../apps/collections-service/src/api/http/disputes.controller';
import { PaymentPlansController } from '../../apps/collections-service/src/api/http/payment-plans.controller';
import { DunningLadderController } from '../../apps/collections-service/src/api/http/dunning-ladder.controller';
import { CaseAgencyController } from '../../apps/collections-service/src/api/http/case-agency.controller';
import { ClientsController } from '../../apps/contract-service/src/api/http/clients.controller';
import { ContractsController } from '../../apps/contract-service/src/api/http/contracts.controller';
import { ChangeOrdersController } from '../../apps/contract-service/src/api/http/change-orders.controller';
import { CreditNotesController } from '../../apps/invoicing-service/src/api/http/credit-notes.controller';
import { InvoiceCorrectionsController } from '../../apps/invoicing-service/src/api/http/invoice-corrections.controller';
import { InvoicesController } from '../../apps/invoicing-service/src/api/http/invoices.controller';
import { PaymentsController } from '../../apps/invoicing-service/src/api/http/payments.controller';
import { ReceivablesReportsController } from '../../apps/invoicing-service/src/api/http/receivables-reports.controller';
import { ReminderPoliciesController } from '../../apps/invoicing-service/src/api/http/reminder-policies.controller';
import { MilestonesController } from '../../apps/milestone-service/src/api/http/milestones.controller';
import { WorkItemLinksController } from '../../apps/milestone-service/src/api/http/work-item-links.controller';
import { GitHubWebhooksController, JiraWebhooksController } from '../../apps/milestone-service/src/api/http/inbound-webhooks.controller';
import { DeliveriesController } from '../../apps/notification-service/src/api/http/deliveries.controller';
import { WebhookSubscriptionsController } from '../../apps/notification-service/src/api/http/webhook-subscriptions.controller';
import { TemplatesController } from '../../apps/notification-service/src/api/http/templates.controller';

// The declared authorization matrix against the code and the published documents. The end-to-end
// walk (apps/e2e/src/authorization.e2e-spec.ts) checks the running services against it; this
// keeps it whole and equal to what the controllers declare, and shows that a guard let loose fails.

const CONTROLLERS = [
  ClientsController,
  ContractsController,
  ChangeOrdersController,
  ApiKeysController,
  PortalSignInController,
  MilestonesController,
  WorkItemLinksController,
  InvoicesController,
  PaymentsController,
  InvoiceCorrectionsController,
  CreditNotesController,
  ReceivablesReportsController,
  ReminderPoliciesController,
  DeliveriesController,
  WebhookSubscriptionsController,
  TemplatesController,
  CasesController,
  DisputesController,
  PaymentPlansController,
  DunningLadderController,
  CaseAgencyController,
  // Mounted by the platform in every service.
  AuditLogController,
];
/** Controllers other systems call with a signed body instead of a token (@SignatureAuthenticated). */
const SIGNATURE_AUTHENTICATED_CONTROLLERS = [GitHubWebhooksController, JiraWebhooksController];
const GRPC_CONTROLLERS = [
  ClientsGrpcController,
  ContractsGrpcController,
  MilestonesGrpcController,
  InvoicesGrpcController,
  PaymentsGrpcController,
  CreditNotesGrpcController,
  InvoiceCorrectionsGrpcController,
  NotificationsGrpcController,
  CasesGrpcController,
];
const KNOCKERS: Knocker[] = ['anonymous', ...ROLES];

interface GrpcHandler {
  readonly operationId: string | undefined;
  readonly roles: readonly string[] | undefined;
  readonly guarded: boolean;
  readonly idempotency: unknown;
}

/** `<Service>/<Rpc>` → what its @GrpcMethod handler declares. */
function declaredGrpcHandlers(): Record<string, GrpcHandler> {
  const declared: Record<string, GrpcHandler> = {};
  for (const controller of GRPC_CONTROLLERS) {
    const guarded = ((Reflect.getMetadata(GUARDS_METADATA, controller) ?? []) as unknown[]).includes(AccessGuard);
    for (const name of Object.getOwnPropertyNames(controller.prototype)) {
      const handler = (controller.prototype as unknown as Record<string, unknown>)[name];
      if (typeof handler !== 'function') continue;
      for (const pattern of (Reflect.getMetadata(PATTERN_METADATA, handler) ?? []) as { service?: string; rpc?: string }[]) {
        declared[`${pattern.service}/${pattern.rpc}`] = {
          operationId: operationIdOf(controller, name),
          roles: allowedRolesOf(controller, name),
          guarded,
          idempotency: Reflect.getMetadata(IDEMPOTENCY_POLICY, handler),
        };
      }
    }
  }
  return declared;
}

/** Every method of every published proto, as `<Service>/<Rpc>`. */
function publishedRpcs(): string[] {
  return Object.values(GRPC_APIS).flatMap((api) => {
    const service = loadSync(protoPathOf(api), GRPC_LOADER_OPTIONS)[`${api.packageName}.${api.serviceName}`] as Record<string, unknown>;
    return Object.keys(service).map((rpc) => `${api.serviceName}/${rpc}`);
  });
}

/** The REST handler of an operation, for its Idempotency-Key policy. */
function restIdempotencyPolicyOf(operationId: string): unknown {
  for (const controller of CONTROLLERS) {
    for (const name of Object.getOwnPropertyNames(controller.prototype)) {
      const handler = (controller.prototype as unknown as Record<string, unknown>)[name];
      if (typeof handler !== 'function') continue;
      if ((Reflect.getMetadata(DECORATORS.API_OPERATION, handler) as { operationId?: string } | undefined)?.operationId === operationId) {
        return Reflect.getMetadata(IDEMPOTENCY_POLICY, handler);
      }
    }
  }
  throw new Error(`no REST controller declares ${operationId}`);
}

/** The operationIds a controller's @AccessPolicy declares open to anyone (ANYONE). */
function declaredOpenOperations(): string[] {
  return CONTROLLERS.flatMap((controller) =>
    Object.getOwnPropertyNames(controller.prototype).flatMap((name) => {
      const handler = (controller.prototype as unknown as Record<string, unknown>)[name];
      const operation = typeof handler === 'function' ? (Reflect.getMetadata(DECORATORS.API_OPERATION, handler) as { operationId?: string } | undefined) : undefined;
      return operation?.operationId && isOpenToAnyone(controller, name) ? [operation.operationId] : [];
    }),
  );
}

/** operationId → the roles its controller's @AccessPolicy allows. */
function declaredPolicies(): Record<string, readonly string[] | undefined> {
  const declared: Record<string, readonly string[] | undefined> = {};
  for (const controller of CONTROLLERS) {
    for (const name of Object.getOwnPropertyNames(controller.prototype)) {
      const handler = (controller.prototype as unknown as Record<string, unknown>)[name];
      const operation = typeof handler === 'function' ? (Reflect.getMetadata(DECORATORS.API_OPERATION, handler) as { operationId?: string } | undefined) : undefined;
      if (operation?.operationId) declared[operation.operationId] = allowedRolesOf(controller, name);
    }
  }
  return declared;
}

/** Each operation once: the platform's own (the audit log) is published by all five services. */
function publishedOperationIds(): string[] {
  const dir = join(__dirname, '..', '..', 'docs', 'api');
  const ids = readdirSync(dir)
    .filter((file) => file.endsWith('.openapi.json'))
    .flatMap((file) => {
      const document = JSON.parse(readFileSync(join(dir, file), 'utf8')) as { paths: Record<string, Record<string, { operationId: string }>> };
      return Object.values(document.paths).flatMap((item) => Object.values(item).map((operation) => operation.operationId));
    });
  return [...new Set(ids)];
}

describe('the authorization matrix', () => {
  it('declares every published operation, and nothing else', () => {
    expect([...Object.keys(AUTHORIZATION_MATRIX), ...Object.keys(SIGNATURE_AUTHENTICATED_OPERATIONS), ...Object.keys(OPEN_OPERATIONS)].sort()).toEqual(publishedOperationIds().sort());
  });

  it('lists apart exactly the operations the controllers declare open to anyone, which take no role and no gRPC method', () => {
    expect(declaredOpenOperations().sort()).toEqual(Object.keys(OPEN_OPERATIONS).sort());
    for (const operationId of Object.keys(OPEN_OPERATIONS)) {
      expect({ operationId, inRoleMatrix: AUTHORIZATION_MATRIX[operationId] !== undefined, servedOverGrpc: Object.values(GRPC_OPERATIONS).includes(operationId) }).toEqual({
        operationId,
        inRoleMatrix: false,
        servedOverGrpc: false,
      });
    }
  });

  it('lists apart exactly the operations of @SignatureAuthenticated controllers, which declare no roles', () => {
    const signed = SIGNATURE_AUTHENTICATED_CONTROLLERS.flatMap((controller) => {
      expect({ controller: controller.name, signatureAuthenticated: isSignatureAuthenticated(controller) }).toEqual({ controller: controller.name, signatureAuthenticated: true });
      return Object.getOwnPropertyNames(controller.prototype).flatMap((name) => {
        const handler = (controller.prototype as unknown as Record<string, unknown>)[name];
        const operation = typeof handler === 'function' ? (Reflect.getMetadata(DECORATORS.API_OPERATION, handler) as { operationId?: string } | undefined) : undefined;
        if (!operation?.operationId) return [];
        expect({ operation: operation.operationId, roles: allowedRolesOf(controller, name) }).toEqual({ operation: operation.operationId, roles: undefined });
        return [operation.operationId];
      });
    });
    expect(signed.sort()).toEqual(Object.keys(SIGNATURE_AUTHENTICATED_OPERATIONS).sort());
    // and no controller with roles is let through by its signature
    for (const controller of CONTROLLERS) expect({ controller: controller.name, signatureAuthenticated: isSignatureAuthenticated(controller) }).toEqual({ controller: controller.name, signatureAuthenticated: false });
  });

  it("is what each controller's @AccessPolicy declares, operation by operation", () => {
    const declared = declaredPolicies();
    for (const [operationId, roles] of Object.entries(AUTHORIZATION_MATRIX)) {
      expect({ operationId, roles: [...(declared[operationId] ?? [])].sort() }).toEqual({ operationId, roles: [...roles].sort() });
    }
  });

  describe('over gRPC', () => {
    it('maps every method of every published proto to a declared operation, and nothing else', () => {
      expect(Object.keys(GRPC_OPERATIONS).sort()).toEqual(publishedRpcs().sort());
      for (const [rpc, operationId] of Object.entries(GRPC_OPERATIONS)) expect({ rpc, declared: AUTHORIZATION_MATRIX[operationId] !== undefined }).toEqual({ rpc, declared: true });
    });

    it("guards every method with AccessGuard, with the roles of the REST operation it serves, as the matrix declares", () => {
      const handlers = declaredGrpcHandlers();
      expect(Object.keys(handlers).sort()).toEqual(Object.keys(GRPC_OPERATIONS).sort());
      for (const [rpc, operationId] of Object.entries(GRPC_OPERATIONS)) {
        const handler = handlers[rpc];
        expect({ rpc, operationId: handler.operationId, guarded: handler.guarded, roles: [...(handler.roles ?? [])].sort() }).toEqual({
          rpc,
          operationId,
          guarded: true,
          roles: [...AUTHORIZATION_MATRIX[operationId]].sort(),
        });
      }
    });

    it('gives every method the Idempotency-Key policy of its REST operation (required where REST requires it)', () => {
      const handlers = declaredGrpcHandlers();
      for (const [rpc, operationId] of Object.entries(GRPC_OPERATIONS)) {
        expect({ rpc, idempotency: handlers[rpc].idempotency }).toEqual({ rpc, idempotency: restIdempotencyPolicyOf(operationId) });
      }
      expect(handlers['InvoicingService/RecordPayment'].idempotency).toEqual({ required: true, neverStored: [] });
    });
  });

  describe('checked against what services answer', () => {
    // A stand-in for the running services: the guard as built (401 without a token, 403 outside
    // the matrix, the operation's own answer otherwise), with one operation's guard removable.
    const answer = (unguarded?: string) => (operationId: string, knocker: Knocker): number => {
      if (operationId === unguarded) return 200;
      // an open operation runs for anyone: an empty body is a 400
      if (OPEN_OPERATIONS[operationId] !== undefined) return 400;
      if (knocker === 'anonymous') return 401;
      return (AUTHORIZATION_MATRIX[operationId] ?? AUTHORIZATION_MATRIX[GRPC_OPERATIONS[operationId]]).includes(knocker) ? 404 : 403;
    };
    const walk = (respond: (operationId: string, knocker: Knocker) => number): Observation[] =>
      [...Object.keys(AUTHORIZATION_MATRIX), ...Object.keys(OPEN_OPERATIONS), ...Object.keys(GRPC_OPERATIONS)].flatMap((operationId) =>
        KNOCKERS.map((knocker) => ({ operationId, knocker, status: respond(operationId, knocker) })),
      );

    it('finds nothing to say of services that guard every operation', () => {
      expect(disagreementsWithMatrix(walk(answer()))).toEqual([]);
    });

    it('fails when one guard is removed: the unguarded operation answers the anonymous caller and every role outside the matrix', () => {
      // given recordPayment without its guard
      const findings = disagreementsWithMatrix(walk(answer('recordPayment')));
      // then the walk names the anonymous call and each role that may not record a payment
      expect(findings).toEqual([
        'recordPayment as anonymous: answered 200, the matrix says unauthenticated',
        'recordPayment as project_manager: answered 200, the matrix says forbidden',
        'recordPayment as client: answered 200, the matrix says forbidden',
        'recordPayment as auditor: answered 200, the matrix says forbidden',
      ]);
    });

    it('fails when an operation declared open asks for a credential after all', () => {
      const closed = walk((operationId, knocker) => (operationId === 'requestPortalSignInLink' && knocker === 'anonymous' ? 401 : answer()(operationId, knocker)));
      expect(disagreementsWithMatrix(closed)).toEqual(['requestPortalSignInLink as anonymous: answered 401, the matrix says let through']);
    });

    it('fails when one gRPC method loses its guard', () => {
      const findings = disagreementsWithMatrix(walk(answer('InvoicingService/RecordPayment')));
      expect(findings).toEqual([
        'InvoicingService/RecordPayment as anonymous: answered 200, the matrix says unauthenticated',
        'InvoicingService/RecordPayment as project_manager: answered 200, the matrix says forbidden',
        'InvoicingService/RecordPayment as client: answered 200, the matrix says forbidden',
        'InvoicingService/RecordPayment as auditor: answered 200, the matrix says forbidden',
      ]);
    });

    it('fails when a guard lets a role in that the matrix leaves out, or shuts one out it names', () => {
      const loose = walk((operationId, knocker) => (operationId === 'approveMilestone' && knocker === 'project_manager' ? 409 : answer()(operationId, knocker)));
      expect(disagreementsWithMatrix(loose)).toEqual(['approveMilestone as project_manager: answered 409, the matrix says forbidden']);
      const strict = walk((operationId, knocker) => (operationId === 'getInvoice' && knocker === 'client' ? 403 : answer()(operationId, knocker)));
      expect(disagreementsWithMatrix(strict)).toEqual(['getInvoice as client: answered 403, the matrix says let through']);
    });
  });
});
