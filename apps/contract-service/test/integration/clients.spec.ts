import { status } from '@grpc/grpc-js';
import { GRPC_APIS } from '@mb/grpc';
import { bootstrapService, BootstrappedService, readConfig } from '@mb/platform';
import { GrpcTestClient, injectAs, testAuthEnvironment, testServiceEnvironment, uniqueName } from '@mb/testing';
import { contractServiceConfigSchema } from '../../src/config';
import { contractServiceDefinition } from '../../src/contract-service.definition';
import { eventually, referenceMilestones, TopicReader, testKafka } from './contract-test-kit';

// Issue 9: a client's IANA time zone ("Business dates in the client's time zone"), from the
// registration or else the service's DEFAULT_CLIENT_TIME_ZONE, and its approver ("Approval windows"),
// travel on the contract events.
describe("contract-service: clients' time zones and approvers", () => {
  let service: BootstrappedService<unknown>;
  let grpc: GrpcTestClient;
  let reader: TopicReader;

  beforeAll(async () => {
    service = await bootstrapService(contractServiceDefinition, {
      ...testServiceEnvironment('contract-service'),
      ...(await testAuthEnvironment()),
      DEFAULT_CLIENT_TIME_ZONE: 'Europe/Paris',
      LOG_LEVEL: 'warn',
    });
    grpc = GrpcTestClient.connect(GRPC_APIS.contract, service.grpcAddress);
    reader = await TopicReader.start(testKafka(), ['contract.created', 'contract.activated']);
  });

  afterAll(async () => {
    grpc?.close();
    await reader?.close();
    await service?.close();
  });

  async function post(url: string, payload?: object) {
    return injectAs(service.app, 'admin', { method: 'POST', url, ...(payload ? { payload } : {}) });
  }

  async function clientsNamed(name: string): Promise<number> {
    const rows: { count: number }[] = await service.runtime.dataSource.query('SELECT count(*)::int AS count FROM contract.clients WHERE name = $1', [name]);
    return rows[0].count;
  }

  it('keeps the time zone a client is registered with, and reads it back', async () => {
    const response = await post('/v1/clients', { name: uniqueName('Acme Corp'), ap_contact_email: 'ap@acme.example', time_zone: 'America/Los_Angeles' });
    expect(response.statusCode).toBe(201);
    expect(response.json()).toMatchObject({ time_zone: 'America/Los_Angeles' });
    const read = await injectAs(service.app, 'admin', { method: 'GET', url: `/v1/clients/${response.json().id}` });
    expect(read.json()).toMatchObject({ time_zone: 'America/Los_Angeles' });
  });

  it("gives a client registered without a time zone the service's DEFAULT_CLIENT_TIME_ZONE, over REST and gRPC", async () => {
    const rest = await post('/v1/clients', { name: uniqueName('Acme Corp'), ap_contact_email: 'ap@acme.example' });
    expect(rest.json()).toMatchObject({ time_zone: 'Europe/Paris' });
    const { client } = await grpc.call('CreateClient', { name: uniqueName('Acme Corp'), ap_contact_email: 'ap@acme.example' });
    expect(client).toMatchObject({ time_zone: 'Europe/Paris' });
    const { client: given } = await grpc.call('CreateClient', { name: uniqueName('Acme Corp'), ap_contact_email: 'ap@acme.example', time_zone: 'Pacific/Auckland' });
    expect(given).toMatchObject({ time_zone: 'Pacific/Auckland' });
  });

  it.each(['Mars/Olympus_Mons', 'EST', '+02:00', 'not a zone'])('refuses the time zone %p with 422 client.invalid_time_zone on time_zone, and stores nothing', async (timeZone) => {
    // given a registration naming a time zone that is not an IANA Area/Location name
    const name = uniqueName('Acme Corp');
    // when it is posted
    const response = await post('/v1/clients', { name, ap_contact_email: 'ap@acme.example', time_zone: timeZone });
    // then it is refused as a business rule, naming the field and the rule, and no client is kept
    expect(response.statusCode).toBe(422);
    expect(response.headers['content-type']).toContain('application/problem+json');
    expect(response.json()).toMatchObject({ code: 'client.invalid_time_zone', errors: [expect.objectContaining({ field: 'time_zone', rule: 'client.invalid_time_zone' })] });
    expect(await clientsNamed(name)).toBe(0);
  });

  it('refuses an invalid time zone over gRPC with INVALID_ARGUMENT client.invalid_time_zone', async () => {
    const name = uniqueName('Acme Corp');
    const refusal = await grpc.refusal('CreateClient', { name, ap_contact_email: 'ap@acme.example', time_zone: 'Nowhere/Else' });
    expect(refusal.code).toBe(status.INVALID_ARGUMENT);
    expect(refusal.errorCode).toBe('client.invalid_time_zone');
    expect(await clientsNamed(name)).toBe(0);
  });

  it("announces the client's time zone on contract.created and contract.activated", async () => {
    const client = (await post('/v1/clients', { name: uniqueName('Acme Corp'), ap_contact_email: 'ap@acme.example', time_zone: 'America/Los_Angeles' })).json();
    const contract = (
      await post('/v1/contracts', {
        client_id: client.id,
        title: 'Customer portal rebuild',
        currency: 'usd',
        total_value_cents: 3_000_000,
        net_days: 15,
        milestones: referenceMilestones(),
      })
    ).json();
    expect((await post(`/v1/contracts/${contract.id}/activate`)).statusCode).toBe(200);
    const [created] = await eventually(() => reader.about('contract.created', 'contract_id', contract.id), (found) => found.length === 1, 'contract.created');
    const [activated] = await eventually(() => reader.about('contract.activated', 'contract_id', contract.id), (found) => found.length === 1, 'contract.activated');
    expect(created.envelope.data).toMatchObject({ client_time_zone: 'America/Los_Angeles' });
    expect(activated.envelope.data).toMatchObject({ client_time_zone: 'America/Los_Angeles' });
  });

  it('keeps the approver a client names and announces it on the contract events; none means the AP contact', async () => {
    // given a client naming its approver, and one naming none
    const named = await post('/v1/clients', { name: uniqueName('Acme Corp'), ap_contact_email: 'ap@acme.example', approver_email: 'pm@acme.example' });
    expect(named.statusCode).toBe(201);
    expect(named.json()).toMatchObject({ approver_email: 'pm@acme.example' });
    const unnamed = (await post('/v1/clients', { name: uniqueName('Acme Corp'), ap_contact_email: 'ap@acme.example' })).json();
    expect(unnamed).toMatchObject({ approver_email: null });
    const { client: overGrpc } = await grpc.call('CreateClient', { name: uniqueName('Acme Corp'), ap_contact_email: 'ap@acme.example', approver_email: 'lead@acme.example' });
    expect(overGrpc).toMatchObject({ approver_email: 'lead@acme.example' });
    // when each has a contract drafted
    const draft = async (clientId: string) =>
      (await post('/v1/contracts', { client_id: clientId, title: 'Portal', currency: 'usd', total_value_cents: 3_000_000, net_days: 15, milestones: referenceMilestones() })).json();
    const [withApprover, withoutApprover] = [await draft(named.json().id), await draft(unnamed.id)];
    // then contract.created names the approver, or leaves the field out
    const [created] = await eventually(() => reader.about('contract.created', 'contract_id', withApprover.id), (found) => found.length === 1, 'contract.created');
    expect(created.envelope.data).toMatchObject({ client_approver_email: 'pm@acme.example', client_ap_email: 'ap@acme.example' });
    const [plain] = await eventually(() => reader.about('contract.created', 'contract_id', withoutApprover.id), (found) => found.length === 1, 'contract.created');
    expect(plain.envelope.data).not.toHaveProperty('client_approver_email');
  });

  it("keeps the language a client's emails are written in and announces it on the contract events; none is English, and no field", async () => {
    // given a client writing in German, and one that set no language
    const german = await post('/v1/clients', { name: uniqueName('Acme GmbH'), ap_contact_email: 'ap@acme.example', language: 'de' });
    expect(german.statusCode).toBe(201);
    expect(german.json()).toMatchObject({ language: 'de' });
    expect((await injectAs(service.app, 'finance', { method: 'GET', url: `/v1/clients/${german.json().id}` })).json()).toMatchObject({ language: 'de' });
    const unset = (await post('/v1/clients', { name: uniqueName('Acme Corp'), ap_contact_email: 'ap@acme.example' })).json();
    expect(unset).toMatchObject({ language: null });
    // when each has a contract drafted
    const draft = async (clientId: string) =>
      (await post('/v1/contracts', { client_id: clientId, title: 'Portal', currency: 'eur', total_value_cents: 3_000_000, net_days: 15, milestones: referenceMilestones() })).json();
    const [withLanguage, withoutLanguage] = [await draft(german.json().id), await draft(unset.id)];
    // then contract.created names the language, or leaves the field out
    const [created] = await eventually(() => reader.about('contract.created', 'contract_id', withLanguage.id), (found) => found.length === 1, 'contract.created');
    expect(created.envelope.data).toMatchObject({ client_language: 'de' });
    const [plain] = await eventually(() => reader.about('contract.created', 'contract_id', withoutLanguage.id), (found) => found.length === 1, 'contract.created');
    expect(plain.envelope.data).not.toHaveProperty('client_language');
  });

  it.each(['fr', 'de-DE', 'english'])('refuses the language %p with 422 client.unsupported_language on language, and stores nothing', async (language) => {
    const name = uniqueName('Acme Corp');
    const response = await post('/v1/clients', { name, ap_contact_email: 'ap@acme.example', language });
    expect(response.statusCode).toBe(422);
    expect(response.headers['content-type']).toContain('application/problem+json');
    expect(response.json()).toMatchObject({ code: 'client.unsupported_language', errors: [expect.objectContaining({ field: 'language', rule: 'client.unsupported_language' })] });
    expect(await clientsNamed(name)).toBe(0);
  });

  it('keeps the billing identity a client gives (address, VAT id, Peppol id) and announces it on contract.activated for the e-invoice', async () => {
    // given a client with its billing address, VAT id and Peppol participant id
    const billing = {
      billing_address: { street: '1 Market Street', city: 'San Francisco', postal_code: '94105', country_code: 'US' },
      vat_number: 'DE811907980',
      peppol_participant: '0060:123456789',
    };
    const client = await post('/v1/clients', { name: uniqueName('Acme Corp'), ap_contact_email: 'ap@acme.example', ...billing });
    expect(client.statusCode).toBe(201);
    expect(client.json()).toMatchObject(billing);
    expect((await injectAs(service.app, 'finance', { method: 'GET', url: `/v1/clients/${client.json().id}` })).json()).toMatchObject(billing);
    // when its contract is activated
    const contract = (await post('/v1/contracts', { client_id: client.json().id, title: 'Portal', currency: 'usd', total_value_cents: 3_000_000, net_days: 15, milestones: referenceMilestones() })).json();
    expect((await post(`/v1/contracts/${contract.id}/activate`)).statusCode).toBe(200);
    // then contract.activated carries it
    const [activated] = await eventually(() => reader.about('contract.activated', 'contract_id', contract.id), (found) => found.length === 1, 'contract.activated');
    expect(activated.envelope.data).toMatchObject({
      client_billing_address: billing.billing_address,
      client_vat_number: 'DE811907980',
      client_peppol_participant: '0060:123456789',
    });
    // and a country that is no ISO code is refused, naming the field
    const refused = await post('/v1/clients', { name: uniqueName('Acme Corp'), ap_contact_email: 'ap@acme.example', billing_address: { country_code: 'us' } });
    expect([refused.statusCode, refused.json().code]).toEqual([422, 'client.invalid_country_code']);
  });

  it('refuses an approver that is no email address with a 400 naming approver_email, and stores nothing', async () => {
    const name = uniqueName('Acme Corp');
    const response = await post('/v1/clients', { name, ap_contact_email: 'ap@acme.example', approver_email: 'not-an-address' });
    expect(response.statusCode).toBe(400);
    expect(response.json()).toMatchObject({ code: 'request.invalid', errors: [expect.objectContaining({ field: 'approver_email' })] });
    expect(await clientsNamed(name)).toBe(0);
  });

  it('refuses to start with a DEFAULT_CLIENT_TIME_ZONE that is not an IANA zone', async () => {
    const required = {
      DATABASE_URL: 'postgres://user@host:5432/database',
      KAFKA_BROKERS: '127.0.0.1:9092',
      KAFKA_SASL_USERNAME: 'contract-service',
      KAFKA_SASL_PASSWORD: 'secret',
      ...(await testAuthEnvironment()),
    };
    expect(() => readConfig(contractServiceConfigSchema, { ...required, DEFAULT_CLIENT_TIME_ZONE: 'Mars/Olympus_Mons' })).toThrow(/DEFAULT_CLIENT_TIME_ZONE must be an IANA time zone/);
    expect(readConfig(contractServiceConfigSchema, required).DEFAULT_CLIENT_TIME_ZONE).toBe('UTC');
  });
});
