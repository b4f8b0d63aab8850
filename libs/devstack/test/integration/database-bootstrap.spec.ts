import { Client, DatabaseError } from 'pg';
import { bootstrapDatabase, LOCAL_SERVICES, withPgClient } from '../../src';
import { testAdminDatabaseUrl, testInfrastructure, testServiceDatabaseUrl, uniqueName } from '@mb/testing';

// The global setup has bootstrapped the suite's database: one schema and one login role per
// service. These tests hold the isolation that design promises, using the roles themselves.

const INSUFFICIENT_PRIVILEGE = '42501';

const asService = <T>(serviceName: string, work: (client: Client) => Promise<T>) => withPgClient(testServiceDatabaseUrl(serviceName), work);
const asAdmin = <T>(work: (client: Client) => Promise<T>) => withPgClient(testAdminDatabaseUrl(), work);

/** The Postgres error a promise rejects with, to check its SQLSTATE code. */
async function databaseErrorOf(work: Promise<unknown>): Promise<DatabaseError> {
  const error = await work.then(
    () => undefined,
    (reason: unknown) => reason,
  );
  if (!(error instanceof DatabaseError)) throw new Error(`expected a database error, got ${String(error)}`);
  return error;
}

describe('database bootstrap', () => {
  // Schema-qualified tables this file made, dropped whatever the outcome.
  const createdTables: string[] = [];

  afterAll(async () => {
    await asAdmin(async (admin) => {
      for (const table of createdTables) await admin.query(`DROP TABLE IF EXISTS ${table}`);
    });
  });

  async function createTableAs(serviceName: string, schema: string): Promise<string> {
    const table = `${schema}.${uniqueName('bootstrap_probe')}`;
    await asService(serviceName, (client) => client.query(`CREATE TABLE ${table} (id integer PRIMARY KEY, label text NOT NULL)`));
    createdTables.push(table);
    return table;
  }

  it.each(LOCAL_SERVICES.map((service) => [service.name, service] as const))(
    'lets %s create and read a table in its own schema',
    async (serviceName, service) => {
      // given the service's own role
      // when it creates a table in its schema and writes a row
      const table = await createTableAs(serviceName, service.schema);
      const rows = await asService(serviceName, async (client) => {
        await client.query(`INSERT INTO ${table} (id, label) VALUES (1, 'written by ${serviceName}')`);
        return (await client.query(`SELECT id, label FROM ${table}`)).rows;
      });
      // then it reads the row back
      expect(rows).toEqual([{ id: 1, label: `written by ${serviceName}` }]);
    },
  );

  it("finds a service's own schema first on its search path", async () => {
    // given the invoicing role, whose database-level setting names its schema
    // when it asks for its current schema without qualifying anything
    const current = await asService('invoicing-service', async (client) => (await client.query('SELECT current_schema() AS schema')).rows[0]);
    // then it is the invoicing schema
    expect(current).toEqual({ schema: 'invoicing' });
  });

  it("refuses the invoicing role a table in the contract service's schema", async () => {
    // given a table the contract service made in its own schema
    const table = await createTableAs('contract-service', 'contract');
    // when the invoicing service's role tries to read it
    const error = await databaseErrorOf(asService('invoicing-service', (client) => client.query(`SELECT * FROM ${table}`)));
    // then Postgres denies the permission
    expect(error.code).toBe(INSUFFICIENT_PRIVILEGE);
    expect(error.message).toMatch(/permission denied/);
  });

  it('refuses a service role a table in the public schema', async () => {
    // given the contract service's role
    const table = `public.${uniqueName('bootstrap_probe')}`;
    createdTables.push(table); // in case the refusal ever stops happening
    // when it tries to create a table in public
    const error = await databaseErrorOf(asService('contract-service', (client) => client.query(`CREATE TABLE ${table} (id integer)`)));
    // then Postgres denies the permission: the public schema is nobody's
    expect(error.code).toBe(INSUFFICIENT_PRIVILEGE);
    expect(error.message).toMatch(/permission denied/);
  });

  it('changes nothing when it runs again', async () => {
    // given a table with a row in the contract schema, after the global setup's bootstrap
    const table = await createTableAs('contract-service', 'contract');
    await asService('contract-service', (client) => client.query(`INSERT INTO ${table} (id, label) VALUES (7, 'kept')`));
    const { adminUrl, databaseName } = testInfrastructure();

    // when the bootstrap runs again over the same database
    await expect(bootstrapDatabase({ adminUrl, databaseName, services: LOCAL_SERVICES })).resolves.toBeUndefined();

    // then the table and its row survive, and the isolation between services still holds
    const rows = await asService('contract-service', async (client) => (await client.query(`SELECT id, label FROM ${table}`)).rows);
    expect(rows).toEqual([{ id: 7, label: 'kept' }]);
    const error = await databaseErrorOf(asService('invoicing-service', (client) => client.query(`SELECT * FROM ${table}`)));
    expect(error.code).toBe(INSUFFICIENT_PRIVILEGE);
  });
});
