import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

// NODE_ENV=production refuses to start with what is fine locally (issue 12 item 10), held on the
// built service as an operator starts it: one line per refusal naming the variable, exit code 78,
// before anything connects. The rules themselves: libs/platform production-safety.ts.
describe('collections-service started in production with local settings', () => {
  // The build the integration run starts with (node tools/build.mjs), mirroring this source tree.
  const main = join(__dirname, '..', '..', '..', '..', 'dist', 'apps', 'collections-service', 'src', 'main.js');

  it('refuses to start, naming each unsafe variable and never a secret', () => {
    const started = spawnSync(process.execPath, [main], {
      env: {
        PATH: process.env.PATH,
        NODE_ENV: 'production',
        DATABASE_URL: 'postgres://collections_service:collections_service@127.0.0.1:5432/milestone_billing',
        KAFKA_BROKERS: '127.0.0.1:9092',
        CLOCK_CONTROL: 'enabled',
        AUTH_LOCAL_ISSUER: 'enabled',
      },
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(started.status).toBe(78);
    const lines = started.stderr.trim().split('\n').filter((line) => line.includes('refusing to start in production'));
    expect(lines).toEqual([
      expect.stringContaining('DATABASE_URL carries no password or a default one'),
      expect.stringContaining('DATABASE_URL must encrypt the connection to PostgreSQL'),
      expect.stringContaining('CLOCK_CONTROL=enabled'),
      expect.stringContaining('AUTH_LOCAL_ISSUER enables the local token issuer'),
    ]);
    expect(started.stderr).not.toContain('collections_service:collections_service');
  });
});
