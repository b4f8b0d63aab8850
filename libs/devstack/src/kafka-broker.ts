import { ChildProcess, execFileSync, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chmodSync, closeSync, existsSync, mkdirSync, openSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Kafka, logLevel } from 'kafkajs';
import { waitFor } from './billing-api-client';
import { KAFKA_ADMIN_PRINCIPAL, KafkaCredentials, kafkaCredentialsOf, localKafkaPrincipals, scramSasl } from './kafka-principals';

/** Pinned with deploy/kafka/pom.xml. kafkajs 2.2 speaks to it: see docs/operations.md. */
export const KAFKA_VERSION = '4.1.2';

export interface LocalKafkaOptions {
  /** The repository root: the broker's jars are cached in .tools/, its data in the dataDir. */
  readonly root: string;
  readonly dataDir: string;
  readonly brokerPort: number;
  readonly controllerPort: number;
  /** Start from empty storage, as test runs do. */
  readonly fresh?: boolean;
  readonly heapMb?: number;
  /** The SCRAM-SHA-512 users; the admin (a super user) among them. Default: localKafkaPrincipals(). */
  readonly principals?: readonly KafkaCredentials[];
  readonly log: (line: string) => void;
}

export interface LocalKafka {
  readonly brokers: string[];
  /** The super user's credentials, for topic creation, ACLs, tools and tests. */
  readonly admin: KafkaCredentials;
  /** False when a broker was already answering on the port and was reused. */
  readonly startedHere: boolean;
  stop(): Promise<void>;
}

/** Downloads the broker and its dependencies from Maven Central once; later runs use the cache. */
export function ensureKafkaDistribution(root: string, log: (line: string) => void): string {
  const libs = join(root, '.tools', `kafka-${KAFKA_VERSION}`, 'libs');
  if (existsSync(join(libs, `kafka_2.13-${KAFKA_VERSION}.jar`))) return libs;
  requireCommand('java', 'Java 17 or newer (Debian: apt-get install openjdk-17-jre-headless)');
  requireCommand('mvn', 'Apache Maven (Debian: apt-get install maven)');
  log(`downloading Apache Kafka ${KAFKA_VERSION} from Maven Central (once; cached in .tools/)`);
  const staging = `${libs}.partial`;
  rmSync(staging, { recursive: true, force: true });
  execFileSync(
    'mvn',
    ['-B', '-f', join(root, 'deploy', 'kafka', 'pom.xml'), 'dependency:copy-dependencies', `-DoutputDirectory=${staging}`, '-DincludeScope=runtime'],
    { stdio: ['ignore', 'inherit', 'inherit'] },
  );
  renameSync(staging, libs);
  log(`Kafka ${KAFKA_VERSION}: ${readdirSync(libs).length} jars cached`);
  return libs;
}

