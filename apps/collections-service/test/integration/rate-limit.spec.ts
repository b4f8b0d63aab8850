import { newId } from '@mb/kernel';
import { bootstrapService, BootstrappedService } from '@mb/platform';
import { injectAs, testAuthEnvironment, testServiceEnvironment } from '@mb/testing';
import { collectionsServiceDefinition } from '../../src/collections-service.definition';

// Rate limiting per caller (issue 12 item 9), as every service has it (libs/platform), held here
// through collections-service with a small limit: 3 requests per minute.
describe('rate limiting per caller', () => {
  let service: BootstrappedService<unknown>;

  beforeAll(async () => {
    service = await bootstrapService(collectionsServiceDefinition, {
      ...testServiceEnvironment('collections-service'),
      ...(await testAuthEnvironment()),
      LOG_LEVEL: 'warn',
      RATE_LIMIT_MAX: '3',
      RATE_LIMIT_WINDOW_SECONDS: '60',
    });
  });

  afterAll(async () => {
    await service?.close();
  });

  // Counted per client address: the limiter runs before the token is verified (docs/security.md).
  const listCases = (remoteAddress: string) => injectAs(service.app, 'finance', { method: 'GET', url: `/v1/cases?client_id=${newId('cli')}`, remoteAddress });

  it('answers 429 problem+json with Retry-After once a caller has used its requests, and counts callers apart', async () => {
    // given a caller that made its 3 requests of the minute
    for (let request = 0; request < 3; request++) expect((await listCases('10.0.0.1')).statusCode).toBe(200);

    // when it makes a fourth
    const limited = await listCases('10.0.0.1');

    // then it is refused with 429, told when to retry, in the API's problem format
    expect(limited.statusCode).toBe(429);
    expect(limited.headers['content-type']).toContain('application/problem+json');
    expect(limited.json()).toMatchObject({ status: 429, code: 'rate_limited', title: 'Too many requests' });
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    expect(limited.headers['x-ratelimit-limit']).toBe('3');

    // while another caller still gets its answers, and health and metrics are never limited
    expect((await listCases('10.0.0.2')).statusCode).toBe(200);
    for (let probe = 0; probe < 5; probe++) {
      expect((await service.app.inject({ method: 'GET', url: '/health/live', remoteAddress: '10.0.0.1' })).statusCode).toBe(200);
    }
    expect((await service.app.inject({ method: 'GET', url: '/metrics', remoteAddress: '10.0.0.1' })).statusCode).toBe(200);
  });
});
