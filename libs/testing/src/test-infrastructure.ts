import { randomBytes } from 'node:crypto';
import { rmSync } from 'node:fs';
import { basename, join } from 'node:path';
import type { Kafka, SASLOptions } from 'kafkajs';
import { KAFKA_ADMIN_PRINCIPAL, kafkaCredentialsOf, LOCAL_SERVICES, repositoryRoot, scramSasl, serviceDatabaseUrl, serviceKafkaEnvironment, serviceMigrationDatabaseUrl, waitForTopicLeaders } from '@mb/devstack';

/**
 * What the global setup provided: a superuser URL, a database of the suite's own, and a broker.
 * Read from the environment so that jest workers see what the setup process started.
 */
export interface TestInfrastructure {
  readonly adminUrl: string;
  readonly databaseName: string;
  readonly brokers: string[];
}

export const TEST_ENVIRONMENT = {
  adminUrl: 'MB_TEST_ADMIN_URL',
  databaseName: 'MB_TEST_DATABASE_NAME',
  brokers: 'MB_TEST_KAFKA_BROKERS',
} as const;

export function testInfrastructure(): TestInfrastructure {
  const adminUrl = process.env[TEST_ENVIRONMENT.adminUrl];
  const databaseName = process.env[TEST_ENVIRONMENT.databaseName];
  const brokers = process.env[TEST_ENVIRONMENT.brokers];
  if (!adminUrl || !databaseName || !brokers) {
    throw new Error('test infrastructure missing: run integration tests through jest, whose global setup provides it');
  }
  return { adminUrl, databaseName, brokers: brokers.split(',') };
}

/** The superuser URL pointed at the suite's database. */
export function testAdminDatabaseUrl(): string {
  const { adminUrl, databaseName } = testInfrastructure();
  const url = new URL(adminUrl);
  url.pathname = `/${databaseName}`;
  return url.toString();
}

/** A service's own-role URL into the suite's database. */
export function testServiceDatabaseUrl(serviceName: string): string {
  const { adminUrl, databaseName } = testInfrastructure();
  const url = new URL(adminUrl);
  return serviceDatabaseUrl(localService(serviceName), url.hostname, Number(url.port || 5432), databaseName);
}

function localService(serviceName: string) {
  const service = LOCAL_SERVICES.find((candidate) => candidate.name === serviceName);
  if (!service) throw new Error(`unknown service ${serviceName}`);
  return service;
}

/**
 * The SASL login of the tests' own Kafka clients (publishers, readers, topic creation): the
 * admin, a super user, so that a test may publish any event as its producer would.
 */
export function testKafkaSasl(): SASLOptions {
  return scramSasl(kafkaCredentialsOf(KAFKA_ADMIN_PRINCIPAL));
}

/** A principal's user name and password on the suite's broker (`admin`, or a service's name). */
export function testKafkaCredentials(principal: string): { username: string; password: string } {
  return kafkaCredentialsOf(principal);
}

/**
 * The login a service under test uses: its own Kafka user, whose ACLs are the production ones, so
 * a test of a service also proves it has the grants it needs.
 */
export function testServiceKafkaEnvironment(serviceName: string): Record<string, string> {
  return { KAFKA_BROKERS: testInfrastructure().brokers.join(','), ...serviceKafkaEnvironment(serviceName) };
}

/** A service's migration-role (schema owner) URL into the suite's database. */
export function testServiceMigrationDatabaseUrl(serviceName: string): string {
  const { adminUrl, databaseName } = testInfrastructure();
  const url = new URL(adminUrl);
  return serviceMigrationDatabaseUrl(localService(serviceName), url.hostname, Number(url.port || 5432), databaseName);
}

/**
 * Everything a service under test needs to reach the suite's database and broker as it would in
 * production: its runtime role, its migration role (so it migrates at start), its Kafka user.
 */
export function testServiceEnvironment(serviceName: string): Record<string, string> {
  return {
    DATABASE_URL: testServiceDatabaseUrl(serviceName),
    MIGRATION_DATABASE_URL: testServiceMigrationDatabaseUrl(serviceName),
    ...testServiceKafkaEnvironment(serviceName),
  };
}

/** A name no other test uses, for topics, consumer groups and schemas a test makes for itself. */
export function uniqueName(prefix: string): string {
  return `${prefix}_${randomBytes(5).toString('hex')}`;
}

/** Creates topics of a test's own and waits for their leaders. */
export async function createTestTopics(kafka: Kafka, topics: { topic: string; numPartitions: number }[]): Promise<void> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    await admin.createTopics({ topics, waitForLeaders: false });
    await waitForTopicLeaders(admin, topics.map(({ topic }) => topic));
  } finally {
    await admin.disconnect();
  }
}

/**
 * A port an end-to-end test listens on (or starts a service on), moved by MB_E2E_PORT_OFFSET
 * (default 0): two checkouts running their end-to-end suites on one machine at once give
 * different offsets, e.g. MB_E2E_PORT_OFFSET=1000, and never meet on a port.
 */
export function e2ePort(port: number): number {
  const raw = process.env.MB_E2E_PORT_OFFSET ?? '0';
  if (!/^\d+$/.test(raw) || port + Number(raw) > 65535) throw new Error(`MB_E2E_PORT_OFFSET must be a whole number keeping ports under 65536 (got "${raw}")`);
  return port + Number(raw);
}

const startedLogs = new Set<string>();

/**
 * Where an end-to-end suite's service writes its output: `.data/test/logs/<suite>/<service>.log`
 * (the suite named by the test file Jest runs), emptied the first time this run asks for it (a
 * restarted service appends to it after that). Read it when a suite fails on a service that went quiet.
 */
export function testServiceLogFile(serviceName: string): string {
  const testPath = (globalThis as { expect?: { getState(): { testPath?: string } } }).expect?.getState().testPath;
  const suite = testPath ? basename(testPath).replace(/\.(e2e-spec|spec)\.ts$/, '') : 'outside-jest';
  const file = join(repositoryRoot(), '.data', 'test', 'logs', suite, `${serviceName}.log`);
  if (!startedLogs.has(file)) {
    startedLogs.add(file);
    rmSync(file, { force: true });
  }
  return file;
}