export async function startLocalKafka(options: LocalKafkaOptions): Promise<LocalKafka> {
  const brokers = [`127.0.0.1:${options.brokerPort}`];
  const principals = options.principals ?? localKafkaPrincipals();
  const admin = principals.find((principal) => principal.username === KAFKA_ADMIN_PRINCIPAL) ?? kafkaCredentialsOf(KAFKA_ADMIN_PRINCIPAL);
  principals.forEach(assertPlainCredentials);
  if (await brokerAnswers(brokers, admin, 1)) {
    options.log(`Kafka already answers on ${brokers[0]}: using it`);
    return { brokers, admin, startedHere: false, stop: async () => undefined };
  }
  const libs = ensureKafkaDistribution(options.root, options.log);
  if (options.fresh) rmSync(options.dataDir, { recursive: true, force: true });
  const logDir = join(options.dataDir, 'log');
  mkdirSync(logDir, { recursive: true });
  const propertiesFile = join(options.dataDir, 'server.properties');
  // It holds the admin's password (the broker's own login): readable by its owner only.
  writeFileSync(propertiesFile, serverProperties(options, logDir, admin, principals), { mode: 0o600 });
  chmodSync(propertiesFile, 0o600);
  const java = (mainClass: string, args: string[]) => [
    `-Dlog4j2.configurationFile=${join(options.root, 'deploy', 'kafka', 'log4j2.properties')}`,
    '-cp',
    `${libs}/*`,
    mainClass,
    ...args,
  ];

  if (!existsSync(join(logDir, 'meta.properties'))) {
    // A KRaft cluster id is 16 random bytes in URL-safe base64 without padding. The SCRAM users
    // are written into the cluster's first metadata (KIP-900), so the broker authenticates them
    // from its first second, the admin included.
    // base64url may start with '-': passed as --cluster-id=<id> so the tool never reads it as an option
    const clusterId = randomBytes(16).toString('base64url');
    const scramUsers = principals.flatMap((principal) => ['--add-scram', `SCRAM-SHA-512=[name=${principal.username},password=${principal.password}]`]);
    execFileSync('java', java('kafka.tools.StorageTool', ['format', `--cluster-id=${clusterId}`, '-c', propertiesFile, ...scramUsers]), { stdio: 'ignore' });
  }

  const logFile = join(options.dataDir, 'broker.log');
  const output = openSync(logFile, 'a');
  const heapMb = options.heapMb ?? 768;
  // Detached: a Ctrl-C in the terminal reaches our supervisor, which stops the broker last and
  // cleanly, rather than every process of the group dying at once.
  const broker = spawn('java', [`-Xms${Math.min(256, heapMb)}m`, `-Xmx${heapMb}m`, ...java('kafka.Kafka', [propertiesFile])], {
    detached: true,
    stdio: ['ignore', output, output],
  });
  closeSync(output);
  writeFileSync(join(options.dataDir, 'broker.pid'), String(broker.pid));
  // The broker outlives nothing by accident: stop() ends it, and a stale one is killed on the next run.
  broker.unref();
  let exited = false;
  broker.once('exit', () => (exited = true));

  const deadline = Date.now() + 90_000;
  // Storage formatted before SASL (or passwords changed since) lacks those users: kafka-configs,
  // logged in as the admin with PLAIN (whose user is static, in the properties file), sets them.
  let adminProvisioned = false;
  for (;;) {
    const probe = await probeBroker(brokers, admin);
    if (probe === 'ready') break;
    if (exited) throw new Error(`Kafka exited while starting; see ${logFile}:\n${tail(logFile)}`);
    if (Date.now() > deadline) {
      broker.kill('SIGKILL');
      throw new Error(`Kafka did not answer on ${brokers[0]} within 90 s; see ${logFile}`);
    }
    if (probe === 'authentication-failed' && !adminProvisioned) {
      adminProvisioned = true;
      setScramUsers(java, brokers, options, [admin], admin);
    }
    await sleep(250);
  }
  const refused: KafkaCredentials[] = [];
  for (const principal of principals) if ((await probeBroker(brokers, principal)) === 'authentication-failed') refused.push(principal);
  if (refused.length > 0) {
    setScramUsers(java, brokers, options, refused, admin);
    await waitFor(
      () => Promise.all(refused.map((principal) => probeBroker(brokers, principal))),
      (probes) => probes.every((probe) => probe === 'ready'),
      'the broker to accept the SCRAM users just set',
    );
  }
  options.log(`Kafka ${KAFKA_VERSION} ready on ${brokers[0]} (KRaft, SASL/SCRAM-SHA-512, ${principals.length} users, data in ${options.dataDir})`);
  return { brokers, admin, startedHere: true, stop: () => stopProcess(broker, 30_000) };
}

/** Stops a broker left by an earlier run that did not get to stop it (its pid file remains). */
export function killStaleBroker(dataDir: string): void {
  const pidFile = join(dataDir, 'broker.pid');
  if (!existsSync(pidFile)) return;
  const pid = Number(readFileSync(pidFile, 'utf8'));
  try {
    const commandLine = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
    if (commandLine.includes('kafka.Kafka') && commandLine.includes(dataDir)) process.kill(pid, 'SIGKILL');
  } catch {
    // not running any more
  }
  rmSync(pidFile, { force: true });
}

