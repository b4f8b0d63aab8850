import { Client, DatabaseError } from 'pg';
import { bootstrapDatabase, LOCAL_SERVICES, withPgClient } from '../../src';
import { testAdminDatabaseUrl, testInfrastructure, testServiceDatabaseUrl, testServiceMigrationDatabaseUrl, uniqueName } from '@mb/testing';

// The global setup has bootstrapped the suite's database: per service one schema, owned by its
// migration role, and a runtime role with DML only. These tests hold the isolation that design
// promises, using the roles themselves.

const INSUFFICIENT_PRIVILEGE = '42501';

const asService = <T>(serviceName: string, work: (client: Client) => Promise<T>) => withPgClient(testServiceDatabaseUrl(serviceName), work);
const asOwner = <T>(serviceName: string, work: (client: Client) => Promise<T>) => withPgClient(testServiceMigrationDatabaseUrl(serviceName), work);
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
    // as a migration would: the schema's owner
    await asOwner(serviceName, (client) => client.query(`CREATE TABLE ${table} (id integer PRIMARY KEY, label text NOT NULL)`));
    createdTables.push(table);
    return table;
  }

  it.each(LOCAL_SERVICES.map((service) => [service.name, service] as const))(
    'lets %s write and read a table its schema owner created',
    async (serviceName, service) => {
      // given a table the migration role created in the service's schema
      const table = await createTableAs(serviceName, service.schema);
      // when the service's runtime role writes a row
      const rows = await asService(serviceName, async (client) => {
        await client.query(`INSERT INTO ${table} (id, label) VALUES (1, 'written by ${serviceName}')`);
        return (await client.query(`SELECT id, label FROM ${table}`)).rows;
      });
      // then it reads the row back
      expect(rows).toEqual([{ id: 1, label: `written by ${serviceName}` }]);
    },
  );

  it.each(LOCAL_SERVICES.map((service) => [service.name, service] as const))('refuses %s runtime role any table of its own making', async (serviceName, service) => {
    const table = `${service.schema}.${uniqueName('bootstrap_probe')}`;
    createdTables.push(table); // in case the refusal ever stops happening
    const error = await databaseErrorOf(asService(serviceName, (client) => client.query(`CREATE TABLE ${table} (id integer)`)));
    expect(error.code).toBe(INSUFFICIENT_PRIVILEGE);
  });

  it('moves a schema laid out before the split: the owner takes the runtime role’s tables, which keeps DML on them', async () => {
    // given a table the runtime role owns, as every table did before the migration role existed
    const table = await createTableAs('milestone-service', 'milestone');
    await asAdmin((admin) => admin.query(`ALTER TABLE ${table} OWNER TO milestone_service`));
    const { adminUrl, databaseName } = testInfrastructure();
    // when the bootstrap runs
    await bootstrapDatabase({ adminUrl, databaseName, services: LOCAL_SERVICES });
    // then the table is the owner's, the runtime role still writes it, and may no longer drop it
    const owner = await asAdmin(async (admin) => (await admin.query(`SELECT pg_get_userbyid(relowner) AS owner FROM pg_class WHERE oid = $1::regclass`, [table])).rows[0]);
    expect(owner).toEqual({ owner: 'milestone_owner' });
    await asService('milestone-service', (client) => client.query(`INSERT INTO ${table} (id, label) VALUES (1, 'still writable')`));
    const error = await databaseErrorOf(asService('milestone-service', (client) => client.query(`DROP TABLE ${table}`)));
    expect(error.code).toBe(INSUFFICIENT_PRIVILEGE);
  });

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

  it('refuses a service role, runtime or owner, a table in the public schema', async () => {
    // given the contract service's role
    const table = `public.${uniqueName('bootstrap_probe')}`;
    createdTables.push(table); // in case the refusal ever stops happening
    // when it tries to create a table in public
    const error = await databaseErrorOf(asService('contract-service', (client) => client.query(`CREATE TABLE ${table} (id integer)`)));
    // then Postgres denies the permission: the public schema is nobody's
    expect(error.code).toBe(INSUFFICIENT_PRIVILEGE);
    expect(error.message).toMatch(/permission denied/);
    const ownerError = await databaseErrorOf(asOwner('contract-service', (client) => client.query(`CREATE TABLE ${table} (id integer)`)));
    expect(ownerError.code).toBe(INSUFFICIENT_PRIVILEGE);
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
