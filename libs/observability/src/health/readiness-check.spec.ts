import { runReadinessChecks } from './readiness-check';

describe('readiness', () => {
  it('is ready when every dependency answers', async () => {
    const report = await runReadinessChecks([
      { name: 'database', check: async () => undefined },
      { name: 'kafka', check: async () => undefined },
    ]);
    expect(report).toEqual({ status: 'ready', checks: { database: { status: 'up' }, kafka: { status: 'up' } } });
  });

  it('is not ready and says why when one dependency fails', async () => {
    const report = await runReadinessChecks([
      { name: 'database', check: async () => undefined },
      { name: 'kafka', check: async () => Promise.reject(new Error('connection refused')) },
    ]);
    expect(report.status).toBe('not_ready');
    expect(report.checks.kafka).toEqual({ status: 'down', error: 'connection refused' });
  });

  it('shows what a check tells beside its status without making the service not ready', async () => {
    const report = await runReadinessChecks([
      { name: 'database', check: async () => undefined },
      { name: 'consumers', check: async () => ({ joining: ['invoicing-service.billing'], joined: [] }) },
    ]);
    expect(report).toEqual({
      status: 'ready',
      checks: { database: { status: 'up' }, consumers: { status: 'up', joining: ['invoicing-service.billing'], joined: [] } },
    });
  });
});
