// A whole stack of its own for a load run: PostgreSQL (the running server, a fresh database), a
// fresh Kafka broker, the topics and ACLs, a mail sink, and the five services as processes on a
// port range of the caller's choosing. Built from the same pieces bin/start uses (libs/devstack,
// tools/stack), so what is measured is what a user runs; only the ports, the database, the rate
// limits (off: the load generator is one caller) and the log level differ.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Kafka, logLevel } from 'kafkajs';
import { TOPICS, topicAccessGrants } from '@mb/events';
import {
  BillingApiClient,
  bootstrapDatabase,
  ensurePostgresRunning,
  ensureTopicAcls,
  ensureTopics,
  type KafkaCredentials,
  killStaleBroker,
  LOCAL_SERVICES,
  LocalIssuer,
  type LocalKafka,
  type MailSink,
  repositoryRoot,
  scramSasl,
  type ServiceUrls,
  startLocalKafka,
  startMailSink,
} from '@mb/devstack';
import type { StackSettings } from '../../stack/stack-settings';
import { type RunningService, startService, stopServices, waitUntilReady } from '../../stack/supervisor';
import { benchDatabase } from '../bench-report';

export interface BenchStackOptions {
  /** First of the ports the stack may use: services' HTTP on +1…+5, gRPC on +11…+15, SMTP +20, mail view +21, Kafka +30/+31. */
  readonly portBase: number;
  /** A database of its own, dropped and made anew. */
  readonly databaseName: string;
  /** PostgreSQL superuser URL (PG_ADMIN_URL); default postgres://postgres@127.0.0.1:5432/postgres. */
  readonly adminUrl?: string;
  /** Under .data/: the broker's data, the services' logs, the token issuer. */
  readonly dataDirName: string;
  /** Laid over every service's environment, e.g. `{ LOG_LEVEL: 'info' }` or a pool size. */
  readonly serviceEnvironment?: Readonly<Record<string, string>>;
  readonly log: (line: string) => void;
}

/** A process of the stack whose CPU a run samples. */
export interface StackProcess {
  readonly name: string;
  readonly pid: number;
}

export interface BenchStack {
  readonly urls: ServiceUrls;
  /** The APIs as a project manager (the issuer below mints other roles). */
  readonly api: BillingApiClient;
  readonly issuer: LocalIssuer;
  readonly brokers: string[];
  /** The broker's super user: the load generator reads topics with it. */
  readonly kafkaAdmin: KafkaCredentials;
  readonly adminUrl: string;
  readonly databaseName: string;
  /** The superuser's URL to the stack's database (bulk loads, EXPLAIN, pg_stat_activity). */
  readonly databaseUrl: string;
  /** The five services (by name) and the broker (`kafka`). */
  readonly processes: readonly StackProcess[];
  readonly services: readonly RunningService[];
  stop(): Promise<void>;
}

