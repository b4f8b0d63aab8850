import { newId } from '@mb/kernel';
import { bootstrapService, BootstrappedService } from '@mb/platform';
import { injectAs, type TestCaller, testAuthEnvironment, testServiceEnvironment } from '@mb/testing';
import { collectionsServiceDefinition } from '../../src/collections-service.definition';

// Rate limiting (issue 12 item 9), as every service has it (libs/platform), held here through
// collections-service with small limits: 3 requests a minute per caller, 5 per client address.
describe('rate limiting per caller and per address', () => {
  let service: BootstrappedService<unknown>;

  beforeAll(async () => {
    service = await bootstrapService(collectionsServiceDefinition, {
      ...testServiceEnvironment('collections-service'),
      ...(await testAuthEnvironment()),
      LOG_LEVEL: 'warn',
      RATE_LIMIT_MAX: '3',
      RATE_LIMIT_ADDRESS_MAX: '5',
      RATE_LIMIT_WINDOW_SECONDS: '60',
    });
  });

  afterAll(async () => {
    await service?.close();
  });

  const listCases = (caller: TestCaller, remoteAddress: string) => injectAs(service.app, caller, { method: 'GET', url: `/v1/cases?client_id=${newId('cli')}`, remoteAddress });

  it('answers 429 problem+json with Retry-After once a caller has used its requests, from whatever address, and counts callers apart', async () => {
    // given a caller that made its 3 requests of the minute, each from another address
    for (const address of ['10.0.1.1', '10.0.1.2', '10.0.1.3']) expect((await listCases('finance', address)).statusCode).toBe(200);

    // when it makes a fourth, from yet another address
    const limited = await listCases('finance', '10.0.1.4');

    // then it is refused with 429, told when to retry, in the API's problem format
    expect(limited.statusCode).toBe(429);
    expect(limited.headers['content-type']).toContain('application/problem+json');
    expect(limited.json()).toMatchObject({ status: 429, code: 'rate_limited', title: 'Too many requests' });
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    expect(limited.headers['x-ratelimit-limit']).toBe('3');

    // while another caller, from the same address, still gets its answers
    expect((await listCases('auditor', '10.0.1.4')).statusCode).toBe(200);
  });

  it('refuses a flood from one address before any token is checked, and never limits health and metrics', async () => {
    // given 5 requests without a token from one address: each one a 401
    for (let request = 0; request < 5; request++) expect((await service.app.inject({ method: 'GET', url: '/v1/cases?client_id=cli_01X', remoteAddress: '10.0.2.1' })).statusCode).toBe(401);
    // when a sixth comes, with a token or without
    const flooded = await listCases('admin', '10.0.2.1');
    // then the address is refused with 429 before its token is looked at
    expect([flooded.statusCode, flooded.json().code]).toEqual([429, 'rate_limited']);
    expect(Number(flooded.headers['retry-after'])).toBeGreaterThan(0);
    // another address is not
    expect((await listCases('admin', '10.0.2.2')).statusCode).toBe(200);
    // and health and metrics are never limited
    for (let probe = 0; probe < 7; probe++) {
      expect((await service.app.inject({ method: 'GET', url: '/health/live', remoteAddress: '10.0.2.1' })).statusCode).toBe(200);
    }
    expect((await service.app.inject({ method: 'GET', url: '/metrics', remoteAddress: '10.0.2.1' })).statusCode).toBe(200);
  });
});
