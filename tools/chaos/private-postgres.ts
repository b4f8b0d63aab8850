import { execFileSync } from 'node:child_process';
import { chownSync, existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { Client } from 'pg';

/** Debian's PostgreSQL 15 binaries (initdb, pg_ctl), used directly rather than through a Debian cluster. */
const POSTGRES_BIN = process.env.MB_CHAOS_POSTGRES_BIN ?? '/usr/lib/postgresql/15/bin';

/**
 * A PostgreSQL cluster of the chaos run's own (initdb under its data directory, its own port), so
 * that restarting it disturbs nobody else on the machine: the shared server on 5432 serves other
 * engineers and CI. PostgreSQL refuses to run as root, so when this process is root the cluster
 * runs as the `postgres` user.
 */
export class PrivatePostgres {
  private readonly dataDir: string;
  private readonly socketDir: string;
  private readonly logFile: string;

  constructor(
    baseDir: string,
    readonly port: number,
  ) {
    this.dataDir = join(baseDir, 'pgdata');
    this.socketDir = join(baseDir, 'pgsocket');
    this.logFile = join(baseDir, 'postgres.log');
    mkdirSync(baseDir, { recursive: true });
    mkdirSync(this.socketDir, { recursive: true });
    if (process.getuid?.() === 0) {
      const { uid, gid } = postgresUser();
      chownSync(baseDir, uid, gid);
      chownSync(this.socketDir, uid, gid);
    }
  }

  /** The superuser's URL (trust authentication on 127.0.0.1: a throwaway cluster on a test machine). */
  get adminUrl(): string {
    return `postgres://postgres@127.0.0.1:${this.port}/postgres`;
  }

  async start(): Promise<void> {
    // A cluster left running by an interrupted run would refuse this start: stop it first.
    this.stop();
    if (!existsSync(join(this.dataDir, 'PG_VERSION'))) {
      this.run('initdb', ['-D', this.dataDir, '-U', 'postgres', '--auth=trust', '--encoding=UTF8', '--no-sync']);
    }
    // Sized for ten service instances with their pools; fsync off: the run proves the services'
    // behaviour across a restart, not the disk's durability, and a 2-core machine is shared.
    const options = `-p ${this.port} -k ${this.socketDir} -c listen_addresses=127.0.0.1 -c max_connections=400 -c fsync=off -c synchronous_commit=off -c full_page_writes=off`;
    this.run('pg_ctl', ['-D', this.dataDir, '-l', this.logFile, '-o', options, '-w', '-t', '60', 'start']);
    await this.waitUntilAnswering();
  }

  /** A fast shutdown (sessions terminated, as in a failover) and a start, on the same data. */
  async restart(): Promise<void> {
    this.run('pg_ctl', ['-D', this.dataDir, '-m', 'fast', '-w', '-t', '60', 'stop']);
    await this.start();
  }

  stop(): void {
    if (!existsSync(join(this.dataDir, 'postmaster.pid'))) return;
    try {
      this.run('pg_ctl', ['-D', this.dataDir, '-m', 'fast', '-w', '-t', '60', 'stop']);
    } catch {
      // already stopped
    }
  }

  private run(tool: string, args: string[]): void {
    const command = join(POSTGRES_BIN, tool);
    if (process.getuid?.() === 0) execFileSync('runuser', ['-u', 'postgres', '--', command, ...args], { stdio: 'ignore' });
    else execFileSync(command, args, { stdio: 'ignore' });
  }

  private async waitUntilAnswering(): Promise<void> {
    for (let attempt = 0; attempt < 120; attempt += 1) {
      const client = new Client({ connectionString: this.adminUrl, connectionTimeoutMillis: 1000 });
      try {
        await client.connect();
        await client.query('SELECT 1');
        return;
      } catch {
        await new Promise((resolve) => setTimeout(resolve, 250));
      } finally {
        await client.end().catch(() => undefined);
      }
    }
    throw new Error(`the chaos run's PostgreSQL on port ${this.port} does not answer; see ${this.logFile}`);
  }
}

function postgresUser(): { uid: number; gid: number } {
  const uid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim());
  const gid = Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).trim());
  return { uid, gid };
}
