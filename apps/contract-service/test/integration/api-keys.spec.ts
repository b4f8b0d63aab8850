import { createHash } from 'node:crypto';
import { status } from '@grpc/grpc-js';
import { GRPC_APIS } from '@mb/grpc';
import { bootstrapService, BootstrappedService } from '@mb/platform';
import { GrpcTestClient, injectAs, testAdminDatabaseUrl, testAuthEnvironment, testServiceEnvironment, uniqueName } from '@mb/testing';
import { Client } from 'pg';
import { contractServiceDefinition } from '../../src/contract-service.definition';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

// Issue 12 item 1: API keys for system-to-system use. contract-service keeps them (shown once,
// stored as a SHA-256 of the secret, prefixed, revocable, with a last-used time) and checks a
// presented key against its own table; the other services ask it (apps/e2e/src/authorization.e2e-spec.ts).
describe('contract-service: API keys', () => {
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

  async function asSuperuser<T>(work: (client: Client) => Promise<T>): Promise<T> {
    const client = new Client({ connectionString: testAdminDatabaseUrl() });
    await client.connect();
    try {
      return await work(client);
    } finally {
      await client.end();
    }
  }

  const withKey = (key: string, options: Json) => service.app.inject({ ...options, headers: { ...options.headers, authorization: `Bearer ${key}` } });

  async function createKey(payload: Json, headers: Json = {}): Promise<Json> {
    const response = await injectAs(service.app, 'admin', { method: 'POST', url: '/v1/api-keys', payload, headers });
    expect(response.statusCode).toBe(201);
    return response.json();
  }

  async function registerClient(): Promise<string> {
    const response = await injectAs(service.app, 'admin', { method: 'POST', url: '/v1/clients', payload: { name: uniqueName('Acme Corp'), ap_contact_email: 'ap@acme.example' } });
    return response.json().id;
  }

  it('shows a new key once, as mbk_<id>_<secret>, and stores only the SHA-256 of its secret', async () => {
    // when an admin creates a key for the ERP
    const created = await createKey({ name: 'ERP nightly sync', role: 'finance' });
    // then the answer shows the key, prefixed with its id
    expect(created).toMatchObject({ name: 'ERP nightly sync', role: 'finance', client_id: null, created_by: 'local-admin', revoked_at: null, last_used_at: null, expires_at: null });
    expect(created.id).toMatch(/^mbk_[0-9A-HJKMNP-TV-Z]{26}$/);
    expect(created.key).toMatch(new RegExp(`^${created.id}_[A-Za-z0-9_-]{43}$`));
    const secret = (created.key as string).slice(created.id.length + 1);
    // the database holds the secret's hash, and the secret nowhere
    const row = await asSuperuser(async (client) => (await client.query('SELECT secret_sha256, to_jsonb(k)::text AS everything FROM contract.api_keys k WHERE id = $1', [created.id])).rows[0]);
    expect(row.secret_sha256).toBe(createHash('sha256').update(secret).digest('hex'));
    expect(row.everything).not.toContain(secret);
    // and neither the list nor the key's own description shows it again
    const list = await injectAs(service.app, 'auditor', { method: 'GET', url: '/v1/api-keys' });
    expect(list.statusCode).toBe(200);
    const listed = (list.json().data as Json[]).find((key) => key.id === created.id);
    expect(listed).toEqual({ ...created, key: undefined });
    expect(list.body).not.toContain(secret);
    expect(list.body).not.toContain(row.secret_sha256);
  });

  it('never replays the key text under an Idempotency-Key, nor keeps it in the idempotency store', async () => {
    const idempotencyKey = uniqueName('create-key');
    const first = await createKey({ name: 'Replayed', role: 'service' }, { 'idempotency-key': idempotencyKey });
    const replay = await injectAs(service.app, 'admin', { method: 'POST', url: '/v1/api-keys', payload: { name: 'Replayed', role: 'service' }, headers: { 'idempotency-key': idempotencyKey } });
    expect([replay.statusCode, replay.headers['idempotent-replayed']]).toEqual([201, 'true']);
    expect(replay.json()).toEqual({ ...first, key: undefined });
    const stored = await asSuperuser(async (client) => (await client.query('SELECT response::text AS response FROM contract.idempotency_keys WHERE idempotency_key = $1', [idempotencyKey])).rows[0]);
    expect(stored.response).not.toContain(first.key);
  });

  it('lets a key in with its role, over REST and gRPC, as a token with that role would be', async () => {
    const clientId = await registerClient();
    const { key } = await createKey({ name: 'Reporting', role: 'finance' });
    // a finance key reads a client, over REST and gRPC
    expect((await withKey(key, { method: 'GET', url: `/v1/clients/${clientId}` })).statusCode).toBe(200);
    const { client } = await grpc.call('GetClient', { client_id: clientId }, { metadata: { authorization: `Bearer ${key}` } });
    expect(client).toMatchObject({ id: clientId });
    // but may not draft a contract: 403 as for a finance token
    const refused = await withKey(key, { method: 'POST', url: '/v1/contracts', payload: {} });
    expect([refused.statusCode, refused.json().code]).toEqual([403, 'auth.role_not_allowed']);
  });

  it('confines a client-role key to its client: another client is a 404', async () => {
    const own = await registerClient();
    const other = await registerClient();
    const { key } = await createKey({ name: 'Client portal', role: 'client', client_id: own });
    expect((await withKey(key, { method: 'GET', url: `/v1/clients/${own}` })).statusCode).toBe(200);
    const hidden = await withKey(key, { method: 'GET', url: `/v1/clients/${other}` });
    expect([hidden.statusCode, hidden.json().code]).toEqual([404, 'client.not_found']);
  });

  it.each([
    [{ name: 'No client', role: 'client' }, 422, 'api_key.client_required', 'client_id'],
    [{ name: 'Stray client', role: 'finance', client_id: 'cli_01JZ7Q8W5N2X3Y4Z5A6B7C8D9E' }, 422, 'api_key.client_not_allowed', 'client_id'],
    [{ name: 'Nobody', role: 'client', client_id: 'cli_01JZ7Q8W5N2X3Y4Z5A6B7C8D9E' }, 422, 'api_key.unknown_client', 'client_id'],
    [{ name: 'Superuser', role: 'root' }, 400, 'request.invalid', 'role'],
    [{ name: '   ', role: 'finance' }, 422, 'api_key.name_required', 'name'],
  ])('refuses %p with %s %s on %s, and stores nothing', async (payload, statusCode, code, field) => {
    const before = await asSuperuser(async (client) => (await client.query('SELECT count(*)::int AS n FROM contract.api_keys')).rows[0].n);
    const response = await injectAs(service.app, 'admin', { method: 'POST', url: '/v1/api-keys', payload });
    expect(response.statusCode).toBe(statusCode);
    expect(response.json()).toMatchObject({ code, errors: [expect.objectContaining({ field })] });
    expect(await asSuperuser(async (client) => (await client.query('SELECT count(*)::int AS n FROM contract.api_keys')).rows[0].n)).toBe(before);
  });

  it('describes the key a request carries at /v1/api-keys/current, and tells a token it carries none', async () => {
    const created = await createKey({ name: 'Introspected', role: 'service' });
    const current = await withKey(created.key, { method: 'GET', url: '/v1/api-keys/current' });
    expect([current.statusCode, current.json()]).toEqual([200, expect.objectContaining({ id: created.id, role: 'service', client_id: null, revoked_at: null })]);
    const asToken = await injectAs(service.app, 'service', { method: 'GET', url: '/v1/api-keys/current' });
    expect([asToken.statusCode, asToken.json().code]).toEqual([400, 'api_key.not_presented']);
  });

  it('refuses a wrong secret, an unknown id and a malformed key alike (401, saying nothing of which)', async () => {
    const { id, key } = await createKey({ name: 'Guessed', role: 'finance' });
    const wrongSecret = `${id}_${'A'.repeat(43)}`;
    const unknownId = `mbk_01JZ7Q8W5N2X3Y4Z5A6B7C8D9E_${(key as string).slice(id.length + 1)}`;
    for (const presented of [wrongSecret, unknownId, 'mbk_nonsense']) {
      const response = await withKey(presented, { method: 'GET', url: '/v1/api-keys/current' });
      expect([response.statusCode, response.json().code, response.json().detail]).toEqual([401, 'auth.token_invalid', 'the API key is not valid (unknown, revoked or malformed)']);
    }
  });

  it('revokes a key: refused from then on, listed with who revoked it, and revoked once', async () => {
    const created = await createKey({ name: 'Leaked', role: 'finance' });
    expect((await withKey(created.key, { method: 'GET', url: '/v1/api-keys/current' })).statusCode).toBe(200);
    // when an admin revokes it
    const revoked = await injectAs(service.app, 'admin', { method: 'POST', url: `/v1/api-keys/${created.id}/revoke` });
    expect([revoked.statusCode, revoked.json().revoked_by]).toEqual([200, 'local-admin']);
    expect(revoked.json().revoked_at).toEqual(expect.any(String));
    // then the key is refused, over REST and gRPC
    const refused = await withKey(created.key, { method: 'GET', url: '/v1/api-keys/current' });
    expect([refused.statusCode, refused.json().code]).toEqual([401, 'auth.token_invalid']);
    await expect(grpc.call('GetClient', { client_id: 'cli_01JZ7Q8W5N2X3Y4Z5A6B7C8D9E' }, { metadata: { authorization: `Bearer ${created.key}` } })).rejects.toMatchObject({ code: status.UNAUTHENTICATED });
    // a second revocation is refused, and the first one's who and when stay
    const again = await injectAs(service.app, 'admin', { method: 'POST', url: `/v1/api-keys/${created.id}/revoke` });
    expect([again.statusCode, again.json().code]).toEqual([409, 'api_key.already_revoked']);
    const unknown = await injectAs(service.app, 'admin', { method: 'POST', url: '/v1/api-keys/mbk_01JZ7Q8W5N2X3Y4Z5A6B7C8D9E/revoke' });
    expect([unknown.statusCode, unknown.json().code]).toEqual([404, 'api_key.not_found']);
    const listed = (await injectAs(service.app, 'admin', { method: 'GET', url: '/v1/api-keys?include_ended=true' })).json().data.find((key: Json) => key.id === created.id);
    expect(listed).toMatchObject({ revoked_by: 'local-admin', revoked_at: revoked.json().revoked_at });
  });

  it("records the key's creation and revocation in the audit log, with who did it", async () => {
    const created = await createKey({ name: 'Audited', role: 'service' });
    await injectAs(service.app, 'admin', { method: 'POST', url: `/v1/api-keys/${created.id}/revoke` });
    const rows = await asSuperuser(
      async (client) => (await client.query('SELECT command, actor_subject, actor_role, outcome FROM contract.audit_log WHERE target_id = $1 ORDER BY sequence', [created.id])).rows,
    );
    expect(rows).toEqual([
      { command: 'POST /v1/api-keys', actor_subject: 'local-admin', actor_role: 'admin', outcome: 'succeeded' },
      { command: 'POST /v1/api-keys/:id/revoke', actor_subject: 'local-admin', actor_role: 'admin', outcome: 'succeeded' },
    ]);
    // and a command made with a key is recorded under the key's id
    const { id, key } = await createKey({ name: 'Registers clients', role: 'project_manager' });
    const registered = await withKey(key, { method: 'POST', url: '/v1/clients', payload: { name: uniqueName('Keyed Corp'), ap_contact_email: 'ap@keyed.example' } });
    expect(registered.statusCode).toBe(201);
    const [row] = await asSuperuser(async (client) => (await client.query('SELECT actor_subject, actor_role FROM contract.audit_log WHERE target_id = $1', [registered.json().id])).rows);
    expect(row).toEqual({ actor_subject: id, actor_role: 'project_manager' });
  });

  it('records when a key was last used, at most once a minute', async () => {
    const { id, key } = await createKey({ name: 'Busy', role: 'auditor' });
    const lastUsed = async (): Promise<Date | null> =>
      asSuperuser(async (client) => (await client.query('SELECT last_used_at FROM contract.api_keys WHERE id = $1', [id])).rows[0].last_used_at);
    expect(await lastUsed()).toBeNull();
    // the first use is recorded
    expect((await withKey(key, { method: 'GET', url: '/v1/api-keys' })).statusCode).toBe(200);
    const first = await lastUsed();
    expect(first).toEqual(expect.any(Date));
    // uses within the minute after it are not
    service.runtime.clock.travelTo(new Date((first as Date).getTime() + 59_000));
    expect((await withKey(key, { method: 'GET', url: '/v1/api-keys' })).statusCode).toBe(200);
    expect(await lastUsed()).toEqual(first);
    // a use a minute or more after it is
    service.runtime.clock.travelTo(new Date((first as Date).getTime() + 61_000));
    expect((await withKey(key, { method: 'GET', url: '/v1/api-keys/current' })).json().id).toBe(id);
    expect((await lastUsed())?.getTime()).toBeGreaterThanOrEqual((first as Date).getTime() + 61_000);
  });
});
