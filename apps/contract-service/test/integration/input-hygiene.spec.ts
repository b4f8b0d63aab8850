import { status } from '@grpc/grpc-js';
import { GRPC_APIS } from '@mb/grpc';
import { bootstrapService, BootstrappedService } from '@mb/platform';
import { GrpcTestClient, injectAs, testAuthEnvironment, testServiceEnvironment, uniqueName } from '@mb/testing';
import { contractServiceDefinition } from '../../src/contract-service.definition';
import { referenceMilestones } from './contract-test-kit';

// Input limits and hygiene (issue 12 item 9), held through contract-service's REST and gRPC edges:
// each refusal is a 400 (INVALID_ARGUMENT over gRPC) naming the field and the rule, and changes
// nothing. The rules themselves live in libs/platform's validation pipe and the DTOs.
describe('contract-service: input limits and hygiene', () => {
  let service: BootstrappedService<unknown>;
  let grpc: GrpcTestClient;

  beforeAll(async () => {
    service = await bootstrapService(contractServiceDefinition, {
      ...testServiceEnvironment('contract-service'),
      ...(await testAuthEnvironment()),
      LOG_LEVEL: 'warn',
    });
    grpc = GrpcTestClient.connect(GRPC_APIS.contract, service.grpcAddress);
  });

  afterAll(async () => {
    grpc?.close();
    await service?.close();
  });

  const post = (url: string, payload: object) => injectAs(service.app, 'admin', { method: 'POST', url, payload });
  const clientsNamed = async (name: string): Promise<number> =>
    (await service.runtime.dataSource.query<{ n: number }[]>('SELECT count(*)::int AS n FROM contract.clients WHERE name LIKE $1', [`${name}%`]))[0].n;

  it.each([
    ['a NUL', '\u0000'],
    ['an escape', '\u001b[31m'],
    ['a C1 control', '\u0085'],
  ])('refuses %s in any string field with 400 naming the field and rule, and stores nothing', async (_what, control) => {
    const name = uniqueName('Acme');
    const response = await post('/v1/clients', { name: `${name}${control}`, ap_contact_email: 'ap@acme.example' });
    expect(response.statusCode).toBe(400);
    expect(response.headers['content-type']).toContain('application/problem+json');
    expect(response.json()).toMatchObject({ code: 'request.invalid', errors: [{ field: 'name', rule: 'noControlCharacters' }] });
    expect(await clientsNamed(name)).toBe(0);
  });

  it('refuses a control character nested deep in a body, or in a query, naming where it is', async () => {
    const client = (await post('/v1/clients', { name: uniqueName('Acme'), ap_contact_email: 'ap@acme.example' })).json();
    const milestones = referenceMilestones();
    milestones[1] = { ...milestones[1], deliverables: ['Prototype', 'Notes\u0000'] };
    const nested = await post('/v1/contracts', { client_id: client.id, title: 'Portal', currency: 'usd', total_value_cents: 3_000_000, net_days: 30, milestones });
    expect(nested.statusCode).toBe(400);
    expect(nested.json().errors).toEqual([expect.objectContaining({ field: 'milestones.1.deliverables.1', rule: 'noControlCharacters' })]);
    const query = await injectAs(service.app, 'admin', { method: 'GET', url: '/v1/contracts?client_id=cli_%00x' });
    expect(query.statusCode).toBe(400);
    expect(query.json().errors).toEqual([expect.objectContaining({ field: 'client_id', rule: 'noControlCharacters' })]);
  });

  it('keeps line breaks and tabs, which free text may hold', async () => {
    const name = uniqueName('Acme');
    const response = await post('/v1/clients', { name: `${name}\tLtd`, ap_contact_email: 'ap@acme.example' });
    expect(response.statusCode).toBe(201);
  });

  it('refuses over gRPC too: INVALID_ARGUMENT naming the rule', async () => {
    const name = uniqueName('Acme');
    const refusal = await grpc.refusal('CreateClient', { name: `${name}\u0000`, ap_contact_email: 'ap@acme.example' });
    expect(refusal.code).toBe(status.INVALID_ARGUMENT);
    expect(refusal.errorCode).toBe('request.invalid');
    expect(await clientsNamed(name)).toBe(0);
  });

  it('refuses an email address the event schema would refuse (a non-ASCII local part) with a 400, not a 500', async () => {
    const name = uniqueName('Acme');
    const response = await post('/v1/clients', { name, ap_contact_email: 'zoë@acme.example' });
    expect(response.statusCode).toBe(400);
    expect(response.json()).toMatchObject({ code: 'request.invalid', errors: [expect.objectContaining({ field: 'ap_contact_email', rule: 'isEmailAddress' })] });
    expect(await clientsNamed(name)).toBe(0);
  });

  it('refuses strings past their maximum and amounts past 10^15 minor units', async () => {
    const client = (await post('/v1/clients', { name: uniqueName('Acme'), ap_contact_email: 'ap@acme.example' })).json();
    const contract = { client_id: client.id, title: 'Portal', currency: 'usd', total_value_cents: 3_000_000, net_days: 30, milestones: referenceMilestones() };
    const tooLong = await post('/v1/contracts', { ...contract, purchase_order_ref: 'P'.repeat(101) });
    expect(tooLong.statusCode).toBe(400);
    expect(tooLong.json().errors).toEqual([expect.objectContaining({ field: 'purchase_order_ref', rule: 'maxLength' })]);
    const tooMuch = await post('/v1/contracts', { ...contract, total_value_cents: 1_000_000_000_000_001 });
    expect(tooMuch.statusCode).toBe(400);
    expect(tooMuch.json().errors).toEqual([expect.objectContaining({ field: 'total_value_cents', rule: 'max' })]);
  });
});
