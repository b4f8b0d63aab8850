import { type ChildProcess } from 'node:child_process';
import { createWriteStream, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Kafka, logLevel } from 'kafkajs';
import { TOPICS, topicAccessGrants } from '@mb/events';
import {
  bootstrapDatabase,
  ensureTopicAcls,
  ensureTopics,
  killStaleBroker,
  LOCAL_SERVICES,
  LocalIssuer,
  type LocalKafka,
  type LocalService,
  type MailSink,
  type ServiceUrls,
  scramSasl,
  serviceDatabaseUrl,
  serviceKafkaEnvironment,
  serviceMigrationDatabaseUrl,
  startLocalKafka,
  startMailSink,
  startServiceProcess,
  stopProcess,
  withPgClient,
} from '@mb/devstack';
import { FrontBalancer, freePortIn } from './front-balancer';
import { PrivatePostgres } from './private-postgres';
import { WebhookReceiver } from './webhook-receiver';

/** Where the chaos run's own stack listens: all inside 43000–43999, apart from every other stack on the machine. */
/**
 * Shifts every port below, so that a second run (a long one beside the test command's short one)
 * can share the machine: MB_CHAOS_PORT_OFFSET=1000 moves 43xxx to 44xxx.
 */
const PORT_OFFSET = Number(process.env.MB_CHAOS_PORT_OFFSET ?? 0);

export const CHAOS_PORTS = {
  postgres: 43432 + PORT_OFFSET,
  kafka: 43092 + PORT_OFFSET,
  kafkaController: 43093 + PORT_OFFSET,
  smtp: 43025 + PORT_OFFSET,
  mailView: 43026 + PORT_OFFSET,
  webhooks: 43030 + PORT_OFFSET,
  /** The front (load balancer) of service `s` (0–4): firstFront + s. */
  firstFront: 43001 + PORT_OFFSET,
  /** Where instances listen (HTTP and gRPC), chosen afresh at each start. */
  instancesFrom: 43100 + PORT_OFFSET,
  instancesTo: 43999 + PORT_OFFSET,
} as const;

export const CHAOS_DATABASE = 'mb_chaos';
export const INSTANCES_PER_SERVICE = 2;

/** One running instance of a service: which, where, its process, and its log. */
export interface ServiceInstance {
  readonly service: LocalService;
  /** 0 or 1. */
  readonly replica: number;
  /** e.g. `invoicing-service#1`. */
  readonly label: string;
  /** The instance's own HTTP address (its readiness); clients go through the service's front. */
  url: string;
  httpPort: number;
  grpcPort: number;
  process: ChildProcess;
  readonly logFile: string;
  /** Where this process's output begins in the log (earlier processes of the instance wrote before). */
  logOffset: number;
  readonly env: Readonly<Record<string, string>>;
}

const shortName = (service: LocalService) => service.name.replace('-service', '');

/**
 * The whole product twice over, for the chaos run: a private PostgreSQL cluster, its own Kafka
 * broker (SASL and ACLs as in production), an SMTP sink, a webhook receiver, and two instances of
 * each of the five services (their consumer groups share the partitions; their outbox relays
 * compete for leadership). Every fault the run injects goes through a method here.
 */
export class ChaosStack {
  readonly postgres: PrivatePostgres;
  readonly webhooks = new WebhookReceiver(CHAOS_PORTS.webhooks);
  readonly instances: ServiceInstance[] = [];
  private readonly fronts: FrontBalancer[] = [];
  mailSink!: MailSink;
  issuer!: LocalIssuer;
  /** Instances that exited without the run killing them (each restarted by the supervision). */
  readonly unexpectedExits: string[] = [];
  private kafka?: LocalKafka;
  private stopping = false;
  private readonly killing = new WeakSet<ChildProcess>();

  constructor(
    readonly root: string,
    readonly dataDir: string,
    private readonly say: (line: string) => void,
  ) {
    this.postgres = new PrivatePostgres(join(dataDir, 'postgres'), CHAOS_PORTS.postgres);
  }