function serverProperties(options: LocalKafkaOptions, logDir: string, admin: KafkaCredentials, principals: readonly KafkaCredentials[]): string {
  const scramLogin = `org.apache.kafka.common.security.scram.ScramLoginModule required username="${admin.username}" password="${admin.password}";`;
  // The controller listener cannot use SCRAM (its users live in the metadata the controller
  // serves), so the broker-to-controller link logs in with PLAIN against this one static user.
  const plainLogin = `org.apache.kafka.common.security.plain.PlainLoginModule required username="${admin.username}" password="${admin.password}" user_${admin.username}="${admin.password}";`;
  return [
    '# Written by libs/devstack: a single-node KRaft cluster, broker and controller in one process.',
    'process.roles=broker,controller',
    'node.id=1',
    `controller.quorum.voters=1@127.0.0.1:${options.controllerPort}`,
    `listeners=SASL_PLAINTEXT://127.0.0.1:${options.brokerPort},CONTROLLER://127.0.0.1:${options.controllerPort}`,
    `advertised.listeners=SASL_PLAINTEXT://127.0.0.1:${options.brokerPort}`,
    'controller.listener.names=CONTROLLER',
    'inter.broker.listener.name=SASL_PLAINTEXT',
    'listener.security.protocol.map=CONTROLLER:SASL_PLAINTEXT,SASL_PLAINTEXT:SASL_PLAINTEXT',
    '# Every client authenticates (SCRAM-SHA-512, one user per service, docs/security.md). PLAIN,',
    '# with the same users, is for librdkafka clients before 2.6.1 (kcat in Debian 12), whose SCRAM',
    '# Kafka 4 refuses; it sends the password itself, so a cluster off this machine offers SCRAM only.',
    'sasl.enabled.mechanisms=SCRAM-SHA-512,PLAIN',
    'sasl.mechanism.inter.broker.protocol=SCRAM-SHA-512',
    `listener.name.sasl_plaintext.scram-sha-512.sasl.jaas.config=${scramLogin}`,
    `listener.name.sasl_plaintext.plain.sasl.jaas.config=${plainUsers(admin, principals)}`,
    'sasl.mechanism.controller.protocol=PLAIN',
    'listener.name.controller.sasl.enabled.mechanisms=PLAIN',
    `listener.name.controller.plain.sasl.jaas.config=${plainLogin}`,
    '# Deny by default: a principal does only what an ACL grants (libs/events topicAccessGrants).',
    'authorizer.class.name=org.apache.kafka.metadata.authorizer.StandardAuthorizer',
    'allow.everyone.if.no.acl.found=false',
    `super.users=User:${admin.username}`,
    `log.dirs=${logDir}`,
    '# One broker: internal topics cannot have more than one replica.',
    'offsets.topic.replication.factor=1',
    'offsets.topic.num.partitions=6',
    'transaction.state.log.replication.factor=1',
    'transaction.state.log.min.isr=1',
    'share.coordinator.state.topic.replication.factor=1',
    'share.coordinator.state.topic.min.isr=1',
    '# Topics come from the declared list in libs/events, never from a typo in a producer.',
    'auto.create.topics.enable=false',
    'group.initial.rebalance.delay.ms=0',
    'num.partitions=1',
    '# One node is both broker and controller. On a busy machine a metadata write can take seconds',
    '# (measured: 5-6.5 s while the test suites ran), and at the default 9 s the controller fenced',
    '# its own broker: every partition and group coordinator went offline with it for 10-15 s.',
    'broker.session.timeout.ms=30000',
    '',
  ].join('\n');
}

function plainUsers(admin: KafkaCredentials, principals: readonly KafkaCredentials[]): string {
  const users = principals.map((principal) => `user_${principal.username}="${principal.password}"`).join(' ');
  return `org.apache.kafka.common.security.plain.PlainLoginModule required username="${admin.username}" password="${admin.password}" ${users};`;
}

/**
 * Sets (or resets) SCRAM users with Kafka's own kafka-configs (kafkajs has no
 * AlterUserScramCredentials, and the controller listener does not serve it), logged in as the
 * admin with PLAIN, which needs no SCRAM user to exist.
 */
