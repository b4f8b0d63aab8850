import { ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { type AddressInfo, createServer } from 'node:net';
import { join } from 'node:path';
import { Client } from 'pg';
import { LOCAL_SERVICES, LocalService, repositoryRoot, startServiceProcess, stopProcess, waitForReadiness } from '@mb/devstack';
import { status } from '@grpc/grpc-js';
import { GRPC_APIS, type GrpcApiName } from '@mb/grpc';
import { newId } from '@mb/kernel';
import { e2ePort, eventually, GrpcCallError, GrpcTestClient, metricValue, parsePrometheusText, seriesMatching, testAdminDatabaseUrl, testAuthEnvironment, testInfrastructure, testServiceEnvironment } from '@mb/testing';

// The foundation every journey stands on: the five services, run from their build exactly as the
// local stack runs them, against the suite's own database and broker. tools/build.mjs must have
// compiled dist/ (bin/test does); a missing build fails with the path and the command to run.

// Apart from the local stack's 3001–3005 and 50051–50055, so that a developer's running stack does
// not collide; MB_E2E_PORT_OFFSET moves them, for another checkout's suite running at once.
const FIRST_E2E_PORT = e2ePort(4101);
const FIRST_E2E_GRPC_PORT = e2ePort(4111);
const READY_WITHIN_MS = 120_000;

interface LaunchedService {
  readonly process: ChildProcess;
  readonly output: { stdout: string; stderr: string };
  /** Settles when the process has exited and its output streams are drained. */
  readonly closed: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

const launched = new Set<ChildProcess>();

function launch(serviceName: string, env: Record<string, string | undefined>): LaunchedService {
  const child = startServiceProcess({ serviceName, env });
  launched.add(child);
  const output = { stdout: '', stderr: '' };
  child.stdout?.setEncoding('utf8').on('data', (chunk: string) => (output.stdout += chunk));
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => (output.stderr += chunk));
  const closed = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    child.once('close', (code, signal) => resolve({ code, signal }));
  });
  return { process: child, output, closed };
}

/** The configuration a service runs with in these tests; `overrides` change or remove variables. */
async function configurationOf(service: LocalService, index: number, overrides: Record<string, string | undefined> = {}) {
  return {
    HTTP_PORT: String(FIRST_E2E_PORT + index),
    GRPC_PORT: String(FIRST_E2E_GRPC_PORT + index),
    HTTP_HOST: '127.0.0.1',
    ...testServiceEnvironment(service.name),
    ...(await testAuthEnvironment()),
    ...overrides,
  };
}

function lastLinesOf(text: string, count = 20): string {
  return text.trimEnd().split('\n').slice(-count).join('\n');
}

function linesOf(text: string): string[] {
  return text.split('\n').filter((line) => line.length > 0);
}

afterAll(async () => {
  // Whatever a failed test left running.
  await Promise.all([...launched].map((child) => stopProcess(child, 10_000)));
});