  get brokers(): string[] {
    return [`127.0.0.1:${CHAOS_PORTS.kafka}`];
  }

  get databaseUrl(): string {
    return `postgres://postgres@127.0.0.1:${CHAOS_PORTS.postgres}/${CHAOS_DATABASE}`;
  }

  /** An admin Kafka client (the super user), for the checker and the run's own reading. */
  adminKafka(clientId: string): Kafka {
    if (!this.kafka) throw new Error('Kafka is not started');
    return new Kafka({ clientId, brokers: this.brokers, sasl: scramSasl(this.kafka.admin), logLevel: logLevel.NOTHING, connectionTimeout: 3000 });
  }

  /** Each service's front (its load balancer) by short name: contract, milestone, invoicing, notification, collections. */
  frontUrls(): ServiceUrls {
    return Object.fromEntries(LOCAL_SERVICES.map((service, index) => [shortName(service), `http://127.0.0.1:${CHAOS_PORTS.firstFront + index}`])) as unknown as ServiceUrls;
  }

  async start(): Promise<void> {
    await this.postgres.start();
    await bootstrapDatabase({ adminUrl: this.postgres.adminUrl, databaseName: CHAOS_DATABASE, services: LOCAL_SERVICES, recreate: true });
    this.say(`PostgreSQL (private cluster) on ${CHAOS_PORTS.postgres}, database ${CHAOS_DATABASE}`);
    await this.startBroker(true);
    const admin = this.adminKafka('chaos-setup');
    await ensureTopics(admin, TOPICS);
    await ensureTopicAcls(admin, topicAccessGrants());
    this.mailSink = await startMailSink({ smtpPort: CHAOS_PORTS.smtp, httpPort: CHAOS_PORTS.mailView });
    await this.webhooks.start();
    this.issuer = await LocalIssuer.openOrCreate(join(this.dataDir, 'auth'));
    for (const [index, service] of LOCAL_SERVICES.entries()) {
      const front = new FrontBalancer(CHAOS_PORTS.firstFront + index, () =>
        this.instances.filter((instance) => instance.service === service && instance.process.exitCode === null && instance.process.signalCode === null).map((instance) => instance.httpPort),
      );
      await front.start();
      this.fronts.push(front);
    }
    const environments = await this.serviceEnvironments();
    // Instance 0 of every service first: each migrates its schema at start, and two instances
    // migrating one schema at once would race on the migrations table.
    for (const replica of [0, 1]) {
      const started = await Promise.all(LOCAL_SERVICES.map((service) => this.spawn(service, replica, environments[service.name])));
      this.instances.push(...started);
      started.forEach((instance) => this.supervise(instance));
      await Promise.all(started.map((instance) => this.waitReady(instance)));
    }
    this.say(`${this.instances.length} service instances ready (two of each service)`);
  }

  async stop(): Promise<void> {
    this.stopping = true;
    await Promise.all(this.instances.map((instance) => stopProcess(instance.process, 20_000)));
    await Promise.all(this.fronts.map((front) => front.stop()));
    await this.kafka?.stop();
    await this.mailSink?.stop();
    await this.webhooks.stop();
    this.postgres.stop();
  }

  instance(serviceName: string, replica: number): ServiceInstance {
    const found = this.instances.find((candidate) => candidate.service.name === serviceName && candidate.replica === replica);
    if (!found) throw new Error(`no instance ${serviceName}#${replica}`);
    return found;
  }

  /** SIGKILL: no shutdown hook runs, the consumer group learns of it only when the session times out. */
  async kill(instance: ServiceInstance): Promise<void> {
    const exited = new Promise<void>((resolve) => instance.process.once('exit', () => resolve()));
    this.killing.add(instance.process);
    instance.process.kill('SIGKILL');
    await exited;
  }

  /** Starts the instance again with the same settings; `waitReady` tells when it answers /health/ready. */
  async restart(instance: ServiceInstance): Promise<void> {
    Object.assign(instance, await this.spawn(instance.service, instance.replica, instance.env));
    this.supervise(instance);
  }

