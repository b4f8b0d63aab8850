import { Client } from 'pg';
import { LocalService, rolePassword } from './local-services';

export interface DatabaseBootstrapOptions {
  /** A superuser connection, to any database of the server. */
  readonly adminUrl: string;
  readonly databaseName: string;
  readonly services: readonly LocalService[];
  /** Drop the database first: test runs start from nothing. */
  readonly recreate?: boolean;
}

/**
 * One database, one schema per service, one login role per service that owns its schema and has
 * no privilege on any other. Idempotent: running it again changes nothing.
 */
export async function bootstrapDatabase(options: DatabaseBootstrapOptions): Promise<void> {
  const database = identifier(options.databaseName);
  await withPgClient(options.adminUrl, async (admin) => {
    for (const service of options.services) {
      const role = identifier(service.role);
      const exists = await admin.query('SELECT 1 FROM pg_roles WHERE rolname = $1', [service.role]);
      const verb = exists.rowCount ? 'ALTER' : 'CREATE';
      await admin.query(`${verb} ROLE ${role} LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE PASSWORD ${literal(rolePassword(service.role))}`);
    }
    if (options.recreate) await admin.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
    const exists = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [options.databaseName]);
    if (!exists.rowCount) await admin.query(`CREATE DATABASE ${database}`);
  });

  const databaseUrl = new URL(options.adminUrl);
  databaseUrl.pathname = `/${options.databaseName}`;
  await withPgClient(databaseUrl.toString(), async (admin) => {
    await admin.query(`REVOKE ALL ON DATABASE ${database} FROM PUBLIC`);
    // The public schema is nobody's: every table lives in its service's own schema.
    await admin.query('REVOKE ALL ON SCHEMA public FROM PUBLIC');
    for (const service of options.services) {
      const role = identifier(service.role);
      const schema = identifier(service.schema);
      await admin.query(`GRANT CONNECT, TEMPORARY ON DATABASE ${database} TO ${role}`);
      await admin.query(`CREATE SCHEMA IF NOT EXISTS ${schema} AUTHORIZATION ${role}`);
      await admin.query(`ALTER SCHEMA ${schema} OWNER TO ${role}`);
      await admin.query(`REVOKE ALL ON SCHEMA ${schema} FROM PUBLIC`);
      await admin.query(`ALTER ROLE ${role} IN DATABASE ${database} SET search_path = ${schema}`);
    }
  });
}

export async function dropDatabase(adminUrl: string, databaseName: string): Promise<void> {
  await withPgClient(adminUrl, (admin) => admin.query(`DROP DATABASE IF EXISTS ${identifier(databaseName)} WITH (FORCE)`));
}

/** One connection for one piece of work, always closed after it. */
export async function withPgClient<T>(url: string, work: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

function identifier(name: string): string {
  if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`not a plain SQL identifier: ${name}`);
  return `"${name}"`;
}

function literal(value: string): string {
  return `'${value.replace(/'/g, "''")}'`;
}