function setScramUsers(
  java: (mainClass: string, args: string[]) => string[],
  brokers: string[],
  options: LocalKafkaOptions,
  principals: readonly KafkaCredentials[],
  admin: KafkaCredentials,
): void {
  const commandConfig = join(options.dataDir, 'admin-plain.properties');
  writeFileSync(
    commandConfig,
    [
      'security.protocol=SASL_PLAINTEXT',
      'sasl.mechanism=PLAIN',
      `sasl.jaas.config=org.apache.kafka.common.security.plain.PlainLoginModule required username="${admin.username}" password="${admin.password}";`,
      '',
    ].join('\n'),
    { mode: 0o600 },
  );
  try {
    for (const principal of principals) {
      execFileSync(
        'java',
        java('kafka.admin.ConfigCommand', [
          '--bootstrap-server',
          brokers[0],
          '--command-config',
          commandConfig,
          '--alter',
          '--entity-type',
          'users',
          '--entity-name',
          principal.username,
          '--add-config',
          `SCRAM-SHA-512=[password=${principal.password}]`,
        ]),
        { stdio: 'ignore' },
      );
    }
    options.log(`Kafka: SCRAM users set for ${principals.map((principal) => principal.username).join(', ')}`);
  } finally {
    rmSync(commandConfig, { force: true });
  }
}

/** A password goes into JAAS and kafka-configs syntax unquoted: keep it to characters both take as they are. */
function assertPlainCredentials(credentials: KafkaCredentials): void {
  for (const value of [credentials.username, credentials.password]) {
    if (!/^[A-Za-z0-9._~!@#$%^&*+:-]+$/.test(value)) {
      throw new Error(`Kafka user ${credentials.username}: names and passwords may use letters, digits and ._~!@#$%^&*+:- only`);
    }
  }
}

async function brokerAnswers(brokers: string[], credentials: KafkaCredentials, retries: number): Promise<boolean> {
  return (await probeBroker(brokers, credentials, retries)) === 'ready';
}

/** Whether the broker answers a metadata request for this user, refuses its login, or is not there. */
async function probeBroker(brokers: string[], credentials: KafkaCredentials, retries = 0): Promise<'ready' | 'authentication-failed' | 'unreachable'> {
  const admin = new Kafka({
    clientId: 'devstack-probe',
    brokers,
    sasl: scramSasl(credentials),
    logLevel: logLevel.NOTHING,
    connectionTimeout: 1000,
    retry: { retries },
  }).admin();
  try {
    await admin.connect();
    await admin.describeCluster();
    return 'ready';
  } catch (error) {
    return isAuthenticationFailure(error) ? 'authentication-failed' : 'unreachable';
  } finally {
    await admin.disconnect().catch(() => undefined);
  }
}

function isAuthenticationFailure(error: unknown): boolean {
  for (let cause = error as { name?: string; type?: string; originalError?: unknown; cause?: unknown } | undefined; cause; ) {
    if (cause.name === 'KafkaJSSASLAuthenticationError' || cause.type === 'SASL_AUTHENTICATION_FAILED') return true;
    cause = (cause.originalError ?? cause.cause) as typeof cause;
  }
  return false;
}

export async function stopProcess(child: ChildProcess, graceMs: number): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  // The grace timer is cleared once the process exits: left running, it would hold the caller's
  // event loop (jest's global teardown, the stack supervisor) open for the whole grace period.
  let graceTimer: NodeJS.Timeout | undefined;
  const graceOver = new Promise<boolean>((resolve) => {
    graceTimer = setTimeout(() => resolve(true), graceMs);
  });
  const timedOut = await Promise.race([exited.then(() => false), graceOver]);
  clearTimeout(graceTimer);
  if (timedOut) {
    child.kill('SIGKILL');
    await exited;
  }
}

function requireCommand(command: string, whatToInstall: string): void {
  try {
    execFileSync('sh', ['-c', `command -v ${command}`], { stdio: 'ignore' });
  } catch {
    throw new Error(`${command} is not installed: install ${whatToInstall}`);
  }
}

function tail(file: string): string {
  return readFileSync(file, 'utf8').split('\n').slice(-15).join('\n');
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