  freeze(instance: ServiceInstance): void {
    instance.process.kill('SIGSTOP');
  }

  thaw(instance: ServiceInstance): void {
    instance.process.kill('SIGCONT');
  }

  /** Stops the broker cleanly and starts it again on the same data (the partitions' leader is away meanwhile). */
  async restartBroker(): Promise<void> {
    await this.kafka?.stop();
    await this.startBroker(false);
  }

  async restartPostgres(): Promise<void> {
    await this.postgres.restart();
  }

  /**
   * What a failover to a read-only replica looks like to one service: its role's new transactions
   * are read-only (25006 on every write) and its current sessions are cut, so it reconnects into
   * that state.
   */
  async makeReadOnly(service: LocalService): Promise<void> {
    await withPgClient(this.postgres.adminUrl, async (admin) => {
      await admin.query(`ALTER ROLE "${service.role}" SET default_transaction_read_only = on`);
      await admin.query('SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE usename = $1', [service.role]);
    });
  }

  /** Back to writable; sessions opened while read-only keep that setting, so they are cut again, as after a failback. */
  async makeWritable(service: LocalService): Promise<void> {
    await withPgClient(this.postgres.adminUrl, async (admin) => {
      await admin.query(`ALTER ROLE "${service.role}" RESET default_transaction_read_only`);
      await admin.query('SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE usename = $1', [service.role]);
    });
  }

  /**
   * The instance whose relay holds its schema's outbox leadership: the holder of the schema's
   * unexpired `outbox_relay_lease`, named `<host>:<pid>:<nonce>` by the relay.
   */
  async relayLeader(service: LocalService): Promise<ServiceInstance | undefined> {
    const rows = await withPgClient(this.databaseUrl, (admin) =>
      admin.query<{ holder: string | null }>(`SELECT holder FROM ${service.schema}.outbox_relay_lease WHERE expires_at > clock_timestamp()`),
    );
    const pid = Number(rows.rows[0]?.holder?.split(':')[1]);
    if (!Number.isInteger(pid)) return undefined;
    return this.instances.find((instance) => instance.service === service && instance.process.pid === pid);
  }

  private async startBroker(fresh: boolean): Promise<void> {
    const kafkaDir = join(this.dataDir, 'kafka');
    if (fresh) killStaleBroker(kafkaDir);
    this.kafka = await startLocalKafka({
      root: this.root,
      dataDir: kafkaDir,
      brokerPort: CHAOS_PORTS.kafka,
      controllerPort: CHAOS_PORTS.kafkaController,
      fresh,
      heapMb: 512,
      log: this.say,
    });
  }

  private async serviceEnvironments(): Promise<Record<string, Record<string, string>>> {
    const urls = this.frontUrls();
    const serviceToken = await this.issuer.issue({ role: 'service', subject: 'chaos-services', expiresInSeconds: 24 * 3600 });
    const common: Record<string, string> = {
      ...this.issuer.serviceEnvironment(),
      LOG_LEVEL: 'warn',
      SMTP_URL: `smtp://127.0.0.1:${CHAOS_PORTS.smtp}`,
      WEBHOOK_RETRY_BASE_MS: '500',
      WEBHOOK_HTTP_URLS: 'local-development',
      WEBHOOK_EGRESS_ALLOWED_CIDRS: '127.0.0.1/32',
      API_KEY_SERVICE_URL: urls.contract,
      // The load comes from one caller at a steady rate: the per-caller limit is not under test.
      RATE_LIMIT_MAX: '0',
      RATE_LIMIT_ADDRESS_MAX: '0',
    };
    const extra: Record<string, Record<string, string>> = {
      'notification-service': { INVOICING_API_URL: urls.invoicing, INVOICING_API_CREDENTIAL: serviceToken, COLLECTIONS_API_URL: urls.collections, COLLECTIONS_API_CREDENTIAL: serviceToken },
      'collections-service': {
        CONTRACT_API_URL: urls.contract,
        MILESTONE_API_URL: urls.milestone,
        INVOICING_API_URL: urls.invoicing,
        NOTIFICATION_API_URL: urls.notification,
        SERVICE_API_CREDENTIAL: serviceToken,
      },
    };
    return Object.fromEntries(
      LOCAL_SERVICES.map((service) => [
        service.name,
        {
          ...common,
          DATABASE_URL: serviceDatabaseUrl(service, '127.0.0.1', CHAOS_PORTS.postgres, CHAOS_DATABASE),
          MIGRATION_DATABASE_URL: serviceMigrationDatabaseUrl(service, '127.0.0.1', CHAOS_PORTS.postgres, CHAOS_DATABASE),
          KAFKA_BROKERS: this.brokers.join(','),
          ...serviceKafkaEnvironment(service.name),
          ...(extra[service.name] ?? {}),
        },
      ]),
    );
  }

