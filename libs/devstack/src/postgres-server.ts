import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { Client } from 'pg';

/**
 * Makes sure the PostgreSQL server behind `adminUrl` answers. When it does not and the URL is
 * local, starts the machine's own server (Debian's pg_ctlcluster); when none is installed, says
 * what to install. Returns how to stop it when this call started it.
 */
export async function ensurePostgresRunning(adminUrl: string, log: (line: string) => void): Promise<{ stop?: () => void }> {
  if (await answers(adminUrl)) return {};
  const { hostname } = new URL(adminUrl);
  if (!['127.0.0.1', 'localhost', '::1'].includes(hostname)) {
    throw new Error(`PostgreSQL at ${hostname} does not answer, and it is not on this machine to start`);
  }
  const clusters = existsSync('/etc/postgresql') ? readdirSync('/etc/postgresql') : [];
  if (clusters.length === 0) {
    throw new Error(
      'PostgreSQL is not running and no server is installed: install PostgreSQL 15 or newer ' +
        '(Debian/Ubuntu: apt-get install postgresql) or point PG_ADMIN_URL at a running server',
    );
  }
  const version = clusters.sort().at(-1) as string;
  log(`PostgreSQL is down: starting cluster ${version}/main`);
  execFileSync('pg_ctlcluster', ['--skip-systemctl-redirect', version, 'main', 'start'], { stdio: 'inherit' });
  const stop = () => {
    log(`stopping PostgreSQL cluster ${version}/main (started by this run)`);
    execFileSync('pg_ctlcluster', ['--skip-systemctl-redirect', version, 'main', 'stop'], { stdio: 'inherit' });
  };
  for (let attempt = 0; attempt < 60; attempt += 1) {
    if (await answers(adminUrl)) return { stop };
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  throw new Error('PostgreSQL was started but does not answer after 30 s');
}

async function answers(url: string): Promise<boolean> {
  const client = new Client({ connectionString: url, connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    await client.query('SELECT 1');
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}
