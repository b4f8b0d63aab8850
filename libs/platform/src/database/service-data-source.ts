import { DataSource, MixedList, EntitySchema } from 'typeorm';
import type { ReadinessCheck } from '@mb/observability';

// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
type MigrationClass = Function;

export interface ServiceDataSourceOptions {
  readonly url: string;
  /** The one schema the service owns; its login role has no rights anywhere else. */
  readonly schema: string;
  readonly migrations: MigrationClass[];
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  readonly entities?: MixedList<Function | string | EntitySchema>;
  readonly applicationName: string;
  readonly poolSize?: number;
}

export function createServiceDataSource(options: ServiceDataSourceOptions): DataSource {
  return new DataSource({
    type: 'postgres',
    url: options.url,
    schema: options.schema,
    entities: options.entities ?? [],
    migrations: options.migrations,
    migrationsTableName: 'schema_migrations',
    migrationsTransactionMode: 'each',
    synchronize: false,
    applicationName: options.applicationName,
    poolSize: options.poolSize ?? 10,
    extra: { options: `-c search_path=${options.schema}` },
  });
}

/**
 * Applies pending migrations while holding a session advisory lock on the schema, so that
 * replicas starting together migrate one after the other instead of racing.
 */
export async function migrate(dataSource: DataSource, schema: string): Promise<string[]> {
  const lockHolder = dataSource.createQueryRunner();
  await lockHolder.connect();
  try {
    await lockHolder.query('SELECT pg_advisory_lock(hashtext($1))', [`migrate:${schema}`]);
    const applied = await dataSource.runMigrations();
    return applied.map((migration) => migration.name);
  } finally {
    await lockHolder.query('SELECT pg_advisory_unlock(hashtext($1))', [`migrate:${schema}`]).catch(() => undefined);
    await lockHolder.release();
  }
}

export function databaseReadinessCheck(dataSource: DataSource): ReadinessCheck {
  return {
    name: 'database',
    async check() {
      await dataSource.query('SELECT 1');
    },
  };
}