/** Metric names selected with label matchers in the given files, e.g. `mb_outbox_pending_events{system="…"}`. */
function metricNamesQueriedIn(files: string[]): Set<string> {
  const names = new Set<string>();
  for (const file of files) {
    const text = readFileSync(join(repositoryRoot(), file), 'utf8');
    for (const [, name] of text.matchAll(/\b([a-z_][a-z0-9_]*)\{/g)) if (name !== 'up') names.add(name);
  }
  return names;
}

/** The consumer groups each service runs. */
const CONSUMER_GROUPS: Record<string, string[]> = {
  'contract-service': ['contract-service.milestone-progress'],
  'milestone-service': ['milestone-service.lifecycle'],
  'invoicing-service': ['invoicing-service.billing'],
  'notification-service': ['notification-service.notifications'],
  'collections-service': ['collections-service.dispute-invoices', 'collections-service.collections', 'collections-service.payment-plans'],
};

describe('the five services, started from their build', () => {
  const running = new Map<string, LaunchedService & { readonly url: string; readonly grpcAddress: string }>();
  const grpcClients: GrpcTestClient[] = [];

  afterAll(() => grpcClients.forEach((client) => client.close()));

  beforeAll(async () => {
    // given each service with its own role's database URL, the test broker and a port of its own
    const configurations = await Promise.all(LOCAL_SERVICES.map((service, index) => configurationOf(service, index)));
    LOCAL_SERVICES.forEach((service, index) => {
      const started = launch(service.name, configurations[index]);
      running.set(service.name, { ...started, url: `http://127.0.0.1:${FIRST_E2E_PORT + index}`, grpcAddress: `127.0.0.1:${FIRST_E2E_GRPC_PORT + index}` });
    });
    // when they start, all at once as the local stack starts them
    await Promise.all(
      [...running].map(async ([name, service]) => {
        try {
          await waitForReadiness(service.url, service.process, READY_WITHIN_MS);
        } catch (error) {
          throw new Error(`${name} ${(error as Error).message}; its last output:\n${lastLinesOf(service.output.stdout + service.output.stderr)}`, {
            cause: error,
          });
        }
      }),
    );
  });

  const serviceNames = LOCAL_SERVICES.map((service) => service.name);
  const runningService = (name: string) => {
    const service = running.get(name);
    if (!service) throw new Error(`${name} was not started`);
    return service;
  };

  it.each(serviceNames)('%s reports itself ready with its database and broker up, and its consumer groups joined', async (name) => {
    // when its readiness endpoint is asked, once its groups had time to join in the background
    const readiness = () => fetch(`${runningService(name).url}/health/ready`).then(async (response) => ({ status: response.status, body: (await response.json()) as unknown }));
    const answer = await eventually(readiness, ({ body }) => (body as { checks: { consumers: { joining: string[] } } }).checks.consumers.joining.length === 0, `${name}'s groups joined`);
    // then it answers 200, names both dependencies as up and each of its consumer groups as joined
    expect(answer).toEqual({
      status: 200,
      body: {
        status: 'ready',
        checks: { database: { status: 'up' }, kafka: { status: 'up' }, consumers: { status: 'up', joined: CONSUMER_GROUPS[name], joining: [] } },
      },
    });
  });

  it.each(serviceNames)('%s answers its liveness probe', async (name) => {
    // when its liveness endpoint is asked
    const response = await fetch(`${runningService(name).url}/health/live`);
    // then it answers 200
    expect(response.status).toBe(200);
    await expect(response.json()).resolves.toEqual({ status: 'alive' });
  });

  it.each(serviceNames)('%s describes its REST API with OpenAPI at /docs', async (name) => {
    // when its documentation is asked for
    const document = await fetch(`${runningService(name).url}/docs/openapi.json`);
    const page = await fetch(`${runningService(name).url}/docs`);
    // then it serves an OpenAPI 3 document and a page to read it
    expect(document.status).toBe(200);
    await expect(document.json()).resolves.toMatchObject({ openapi: expect.stringMatching(/^3\./), info: { title: `${name} API` } });
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toContain('text/html');
  });

  it.each(serviceNames)('%s serves Prometheus metrics at /metrics: its process, requests, outbox and consumer groups', async (name) => {
    // given one API request answered
    await fetch(`${runningService(name).url}/health/live`);
    // when Prometheus scrapes it
    const response = await fetch(`${runningService(name).url}/metrics`);
    // then it answers the text format with the process's own metrics and the backbone's
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('text/plain');
    const series = parsePrometheusText(await response.text());
    expect(metricValue(series, 'process_resident_memory_bytes')).toBeGreaterThan(0);
    expect(metricValue(series, 'http_request_duration_seconds_count', { route: '/health/live', status_code: '200' })).toBeGreaterThanOrEqual(1);
    expect(metricValue(series, 'mb_outbox_pending_events')).toBeGreaterThanOrEqual(0);
    expect(metricValue(series, 'mb_outbox_oldest_pending_age_seconds')).toBeGreaterThanOrEqual(0);
    const groups = new Set(seriesMatching(series, 'kafka_consumergroup_lag').map(({ labels }) => labels.consumergroup));
    expect([...groups]).toEqual(CONSUMER_GROUPS[name]);
  });

  /** One read per service's gRPC API, and what it answers for ids that name nothing. */
  const GRPC_READS: Record<string, { api: GrpcApiName; rpc: string; request: object; answer: 'ok' | 'not_found' }> = {
    'contract-service': { api: 'contract', rpc: 'GetClient', request: { client_id: newId('cli') }, answer: 'not_found' },
    'milestone-service': { api: 'milestone', rpc: 'ListMilestones', request: { contract_id: newId('con') }, answer: 'ok' },
    'invoicing-service': { api: 'invoicing', rpc: 'GetInvoice', request: { invoice_id: newId('inv') }, answer: 'not_found' },
    'notification-service': { api: 'notification', rpc: 'ListWebhookSubscriptions', request: {}, answer: 'ok' },
    'collections-service': { api: 'collections', rpc: 'ListCases', request: { client_id: newId('cli') }, answer: 'ok' },
  };

  it.each(serviceNames)('%s serves its gRPC API on GRPC_PORT', async (name) => {
    // given a gRPC client of the service's API, loading the published protos' sources
    const read = GRPC_READS[name];
    const client = GrpcTestClient.connect(GRPC_APIS[read.api], runningService(name).grpcAddress);
    grpcClients.push(client); // left connected: the SIGTERM test below stops the service with it open
    // when it calls a read
    const answer = await client.call(read.rpc, read.request).catch((error: unknown) => error);
    // then the service answers it, an unknown id with NOT_FOUND and its stable code
    if (read.answer === 'ok') expect(answer).not.toBeInstanceOf(Error);
    else expect([(answer as GrpcCallError).code, (answer as GrpcCallError).errorCode]).toEqual([status.NOT_FOUND, expect.stringMatching(/\.not_found$/)]);
  });

  it('between them expose every metric the alert rules and the Grafana dashboard query', async () => {
    // given the metric names deploy/ selects on (`name{...}`; `up` is Prometheus's own)
    const queried = metricNamesQueriedIn(['deploy/prometheus/alerts.yml', 'deploy/grafana/dashboards/milestone-billing-overview.json']);
    expect(queried.size).toBeGreaterThan(5);
    // when every service is scraped
    const declared = new Set<string>();
    for (const name of serviceNames) {
      const text = await (await fetch(`${runningService(name).url}/metrics`)).text();
      for (const [, metric] of text.matchAll(/^# TYPE (\S+) /gm)) declared.add(metric);
    }
    // then each queried metric is declared by some service (a histogram by its base name)
    const missing = [...queried].filter((metric) => !declared.has(metric.replace(/_(bucket|count|sum)$/, '')) && !declared.has(metric));
    expect(missing).toEqual([]);
  });

  it.each(LOCAL_SERVICES.map((service) => [service.name, service.schema] as const))(
    '%s has applied its migrations to the %s schema',
    async (_name, schema) => {
      // when the superuser lists the service's schema
      const admin = new Client({ connectionString: testAdminDatabaseUrl() });
      await admin.connect();
      try {
        const tables = await admin.query<{ table_name: string }>(
          'SELECT table_name FROM information_schema.tables WHERE table_schema = $1 ORDER BY table_name',
          [schema],
        );
        const migrations = await admin.query<{ name: string }>(`SELECT name FROM "${schema}".schema_migrations`);
        // then the outbox and inbox are there, made by the recorded messaging-tables migration
        expect(tables.rows.map((row) => row.table_name)).toEqual(expect.arrayContaining(['outbox', 'inbox']));
        expect(migrations.rows.map((row) => row.name)).toContain('MessagingTables1763769600000');
      } finally {
        await admin.end();
      }
    },
  );

  it.each(serviceNames)('%s stops with exit code 0 on SIGTERM', async (name) => {
    // given the running service
    const service = runningService(name);
    // when it is sent SIGTERM
    service.process.kill('SIGTERM');
    // then it shuts down cleanly by itself
    await expect(service.closed).resolves.toEqual({ code: 0, signal: null });
  });
});

describe('a service given a configuration it cannot run with', () => {
  const contractService = LOCAL_SERVICES.find((service) => service.name === 'contract-service') as LocalService;

  async function runUntilExit(overrides: Record<string, string | undefined>) {
    // on ports apart from the five above
    const started = launch(contractService.name, await configurationOf(contractService, LOCAL_SERVICES.length, overrides));
    const { code, signal } = await started.closed;
    return { code, signal, stderrLines: linesOf(started.output.stderr) };
  }

  it('exits non-zero with one line naming DATABASE_URL when the URL is malformed', async () => {
    // given a DATABASE_URL that is not a URL
    // when the service starts
    const { code, signal, stderrLines } = await runUntilExit({ DATABASE_URL: 'not-a-url' });
    // then it exits by itself with a failure code and one line that names the variable
    expect(signal).toBeNull();
    expect(code).toBeGreaterThan(0);
    expect(stderrLines).toHaveLength(1);
    expect(stderrLines[0]).toMatch(/DATABASE_URL/);
  });

  it('exits non-zero with one line naming DATABASE_URL when nothing listens there', async () => {
    // given a well-formed URL, with a password, at a port where no database listens
    const { databaseName } = testInfrastructure();
    const password = 'never-printed-9f2c';
    // when the service starts
    const { code, signal, stderrLines } = await runUntilExit({
      DATABASE_URL: `postgres://${contractService.role}:${password}@127.0.0.1:1/${databaseName}`,
    });
    // then it exits by itself with a failure code and one line that names the variable, not the password
    expect(signal).toBeNull();
    expect(code).toBeGreaterThan(0);
    expect(stderrLines).toHaveLength(1);
    expect(stderrLines[0]).toMatch(/DATABASE_URL/);
    expect(stderrLines[0]).not.toContain(password);
  });

  it('exits non-zero with a last line naming GRPC_PORT when another process holds the port', async () => {
    // given a port in use
    const holder = createServer();
    await new Promise<void>((resolve) => holder.listen(0, '127.0.0.1', resolve));
    const port = (holder.address() as AddressInfo).port;
    try {
      // when the service starts on it
      const { code, signal, stderrLines } = await runUntilExit({ GRPC_PORT: String(port) });
      // then it stops by itself, saying why in the variable's name
      expect(signal).toBeNull();
      expect(code).toBeGreaterThan(0);
      expect(stderrLines.at(-1)).toMatch(new RegExp(`cannot serve gRPC on 127\\.0\\.0\\.1:${port} \\(GRPC_PORT\\)`));
    } finally {
      await new Promise<void>((resolve) => holder.close(() => resolve()));
    }
  });

  it('exits non-zero with one line naming KAFKA_BROKERS when it is not set', async () => {
    // given no KAFKA_BROKERS at all
    // when the service starts
    const { code, signal, stderrLines } = await runUntilExit({ KAFKA_BROKERS: undefined });
    // then it exits by itself with a failure code and one line that names the variable
    expect(signal).toBeNull();
    expect(code).toBeGreaterThan(0);
    expect(stderrLines).toHaveLength(1);
    expect(stderrLines[0]).toMatch(/KAFKA_BROKERS/);
  });
});
