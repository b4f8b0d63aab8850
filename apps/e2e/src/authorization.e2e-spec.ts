import { ChildProcess } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { addDays } from '@mb/kernel';
import { BillingApiClient, LOCAL_SERVICES, repositoryRoot, type ServiceKey, startServiceProcess, stopProcess, waitFor, waitForReadiness } from '@mb/devstack';
import { ROLES } from '@mb/platform';
import { GRPC_APIS, type GrpcApiName } from '@mb/grpc';
import { e2ePort, GrpcCallError, GrpcTestClient, type TestCaller, testAuthEnvironment, testServiceEnvironment, testServiceLogFile, testToken, uniqueName } from '@mb/testing';
import {
  AUTHORIZATION_MATRIX,
  disagreementsWithMatrix,
  expectedVerdict,
  GRPC_OPERATIONS,
  httpStatusOfGrpc,
  isSignatureAuthenticatedOperation,
  type Knocker,
  type Observation,
  verdictOf,
} from './authorization-matrix';

// Issue 12, items 1 and 2, done when "the generated authorization test passes for every operation ×
// role": the five services from their build, every operation of docs/api/*.openapi.json and every
// gRPC method of the protos called with no token and with each role's, each answer checked against
// the declared matrix (401 without a token, 403 outside the matrix, let through inside it), then
// every operation a client may call tried on another client's resource (404, as if it did not
// exist; lists come back empty), and an API key used with every service, then revoked.

// Apart from the local stack, the foundation test (4101–4115), the journey (4201–4230) and the
// billing holds (4301–4315); MB_E2E_PORT_OFFSET moves them all.
const FIRST_PORT = e2ePort(4401);
const FIRST_GRPC_PORT = e2ePort(4411);
const NO_SMTP_PORT = e2ePort(4425); // nothing listens: emails are retried, never sent

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

interface PublishedOperation {
  readonly service: ServiceKey;
  readonly operationId: string;
  readonly method: string;
  readonly path: string;
  readonly requiredQuery: string[];
}

/** Every operation of the published documents: the list the walk is generated from. */
function publishedOperations(): PublishedOperation[] {
  const dir = join(repositoryRoot(), 'docs', 'api');
  return readdirSync(dir)
    .filter((file) => file.endsWith('.openapi.json'))
    .flatMap((file) => {
      const service = file.replace('-service.openapi.json', '') as ServiceKey;
      const document = JSON.parse(readFileSync(join(dir, file), 'utf8')) as Json;
      return Object.entries(document.paths as Record<string, Record<string, Json>>).flatMap(([path, item]) =>
        Object.entries(item).map(([method, operation]) => ({
          service,
          operationId: operation.operationId as string,
          method: method.toUpperCase(),
          path,
          requiredQuery: ((operation.parameters ?? []) as Json[]).filter((parameter) => parameter.in === 'query' && parameter.required).map((parameter) => parameter.name as string),
        })),
      );
    });
}

type ResourceKind =
  | 'client'
  | 'contract'
  | 'change_order'
  | 'milestone'
  | 'invoice'
  | 'credit_note'
  | 'payment'
  | 'case'
  | 'payment_plan'
  | 'webhook_subscription'
  | 'api_key'
  | 'template'
  | 'dispute'
  | 'work_item_link';

/** The kind of resource a path's id names, from where it stands in the path. */
function kindOf(path: string): ResourceKind {
  const collection = /^\/v1\/([a-z-]+)\/\{/.exec(path)?.[1];
  const kinds: Record<string, ResourceKind> = {
    clients: 'client',
    contracts: 'contract',
    'change-orders': 'change_order',
    milestones: 'milestone',
    invoices: 'invoice',
    'credit-notes': 'credit_note',
    payments: 'payment',
    cases: 'case',
    'payment-plans': 'payment_plan',
    'webhook-subscriptions': 'webhook_subscription',
    'api-keys': 'api_key',
    templates: 'template',
    disputes: 'dispute',
    'work-item-links': 'work_item_link',
  };
  const kind = collection === undefined ? undefined : kinds[collection];
  if (kind === undefined) throw new Error(`no resource kind known for ${path}: teach kindOf`);
  return kind;
}

const QUERY_KINDS: Record<string, 'client' | 'contract' | 'invoice' | 'event'> = { client_id: 'client', contract_id: 'contract', invoice_id: 'invoice', event_id: 'event' };
const PREFIX = { client: 'cli', contract: 'con', change_order: 'chg', milestone: 'ms', invoice: 'inv', credit_note: 'cn', payment: 'pay', case: 'case', payment_plan: 'plan', webhook_subscription: 'whs', api_key: 'mbk', template: 'tpl', event: 'evt', dispute: 'dsp', work_item_link: 'wil' } as const;

/** The operation's URL naming the given resources (or, without them, ids that name nothing). */
function urlOf(operation: PublishedOperation, ids: Partial<Record<keyof typeof PREFIX, string>>): string {
  const path = operation.path
    .replace(/\{[^}]+\}/, () => ids[kindOf(operation.path)] ?? `${PREFIX[kindOf(operation.path)]}_01NOSUCHRESOURCE0000000000`)
    // a resource's numbered child: its first (a contract's schedule version 1)
    .replace('{version}', '1');
  const query = operation.requiredQuery.map((name) => `${name}=${ids[QUERY_KINDS[name]] ?? `${PREFIX[QUERY_KINDS[name]]}_01NOSUCHRESOURCE0000000000`}`);
  return query.length ? `${path}?${query.join('&')}` : path;
}

