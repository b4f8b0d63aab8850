import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { Kafka, logLevel } from 'kafkajs';
import { SERVICE_PRINCIPALS, TOPICS, topicAccessGrants } from '@mb/events';
import {
  bootstrapDatabase,
  ensurePostgresRunning,
  ensureTopicAcls,
  ensureTopics,
  kafkaCredentialsOf,
  killStaleBroker,
  LOCAL_SERVICES,
  repositoryRoot,
  scramSasl,
  startLocalKafka,
} from '@mb/devstack';
import { startContainers } from './containers';
import { TEST_ENVIRONMENT, testKafkaSasl } from './test-infrastructure';
import { setTeardown } from './teardown-registry';

// Overridable so that two test runs in one checkout (two developers' helpers, say) stay apart.
const TEST_DATABASE = process.env.MB_TEST_DATABASE ?? 'milestone_billing_test';
const TEST_KAFKA_PORT = Number(process.env.MB_TEST_KAFKA_PORT ?? 19092);

/**
 * Brings up what integration and end-to-end tests need, apart from a developer's running stack:
 * its own database (recreated each run) and its own broker (fresh storage, other ports).
 * With MB_TEST_INFRA=containers (or =auto where a Docker engine answers) both come from
 * testcontainers instead of the machine.
 */
export default async function globalSetup(): Promise<void> {
  if (process.env[TEST_ENVIRONMENT.brokers]) return; // provided by the caller or an earlier project
  const say = (line: string) => process.stdout.write(`[test-infra] ${line}\n`);
  const mode = process.env.MB_TEST_INFRA ?? 'auto';
  if (mode === 'containers' || (mode === 'auto' && dockerEngineAnswers())) {
    const containers = await startContainers(say);
    await provision(containers.adminUrl, containers.brokers, say);
    setTeardown(containers.stop);
    return;
  }

  const adminUrl = process.env.PG_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  const postgres = await ensurePostgresRunning(adminUrl, say);
  const root = repositoryRoot();
  const dataDir = join(root, '.data', 'test', `kafka-${TEST_KAFKA_PORT}`);
  killStaleBroker(dataDir);
  const kafka = await startLocalKafka({
    root,
    dataDir,
    brokerPort: TEST_KAFKA_PORT,
    controllerPort: TEST_KAFKA_PORT + 1,
    fresh: true,
    heapMb: 1024,
    log: say,
  });
  await provision(adminUrl, kafka.brokers, say);
  setTeardown(async () => {
    await kafka.stop();
    postgres.stop?.();
  });
}

async function provision(adminUrl: string, brokers: string[], say: (line: string) => void): Promise<void> {
  await bootstrapDatabase({ adminUrl, databaseName: TEST_DATABASE, services: LOCAL_SERVICES, recreate: true });
  const kafka = new Kafka({ clientId: 'test-setup', brokers, sasl: testKafkaSasl(), logLevel: logLevel.WARN });
  await ensureTopics(kafka, TOPICS);
  const acls = await ensureTopicAcls(kafka, topicAccessGrants());
  await waitForGrantsToApply(brokers);
  say(`database ${TEST_DATABASE}, ${TOPICS.length} topics and ${acls} ACLs ready on ${brokers.join(',')}`);
  process.env[TEST_ENVIRONMENT.adminUrl] = adminUrl;
  process.env[TEST_ENVIRONMENT.databaseName] = TEST_DATABASE;
  process.env[TEST_ENVIRONMENT.brokers] = brokers.join(',');
}

/**
 * The broker's authorizer learns new ACLs from the metadata log a moment after the controller
 * accepted them. A service starting within that moment (on a fresh broker, the first test's) is
 * refused its idempotent producer ("Cluster authorization failed" on InitProducerId), so setup
 * waits until every service principal can start one.
 */
async function waitForGrantsToApply(brokers: string[]): Promise<void> {
  // A ceiling, not a measure: a few seconds on a quiet machine, and more than 30 s once, with the
  // short chaos run's ten services and broker restarts on the same two cores.
  const deadline = Date.now() + 120_000;
  await Promise.all(
    SERVICE_PRINCIPALS.map(async (principal) => {
      const kafka = new Kafka({ clientId: `test-setup-${principal}`, brokers, sasl: scramSasl(kafkaCredentialsOf(principal)), logLevel: logLevel.NOTHING });
      for (;;) {
        const producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
        try {
          await producer.connect();
          return;
        } catch (error) {
          if (Date.now() > deadline) throw new Error(`the broker never granted ${principal} its idempotent producer: ${(error as Error).message}`, { cause: error });
          await new Promise((resolve) => setTimeout(resolve, 200));
        } finally {
          await producer.disconnect();
        }
      }
    }),
  );
}

function dockerEngineAnswers(): boolean {
  try {
    execFileSync('docker', ['info', '--format', '{{.ServerVersion}}'], { stdio: 'ignore', timeout: 5000 });
    return true;
  } catch {
    return false;
  }
}
