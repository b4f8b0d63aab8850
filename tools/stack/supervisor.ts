import { ChildProcess } from 'node:child_process';
import { createWriteStream, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { LocalService, serviceDatabaseUrl, serviceKafkaEnvironment, serviceMigrationDatabaseUrl, startServiceProcess, stopProcess, waitForReadiness } from '@mb/devstack';
import { StackSettings } from './stack-settings';

export interface RunningService {
  readonly service: LocalService;
  readonly url: string;
  /** host:port of its gRPC API. */
  readonly grpcAddress: string;
  readonly process: ChildProcess;
  readonly logFile: string;
}

/** Starts one service from dist/ with its own roles and Kafka user; its JSON log goes to a file. */
export function startService(service: LocalService, settings: StackSettings, brokers: string[], extraEnv: NodeJS.ProcessEnv = {}): RunningService {
  const logDir = join(settings.dataDir, 'logs');
  mkdirSync(logDir, { recursive: true });
  const logFile = join(logDir, `${service.name}.log`);
  const log = createWriteStream(logFile, { flags: 'a' });
  const child = startServiceProcess({
    serviceName: service.name,
    root: settings.root,
    env: {
      HTTP_PORT: String(service.httpPort),
      GRPC_PORT: String(service.grpcPort),
      HTTP_HOST: '127.0.0.1',
      DATABASE_URL: serviceDatabaseUrl(service, settings.databaseHost, settings.databasePort, settings.databaseName),
      // Locally each service migrates its own schema at start, as the schema's owner.
      MIGRATION_DATABASE_URL: serviceMigrationDatabaseUrl(service, settings.databaseHost, settings.databasePort, settings.databaseName),
      KAFKA_BROKERS: brokers.join(','),
      ...serviceKafkaEnvironment(service.name),
      ...extraEnv,
    },
  });
  child.stdout?.pipe(log);
  child.stderr?.pipe(log);
  return { service, url: `http://127.0.0.1:${service.httpPort}`, grpcAddress: `127.0.0.1:${service.grpcPort}`, process: child, logFile };
}

/** The client portal as the local stack runs it: no database, no Kafka, only the services' REST APIs. */
export interface RunningPortal {
  readonly url: string;
  readonly process: ChildProcess;
  readonly logFile: string;
}

/** Starts apps/client-portal from dist/ against the local services; its JSON log goes to a file. */
export function startPortal(settings: StackSettings, port: number, env: NodeJS.ProcessEnv): RunningPortal {
  const logDir = join(settings.dataDir, 'logs');
  mkdirSync(logDir, { recursive: true });
  const logFile = join(logDir, 'client-portal.log');
  const log = createWriteStream(logFile, { flags: 'a' });
  const child = startServiceProcess({ serviceName: 'client-portal', root: settings.root, env });
  child.stdout?.pipe(log);
  child.stderr?.pipe(log);
  return { url: `http://127.0.0.1:${port}`, process: child, logFile };
}

/** Polls /health/ready until it answers 200; fails early when the process exits. */
export async function waitUntilReady(running: RunningService, timeoutMs: number): Promise<void> {
  try {
    await waitForReadiness(running.url, running.process, timeoutMs);
  } catch (error) {
    throw new Error(`${running.service.name} ${(error as Error).message}; see ${running.logFile}`, { cause: error });
  }
}

export async function stopServices(services: readonly RunningService[]): Promise<void> {
  await Promise.all(services.map((running) => stopProcess(running.process, 20_000)));
}
