import { bootstrapService, BootstrappedService } from '@mb/platform';
import { injectAs, testAdminDatabaseUrl, testAuthEnvironment, testServiceEnvironment, uniqueName } from '@mb/testing';
import { Client } from 'pg';
import { contractServiceDefinition } from '../../src/contract-service.definition';

// Idempotency-Key on POST, as every service has it (libs/platform), held here through
// contract-service's client creation: a retried request must not create a second client.
describe('Idempotency-Key on POST', () => {
  let service: BootstrappedService<unknown>;

  beforeAll(async () => {
    service = await bootstrapService(contractServiceDefinition, {
      ...testServiceEnvironment('contract-service'),
      ...(await testAuthEnvironment()),
      LOG_LEVEL: 'warn',
    });
  });

  afterAll(async () => {
    await service?.close();
  });

  const createClient = (key: string | undefined, name: string) =>
    injectAs(service.app, 'admin', {
      method: 'POST',
      url: '/v1/clients',
      headers: key === undefined ? {} : { 'idempotency-key': key },
      payload: { name, ap_contact_email: 'ap@acme.example' },
    });
  const clientsNamed = async (name: string): Promise<number> => {
    const admin = new Client({ connectionString: testAdminDatabaseUrl() });
    await admin.connect();
    try {
      return (await admin.query('SELECT count(*)::int AS n FROM contract.clients WHERE name = $1', [name])).rows[0].n;
    } finally {
      await admin.end();
    }
  };

  it('answers a retried request with the first answer and creates one client', async () => {
    // given a request sent with a key
    const key = uniqueName('key');
    const name = uniqueName('Acme');
    const first = await createClient(key, name);
    // when it is sent again with the same key and body
    const retry = await createClient(key, name);
    // then the answer is the same, and only one client exists
    expect(first.statusCode).toBe(201);
    expect(retry.statusCode).toBe(201);
    expect(retry.json()).toEqual(first.json());
    await expect(clientsNamed(name)).resolves.toBe(1);
  });

  it('refuses the same key with another body, naming the header and the rule', async () => {
    const key = uniqueName('key');
    await createClient(key, uniqueName('Acme'));
    const other = uniqueName('Other');
    const reused = await createClient(key, other);
    expect(reused.statusCode).toBe(422);
    expect(reused.headers['content-type']).toContain('application/problem+json');
    expect(reused.json()).toMatchObject({ code: 'idempotency_key.reused', errors: [{ field: 'Idempotency-Key', rule: 'same_body' }] });
    await expect(clientsNamed(other)).resolves.toBe(0);
  });

  it('lets a corrected request reuse the key of one that was refused', async () => {
    // given a refused request (invalid email) under a key
    const key = uniqueName('key');
    const refused = await injectAs(service.app, 'admin', { method: 'POST', url: '/v1/clients', headers: { 'idempotency-key': key }, payload: { name: 'Acme', ap_contact_email: 'not-an-email' } });
    expect(refused.statusCode).toBe(400);
    // when the corrected request is sent with the same key, then it runs: the refusal changed
    // nothing and released its key
    const name = uniqueName('Acme');
    const corrected = await createClient(key, name);
    expect(corrected.statusCode).toBe(201);
    await expect(clientsNamed(name)).resolves.toBe(1);
  });

  it('treats requests without a key as they are', async () => {
    const name = uniqueName('Acme');
    await createClient(undefined, name);
    await createClient(undefined, name);
    await expect(clientsNamed(name)).resolves.toBe(2);
  });
});