/**
 * Bodies that would pass validation for each command a client may send on a resource, so that client B's 404 comes from
 * the resource being invisible to it, not from a body the endpoint would refuse anyway.
 */
const VALID_CLIENT_COMMAND_BODIES: Record<string, Json | undefined> = {
  rejectMilestone: { reason: 'Not ours to reject' },
  rejectChangeOrder: { reason: 'Not ours to reject' },
  openDispute: { reason: 'Not ours to dispute' },
  withdrawDispute: { note: 'Not ours to withdraw' },
  acceptPaymentPlan: {},
  recordPromiseToPay: { promised_date: '2099-01-31', amount_cents: 100, currency: 'usd' },
  replayWebhookDeliveries: { from: '2026-01-01T00:00:00Z', to: '2026-01-02T00:00:00Z' },
};

const children: ChildProcess[] = [];
let api: BillingApiClient;

beforeAll(async () => {
  const auth = await testAuthEnvironment();
  const urls: Record<string, string> = {};
  LOCAL_SERVICES.forEach((service, index) => {
    urls[service.name.replace('-service', '')] = `http://127.0.0.1:${FIRST_PORT + index}`;
    children.push(
      startServiceProcess({
        serviceName: service.name,
        logFile: testServiceLogFile(service.name),
        env: {
          HTTP_PORT: String(FIRST_PORT + index),
          GRPC_PORT: String(FIRST_GRPC_PORT + index),
          ...testServiceEnvironment(service.name),
          ...auth,
          LOG_LEVEL: 'warn',
          CLOCK_CONTROL: 'enabled',
          // API keys are checked at contract-service (the first service), each answer reused a second.
          API_KEY_SERVICE_URL: `http://127.0.0.1:${FIRST_PORT}`,
          API_KEY_CACHE_SECONDS: '1',
          SMTP_URL: `smtp://127.0.0.1:${NO_SMTP_PORT}`,
        },
      }),
    );
  });
  api = new BillingApiClient(urls as unknown as ConstructorParameters<typeof BillingApiClient>[0]);
  await Promise.all(LOCAL_SERVICES.map((service, index) => waitForReadiness(`http://127.0.0.1:${FIRST_PORT + index}`, children[index], 120_000)));
});

afterAll(async () => {
  await Promise.all(children.map((child) => stopProcess(child, 20_000)));
});