export async function startBenchStack(options: BenchStackOptions): Promise<BenchStack> {
  const root = repositoryRoot();
  const adminUrl = options.adminUrl ?? process.env.PG_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  const dataDir = join(root, '.data', options.dataDirName);
  const parsed = new URL(adminUrl);
  const settings: StackSettings = {
    root,
    adminUrl,
    databaseName: options.databaseName,
    databaseHost: parsed.hostname,
    databasePort: Number(parsed.port || 5432),
    kafkaPort: options.portBase + 30,
    kafkaControllerPort: options.portBase + 31,
    dataDir,
  };
  const cleanups: (() => Promise<void>)[] = [];
  const stop = async () => {
    for (const cleanup of cleanups.reverse()) await cleanup().catch((error: unknown) => options.log(`stopping: ${(error as Error).message}`));
    cleanups.length = 0;
  };
  try {
    await ensurePostgresRunning(adminUrl, options.log);
    await bootstrapDatabase({ adminUrl, databaseName: options.databaseName, services: LOCAL_SERVICES, recreate: true });
    cleanups.push(() => benchDatabase(adminUrl, options.databaseName).drop());

    const kafkaDir = join(dataDir, 'kafka');
    killStaleBroker(kafkaDir);
    const broker: LocalKafka = await startLocalKafka({ root, dataDir: kafkaDir, brokerPort: settings.kafkaPort, controllerPort: settings.kafkaControllerPort, fresh: true, log: options.log });
    if (!broker.startedHere) throw new Error(`a broker already answers on port ${settings.kafkaPort}: choose another --port-base`);
    cleanups.push(() => broker.stop());
    const brokerPid = Number(readFileSync(join(kafkaDir, 'broker.pid'), 'utf8'));
    const adminKafka = new Kafka({ clientId: 'bench-stack', brokers: broker.brokers, sasl: scramSasl(broker.admin), logLevel: logLevel.NOTHING });
    await ensureTopics(adminKafka, TOPICS);
    await ensureTopicAcls(adminKafka, topicAccessGrants());

    const mailSink: MailSink = await startMailSink({ smtpPort: options.portBase + 20, httpPort: options.portBase + 21 });
    cleanups.push(() => mailSink.stop());

    const issuer = await LocalIssuer.openOrCreate(join(dataDir, 'auth'));
    const placed = LOCAL_SERVICES.map((service, index) => ({ ...service, httpPort: options.portBase + 1 + index, grpcPort: options.portBase + 11 + index }));
    const portOf = (name: string) => placed.find((service) => service.name === name)?.httpPort as number;
    const urls: ServiceUrls = {
      contract: `http://127.0.0.1:${portOf('contract-service')}`,
      milestone: `http://127.0.0.1:${portOf('milestone-service')}`,
      invoicing: `http://127.0.0.1:${portOf('invoicing-service')}`,
      notification: `http://127.0.0.1:${portOf('notification-service')}`,
      collections: `http://127.0.0.1:${portOf('collections-service')}`,
    };
    const serviceToken = (subject: string) => issuer.issue({ role: 'service', subject, expiresInSeconds: 24 * 3600 });
    const common: Record<string, string> = {
      ...issuer.serviceEnvironment(),
      LOG_LEVEL: 'warn',
      SMTP_URL: `smtp://127.0.0.1:${mailSink.smtpPort}`,
      WEBHOOK_HTTP_URLS: 'local-development',
      WEBHOOK_EGRESS_ALLOWED_CIDRS: '127.0.0.1/32,::1/128',
      API_KEY_SERVICE_URL: urls.contract,
      PORTAL_PUBLIC_URL: `http://127.0.0.1:${options.portBase + 9}`,
      // One load generator is one caller from one address: the per-caller limits would measure themselves.
      RATE_LIMIT_MAX: '0',
      RATE_LIMIT_ADDRESS_MAX: '0',
      ...(options.serviceEnvironment ?? {}),
    };
    const extra: Record<string, Record<string, string>> = {
      'notification-service': {
        INVOICING_API_URL: urls.invoicing,
        COLLECTIONS_API_URL: urls.collections,
        INVOICING_API_CREDENTIAL: await serviceToken('notification-service'),
        COLLECTIONS_API_CREDENTIAL: await serviceToken('notification-service'),
      },
      'collections-service': {
        CONTRACT_API_URL: urls.contract,
        MILESTONE_API_URL: urls.milestone,
        INVOICING_API_URL: urls.invoicing,
        NOTIFICATION_API_URL: urls.notification,
        SERVICE_API_CREDENTIAL: await serviceToken('collections-service'),
      },
    };
    const services = placed.map((service) => startService(service, settings, broker.brokers, { ...common, ...(extra[service.name] ?? {}) }));
    cleanups.push(() => stopServices(services));
    await Promise.all(services.map((running) => waitUntilReady(running, 180_000)));
    options.log(`stack ready: services on ${options.portBase + 1}–${options.portBase + 5}, Kafka ${broker.brokers[0]}, database ${options.databaseName}; logs in ${join(dataDir, 'logs')}`);

    const databaseUrl = benchDatabase(adminUrl, options.databaseName).url();
    return {
      urls,
      api: new BillingApiClient(urls, await issuer.issue({ role: 'project_manager', subject: 'bench-pm', expiresInSeconds: 24 * 3600 })),
      issuer,
      brokers: broker.brokers,
      kafkaAdmin: broker.admin,
      adminUrl,
      databaseName: options.databaseName,
      databaseUrl,
      processes: [...services.map((running) => ({ name: running.service.name, pid: running.process.pid as number })), { name: 'kafka', pid: brokerPid }],
      services,
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}
