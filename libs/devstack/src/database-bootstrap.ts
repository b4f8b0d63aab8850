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
 * One database, one schema per service, two login roles per service: a migration role that owns
 * the schema (DDL; migrations and pg-boss's tables) and the runtime role the service runs as, with
 * DML on its schema's tables and nothing else: no CREATE, no DROP, no other schema. Idempotent:
 * running it again changes nothing. A database laid out before the split (the runtime role owning
 * its schema) is moved over: its objects pass to the migration role and the runtime role keeps
 * DML on them.
 */
export async function bootstrapDatabase(options: DatabaseBootstrapOptions): Promise<void> {
  const database = identifier(options.databaseName);
  await withPgClient(options.adminUrl, async (admin) => {
    for (const service of options.services) {
      for (const roleName of [service.role, service.migrationRole]) {
        const role = identifier(roleName);
        const exists = await admin.query('SELECT 1 FROM pg_roles WHERE rolname = $1', [roleName]);
        const verb = exists.rowCount ? 'ALTER' : 'CREATE';
        await admin.query(`${verb} ROLE ${role} LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOBYPASSRLS PASSWORD ${literal(rolePassword(roleName))}`);
      }
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
      const runtime = identifier(service.role);
      const owner = identifier(service.migrationRole);
      const schema = identifier(service.schema);
      await admin.query(`GRANT CONNECT, TEMPORARY ON DATABASE ${database} TO ${owner}`);
      await admin.query(`REVOKE TEMPORARY ON DATABASE ${database} FROM ${runtime}`);
      await admin.query(`GRANT CONNECT ON DATABASE ${database} TO ${runtime}`);
      await admin.query(`CREATE SCHEMA IF NOT EXISTS ${schema} AUTHORIZATION ${owner}`);
      await admin.query(`ALTER SCHEMA ${schema} OWNER TO ${owner}`);
      await admin.query(`REVOKE ALL ON SCHEMA ${schema} FROM PUBLIC`);
      await admin.query(`REVOKE CREATE ON SCHEMA ${schema} FROM ${runtime}`);
      await admin.query(`GRANT USAGE ON SCHEMA ${schema} TO ${runtime}`);
      // What the migration role creates from now on, the runtime role may use (DML, sequences,
      // functions), unless the creating migration revokes it (payments: no UPDATE, no DELETE).
      await admin.query(`ALTER DEFAULT PRIVILEGES FOR ROLE ${owner} IN SCHEMA ${schema} GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO ${runtime}`);
      await admin.query(`ALTER DEFAULT PRIVILEGES FOR ROLE ${owner} IN SCHEMA ${schema} GRANT USAGE, SELECT, UPDATE ON SEQUENCES TO ${runtime}`);
      await admin.query(`ALTER DEFAULT PRIVILEGES FOR ROLE ${owner} IN SCHEMA ${schema} GRANT EXECUTE ON FUNCTIONS TO ${runtime}`);
      await moveOwnershipFromRuntimeRole(admin, service);
      for (const role of [runtime, owner]) await admin.query(`ALTER ROLE ${role} IN DATABASE ${database} SET search_path = ${schema}`);
    }
  });
}

/**
 * The one-time move of a schema laid out before the split: objects the runtime role owns pass to
 * the migration role, and the runtime role gets DML on them (what default privileges give new
 * objects). Only then: re-granting on every run would undo a migration's REVOKE.
 */
async function moveOwnershipFromRuntimeRole(admin: Client, service: LocalService): Promise<void> {
  const owned = await admin.query(
    `SELECT 1 FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = $1 AND pg_get_userbyid(c.relowner) = $2 LIMIT 1`,
    [service.schema, service.role],
  );
  if (!owned.rowCount) return;
  const runtime = identifier(service.role);
  const schema = identifier(service.schema);
  await admin.query(`REASSIGN OWNED BY ${runtime} TO ${identifier(service.migrationRole)}`);
  await admin.query(`GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA ${schema} TO ${runtime}`);
  await admin.query(`GRANT USAGE, SELECT, UPDATE ON ALL SEQUENCES IN SCHEMA ${schema} TO ${runtime}`);
  await admin.query(`GRANT EXECUTE ON ALL FUNCTIONS IN SCHEMA ${schema} TO ${runtime}`);
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
