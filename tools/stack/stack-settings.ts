import { join } from 'node:path';
import { repositoryRoot } from '@mb/devstack';

/** Where the local stack lives; every value can be overridden from the environment. */
export interface StackSettings {
  readonly root: string;
  readonly adminUrl: string;
  readonly databaseName: string;
  readonly databaseHost: string;
  readonly databasePort: number;
  readonly kafkaPort: number;
  readonly kafkaControllerPort: number;
  readonly dataDir: string;
}

export function stackSettings(environment: NodeJS.ProcessEnv, defaults: { databaseName: string; kafkaPort: number; dataDir: string }): StackSettings {
  const root = repositoryRoot();
  const adminUrl = environment.PG_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  const parsed = new URL(adminUrl);
  const kafkaPort = Number(environment.KAFKA_PORT ?? defaults.kafkaPort);
  return {
    root,
    adminUrl,
    databaseName: environment.DATABASE_NAME ?? defaults.databaseName,
    databaseHost: parsed.hostname,
    databasePort: Number(parsed.port || 5432),
    kafkaPort,
    kafkaControllerPort: Number(environment.KAFKA_CONTROLLER_PORT ?? kafkaPort + 1),
    dataDir: join(root, '.data', defaults.dataDir),
  };
}