describe('authorization, generated from the OpenAPI documents', () => {
  const operations = publishedOperations();
  const knockers: Knocker[] = ['anonymous', ...ROLES];

  it(`answers every operation × caller as the matrix declares (${Object.keys(AUTHORIZATION_MATRIX).length} operations × ${knockers.length} callers)`, async () => {
    const observations: Observation[] = [];
    for (const operation of operations) {
      for (const knocker of knockers) {
        // A client token for a client that owns nothing; ids that name nothing, and no body, so that a
        // call let through changes nothing (404, or 400 for the missing body).
        const caller = knocker === 'anonymous' ? api : api.as(await testToken(knocker === 'client' ? { role: 'client', clientId: 'cli_01NOBODY000000000000000000' } : knocker));
        const answer = await caller.request<Json>(operation.service, operation.method, urlOf(operation, {}), operation.method === 'GET' ? undefined : {});
        observations.push({ operationId: operation.operationId, knocker, status: answer.status });
        const verdict = expectedVerdict(operation.operationId, knocker);
        if (verdict !== 'let through') {
          // a refusal is a problem naming why; a 401 carries the Bearer challenge (RFC 6750); an inbound webhook wants its signature, token or not
          expect(answer.contentType).toContain('application/problem+json');
          const refusal = isSignatureAuthenticatedOperation(operation.operationId) ? 'inbound.signature_missing' : verdict === 'unauthenticated' ? 'auth.token_missing' : 'auth.role_not_allowed';
          expect({ operation: operation.operationId, knocker, code: (answer.body as Json).code }).toEqual({ operation: operation.operationId, knocker, code: refusal });
        }
      }
    }
    expect(observations).toHaveLength(operations.length * knockers.length);
    expect(disagreementsWithMatrix(observations)).toEqual([]);
  });

  it(`answers every gRPC method × caller as the matrix declares (${Object.keys(GRPC_OPERATIONS).length} methods × ${knockers.length} callers)`, async () => {
    const observations: Observation[] = [];
    for (const [index, service] of LOCAL_SERVICES.entries()) {
      const grpcApi = GRPC_APIS[service.name.replace('-service', '') as GrpcApiName];
      for (const knocker of knockers) {
        // as over REST: a client token for a client that owns nothing, and empty requests, so that a call let through changes nothing
        const caller: TestCaller | null = knocker === 'anonymous' ? null : knocker === 'client' ? { role: 'client', clientId: 'cli_01NOBODY000000000000000000' } : knocker;
        const client = GrpcTestClient.connect(grpcApi, `127.0.0.1:${FIRST_GRPC_PORT + index}`, caller);
        try {
          for (const method of Object.keys(GRPC_OPERATIONS).filter((name) => name.startsWith(`${grpcApi.serviceName}/`))) {
            let code = 0;
            try {
              await client.call(method.split('/')[1], {});
            } catch (error) {
              if (!(error instanceof GrpcCallError)) throw error;
              code = error.code;
              if (verdictOf(httpStatusOfGrpc(code)) !== 'let through') {
                expect({ method, knocker, code: error.errorCode }).toEqual({ method, knocker, code: knocker === 'anonymous' ? 'auth.token_missing' : 'auth.role_not_allowed' });
              }
            }
            observations.push({ operationId: method, knocker, status: httpStatusOfGrpc(code) });
          }
        } finally {
          client.close();
        }
      }
    }
    expect(observations).toHaveLength(Object.keys(GRPC_OPERATIONS).length * knockers.length);
    expect(disagreementsWithMatrix(observations)).toEqual([]);
  });

  it("answers 401 with a Bearer challenge and refuses an expired token; leaves health and metrics open; keeps the test clock an admin's", async () => {
    const response = await fetch(`${api.urls.contract}/v1/contracts?client_id=cli_01X`);
    expect([response.status, response.headers.get('www-authenticate')]).toEqual([401, 'Bearer realm="milestone-billing"']);
    await response.arrayBuffer();
    const expired = await api.as(await testToken({ role: 'admin', expiresInSeconds: -600 })).request<Json>('contract', 'GET', '/v1/contracts?client_id=cli_01X');
    expect([expired.status, expired.body.code, expired.body.detail]).toEqual([401, 'auth.token_invalid', 'the access token has expired']);
    // health and metrics stay open, for the orchestrator and Prometheus
    expect((await api.request('contract', 'GET', '/health/live')).status).toBe(200);
    expect((await api.request('contract', 'GET', '/metrics')).status).toBe(200);
    // the test clock is an admin's
    expect((await api.as(await testToken('finance')).request('contract', 'PUT', '/v1/test-clock', { now: new Date().toISOString() })).status).toBe(403);
  });

  describe("another client's resources", () => {
    // Client A owns a contract, its milestones, an invoice, a credit note on it, (once the invoice is overdue) a case, and a payment.
    const ids: Partial<Record<keyof typeof PREFIX, string>> = {};

    beforeAll(async () => {
      const asAdmin = api.as(await testToken('admin'));
      const client = await asAdmin.expect<Json>(201, 'contract', 'POST', '/v1/clients', { name: uniqueName('Client A'), ap_contact_email: 'ap@client-a.example' });
      ids.client = client.id;
      const contract = await asAdmin.expect<Json>(201, 'contract', 'POST', '/v1/contracts', {
        client_id: client.id,
        title: 'Client A portal',
        currency: 'usd',
        total_value_cents: 1_000_000,
        net_days: 1,
        milestones: [
          { title: 'Deposit', acceptance_criteria: 'Contract signed', amount_bps: 2500, billing_trigger: 'on_signing' },
          { title: 'Launch', acceptance_criteria: 'Site live', amount_bps: 7500, billing_trigger: 'on_approval', approval_window_days: 5 },
        ],
      });
      ids.contract = contract.id;
      await asAdmin.expect(200, 'contract', 'POST', `/v1/contracts/${contract.id}/activate`);
      // a change order the client has yet to answer
      const changeOrder = await asAdmin.expect<Json>(201, 'contract', 'POST', `/v1/contracts/${contract.id}/change-orders`, { reason: 'Longer payment terms', changes: { net_days: 30 } });
      ids.change_order = changeOrder.id;
      const [deposit] = await waitFor(
        async () => (await asAdmin.expect<{ data: Json[] }>(200, 'invoicing', 'GET', `/v1/invoices?contract_id=${contract.id}`)).data.filter((invoice) => invoice.status === 'open'),
        (open) => open.length === 1,
        "client A's deposit invoice issued",
      );
      ids.invoice = deposit.id;
      ids.milestone = deposit.milestone_id;
      // the deposit falls overdue, and collections opens a case for client A
      await asAdmin.travelTo(new Date(`${addDays(deposit.due_date, 2)}T12:00:00Z`));
      const [openCase] = await waitFor(
        async () => (await asAdmin.expect<{ data: Json[] }>(200, 'collections', 'GET', `/v1/cases?client_id=${client.id}`)).data,
        (cases) => cases.length === 1,
        "client A's collections case",
      );
      ids.case = openCase.id;
      const creditNote = await asAdmin.expect<Json>(
        201,
        'invoicing',
        'POST',
        '/v1/credit-notes',
        { invoice_id: deposit.id, reason: 'Goodwill', amount_cents: 100 },
        { 'idempotency-key': uniqueName('credit-note') },
      );
      ids.credit_note = creditNote.id;
      // and client A pays part of it (the case stays open)
      const payment = await asAdmin.expect<Json>(201, 'invoicing', 'POST', '/v1/payments', { invoice_id: deposit.id, amount_cents: 100, currency: 'usd' }, { 'idempotency-key': uniqueName('payment') });
      ids.payment = payment.id;
      // and client A disputes a part of it (once collections has heard of the invoice)
      const asClientA = api.as(await testToken({ role: 'client', clientId: client.id }));
      const dispute = await waitFor(
        () => asClientA.request<Json>('collections', 'POST', `/v1/invoices/${deposit.id}/disputes`, { amount_cents: 100, reason: 'One line is not ours' }, { 'idempotency-key': uniqueName('dispute') }),
        (response) => response.status === 201,
        "client A's dispute",
      );
      ids.dispute = (dispute.body as Json).id;
      // and finance agrees a payment plan for what is left
      const plan = await asAdmin.expect<Json>(
        201,
        'collections',
        'POST',
        `/v1/cases/${openCase.id}/payment-plans`,
        { currency: 'usd', instalments: { dates: [addDays(deposit.due_date, 10), addDays(deposit.due_date, 20)] } },
        { 'idempotency-key': uniqueName('payment-plan') },
      );
      ids.payment_plan = plan.id;
    });

    it('are 404 to client B wherever a client may look, as if they did not exist; its lists come back empty', async () => {
      const clientA = api.as(await testToken({ role: 'client', clientId: ids.client as string }));
      const clientB = api.as(await testToken({ role: 'client', clientId: 'cli_01CLIENTB00000000000000000' }));
      const checked: string[] = [];
      // (what an API key is, is asked with the key itself, and a portal session ends itself: nothing of client A's to see there)
      const clientOperations = operations.filter(
        (candidate) => (AUTHORIZATION_MATRIX[candidate.operationId] ?? []).includes('client') && !['getCurrentApiKey', 'endPortalSession'].includes(candidate.operationId),
      );
      for (const operation of clientOperations) {
        const url = urlOf(operation, ids);
        if (operation.method === 'GET') {
          const own = await clientA.request<Json>(operation.service, 'GET', url);
          const other = await clientB.request<Json>(operation.service, 'GET', url);
          expect({ operation: operation.operationId, own: own.status }).toEqual({ operation: operation.operationId, own: 200 });
          if (!Array.isArray((own.body as Json).data)) {
            expect({ operation: operation.operationId, other: other.status, code: (other.body as Json).code }).toEqual({
              operation: operation.operationId,
              other: 404,
              code: expect.stringMatching(/\.not_found$/),
            });
          } else if (other.status === 404) {
            // a list below a resource of client A's (a contract's change orders) is 404 as the resource itself is
            expect({ operation: operation.operationId, code: (other.body as Json).code }).toEqual({ operation: operation.operationId, code: expect.stringMatching(/\.not_found$/) });
          } else {
            // a list (by another client's id, another client's contract, or of all subscriptions) shows none of client A's
            expect({ operation: operation.operationId, other: other.status, data: (other.body as Json).data }).toEqual({ operation: operation.operationId, other: 200, data: [] });
          }
          checked.push(operation.operationId);
        } else if (/\{/.test(operation.path)) {
          // a command on client A's milestone: client B is told it does not exist, and nothing changes
          const body = VALID_CLIENT_COMMAND_BODIES[operation.operationId];
          const other = await clientB.request<Json>(operation.service, operation.method, url, body, { 'idempotency-key': uniqueName('client-b') });
          expect({ operation: operation.operationId, other: other.status }).toEqual({ operation: operation.operationId, other: 404 });
          checked.push(operation.operationId);
        }
      }
      // every operation a client may call on a resource or list was tried (creating a subscription names none, nor does signing out of the portal)
      expect(checked.sort()).toEqual(
        Object.entries(AUTHORIZATION_MATRIX)
          .filter(([operationId, roles]) => roles.includes('client') && !['createWebhookSubscription', 'getCurrentApiKey', 'endPortalSession'].includes(operationId))
          .map(([operationId]) => operationId)
          .sort(),
      );
      // and client A's milestone is as it was
      expect((await clientA.expect<Json>(200, 'milestone', 'GET', `/v1/milestones/${ids.milestone}`)).status).not.toBe('rejected');
    });
  });

  describe('API keys', () => {
    // Issue 12 item 1: a key created at contract-service is accepted by all five services as the
    // Caller its role makes, and refused by all of them once revoked (within API_KEY_CACHE_SECONDS).
    const SERVICES: ServiceKey[] = ['contract', 'milestone', 'invoicing', 'notification', 'collections'];

    /** A read of each service a finance caller may make, and one it may not (its audit log). */
    function financeReads(): { service: ServiceKey; allowed: string; forbidden: string }[] {
      return SERVICES.map((service) => {
        const allowed = operations.find(
          (operation) => operation.service === service && operation.method === 'GET' && operation.operationId !== 'listAuditLog' && AUTHORIZATION_MATRIX[operation.operationId].includes('finance'),
        );
        if (allowed === undefined) throw new Error(`${service} publishes no read a finance caller may make`);
        return { service, allowed: urlOf(allowed, {}), forbidden: '/v1/audit-log' };
      });
    }

    it('are accepted by every service with their role, and refused by every service once revoked', async () => {
      const asAdmin = api.as(await testToken('admin'));
      const created = await asAdmin.expect<Json>(201, 'contract', 'POST', '/v1/api-keys', { name: 'ERP reporting', role: 'finance' });
      const asKey = api.as(created.key as string);
      // every service lets the key read what finance may read (ids that name nothing: 200 or 404), and refuses what finance may not
      for (const { service, allowed, forbidden } of financeReads()) {
        expect({ service, verdict: verdictOf((await asKey.request(service, 'GET', allowed)).status) }).toEqual({ service, verdict: 'let through' });
        const refused = await asKey.request<Json>(service, 'GET', forbidden);
        expect({ service, status: refused.status, code: refused.body.code }).toEqual({ service, status: 403, code: 'auth.role_not_allowed' });
      }
      // when an admin revokes it
      await asAdmin.expect(200, 'contract', 'POST', `/v1/api-keys/${created.id}/revoke`);
      // then every service refuses it, within the cache period (1 s here)
      for (const { service, allowed } of financeReads()) {
        const refused = await waitFor(() => asKey.request<Json>(service, 'GET', allowed), (answer) => answer.status === 401, `${service} refusing the revoked key`, 10_000);
        expect({ service, code: refused.body.code }).toEqual({ service, code: 'auth.token_invalid' });
      }
      // and contract-service recorded when it was last used
      const listed = (await asAdmin.expect<{ data: Json[] }>(200, 'contract', 'GET', '/v1/api-keys?include_ended=true')).data.find((key) => key.id === created.id);
      expect(listed).toMatchObject({ revoked_by: 'local-admin', last_used_at: expect.any(String) });
    });
  });
});
