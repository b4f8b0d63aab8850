import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DECORATORS } from '@nestjs/swagger';
import { allowedRolesOf, AuditLogController, ROLES } from '@mb/platform';
import { AUTHORIZATION_MATRIX, disagreementsWithMatrix, type Knocker, type Observation } from '../../apps/e2e/src/authorization-matrix';
import { CasesController } from '../../apps/collections-service/src/api/http/cases.controller';
import { ClientsController } from '../../apps/contract-service/src/api/http/clients.controller';
import { ContractsController } from '../../apps/contract-service/src/api/http/contracts.controller';
import { CreditNotesController } from '../../apps/invoicing-service/src/api/http/credit-notes.controller';
import { InvoiceCorrectionsController } from '../../apps/invoicing-service/src/api/http/invoice-corrections.controller';
import { InvoicesController } from '../../apps/invoicing-service/src/api/http/invoices.controller';
import { PaymentsController } from '../../apps/invoicing-service/src/api/http/payments.controller';
import { MilestonesController } from '../../apps/milestone-service/src/api/http/milestones.controller';
import { DeliveriesController } from '../../apps/notification-service/src/api/http/deliveries.controller';
import { WebhookSubscriptionsController } from '../../apps/notification-service/src/api/http/webhook-subscriptions.controller';

// The declared authorization matrix against the code and the published documents. The end-to-end
// walk (apps/e2e/src/authorization.e2e-spec.ts) checks the running services against it; this
// keeps it whole and equal to what the controllers declare, and shows that a guard let loose fails.

const CONTROLLERS = [
  ClientsController,
  ContractsController,
  MilestonesController,
  InvoicesController,
  PaymentsController,
  InvoiceCorrectionsController,
  CreditNotesController,
  DeliveriesController,
  WebhookSubscriptionsController,
  CasesController,
  // Mounted by the platform in every service.
  AuditLogController,
];
const KNOCKERS: Knocker[] = ['anonymous', ...ROLES];

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
    expect(Object.keys(AUTHORIZATION_MATRIX).sort()).toEqual(publishedOperationIds().sort());
  });

  it("is what each controller's @AccessPolicy declares, operation by operation", () => {
    const declared = declaredPolicies();
    for (const [operationId, roles] of Object.entries(AUTHORIZATION_MATRIX)) {
      expect({ operationId, roles: [...(declared[operationId] ?? [])].sort() }).toEqual({ operationId, roles: [...roles].sort() });
    }
  });

  describe('checked against what services answer', () => {
    // A stand-in for the running services: the guard as built (401 without a token, 403 outside
    // the matrix, the operation's own answer otherwise), with one operation's guard removable.
    const answer = (unguarded?: string) => (operationId: string, knocker: Knocker): number => {
      if (operationId === unguarded) return 200;
      if (knocker === 'anonymous') return 401;
      return AUTHORIZATION_MATRIX[operationId].includes(knocker) ? 404 : 403;
    };
    const walk = (respond: (operationId: string, knocker: Knocker) => number): Observation[] =>
      Object.keys(AUTHORIZATION_MATRIX).flatMap((operationId) => KNOCKERS.map((knocker) => ({ operationId, knocker, status: respond(operationId, knocker) })));

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

    it('fails when a guard lets a role in that the matrix leaves out, or shuts one out it names', () => {
      const loose = walk((operationId, knocker) => (operationId === 'approveMilestone' && knocker === 'project_manager' ? 409 : answer()(operationId, knocker)));
      expect(disagreementsWithMatrix(loose)).toEqual(['approveMilestone as project_manager: answered 409, the matrix says forbidden']);
      const strict = walk((operationId, knocker) => (operationId === 'getInvoice' && knocker === 'client' ? 403 : answer()(operationId, knocker)));
      expect(disagreementsWithMatrix(strict)).toEqual(['getInvoice as client: answered 403, the matrix says let through']);
    });
  });
});