  /**
   * Restarts an instance that exits unless the run stopped or killed it, a second later, as a
   * process supervisor (Kubernetes, systemd) would: a service that gives up on a lost dependency
   * comes back, and the run counts it. Also covers a port of the run's, which lies inside Linux's
   * ephemeral range (32768–60999), held for a moment by some outgoing connection.
   */
  private supervise(instance: ServiceInstance): void {
    const child = instance.process;
    child.once('exit', (code, signal) => {
      if (this.stopping || instance.process !== child || this.killing.has(child)) return;
      // A port taken between the probe and the service's bind (by an outgoing connection, often
      // the service's own to Kafka) is the run's doing, not the service's: not counted.
      if (readIfPresent(instance.logFile).slice(instance.logOffset).includes('EADDRINUSE')) {
        this.say(`${instance.label} found its port taken; starting it on others`);
      } else {
        this.unexpectedExits.push(`${instance.label} (${signal ?? `code ${code}`})`);
        this.say(`${instance.label} exited (${signal ?? `code ${code}`}); restarting it; see ${instance.logFile}`);
      }
      setTimeout(() => {
        if (this.stopping || instance.process !== child) return;
        void this.restart(instance);
      }, 1_000);
    });
  }

  private async spawn(service: LocalService, replica: number, env: Readonly<Record<string, string>>): Promise<ServiceInstance> {
    const label = `${service.name}#${replica}`;
    const logDir = join(this.dataDir, 'logs');
    mkdirSync(logDir, { recursive: true });
    const logFile = join(logDir, `${service.name}-${replica}.log`);
    const logOffset = readIfPresent(logFile).length;
    const taken = new Set([...this.instances.flatMap((instance) => [instance.httpPort, instance.grpcPort])]);
    const httpPort = await freePortIn(CHAOS_PORTS.instancesFrom, CHAOS_PORTS.instancesTo, taken);
    const grpcPort = await freePortIn(CHAOS_PORTS.instancesFrom, CHAOS_PORTS.instancesTo, new Set([...taken, httpPort]));
    const url = `http://127.0.0.1:${httpPort}`;
    const child = startServiceProcess({
      serviceName: service.name,
      root: this.root,
      env: { ...env, HTTP_PORT: String(httpPort), GRPC_PORT: String(grpcPort), HTTP_HOST: '127.0.0.1' },
    });
    const log = createWriteStream(logFile, { flags: 'a' });
    child.stdout?.pipe(log);
    child.stderr?.pipe(log);
    return { service, replica, label, url, httpPort, grpcPort, process: child, logFile, logOffset, env };
  }

  /** Polls /health/ready of whatever process the instance runs now (the supervision restarts one that exits). */
  async waitReady(instance: ServiceInstance): Promise<void> {
    const deadline = Date.now() + 180_000;
    while (Date.now() < deadline) {
      try {
        const response = await fetch(`${instance.url}/health/ready`, { signal: AbortSignal.timeout(2_000) });
        await response.arrayBuffer();
        if (response.ok) return;
      } catch {
        // not listening yet
      }
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    throw new Error(`${instance.label} not ready within 180 s; see ${instance.logFile}`);
  }
}

function readIfPresent(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return '';
  }
}
