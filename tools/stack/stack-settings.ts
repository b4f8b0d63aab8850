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

/**
 * Where the local token issuer keeps its key pair (bin/start and tools/auth/issue-token.ts share
 * it): `.data/local/auth`, or MB_LOCAL_ISSUER_DIR.
 */
export function localIssuerDirectory(environment: NodeJS.ProcessEnv): string {
  return environment.MB_LOCAL_ISSUER_DIR ?? join(repositoryRoot(), '.data', 'local', 'auth');
}

/** The local stack's defaults, less those the user set in the environment (theirs win). */
export function unlessSetIn(environment: NodeJS.ProcessEnv, defaults: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(defaults).filter(([name]) => environment[name] === undefined));
}
