import { ChildProcess, execFileSync, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { closeSync, existsSync, mkdirSync, openSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Kafka, logLevel } from 'kafkajs';

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
  readonly log: (line: string) => void;
}

export interface LocalKafka {
  readonly brokers: string[];
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
  if (await brokerAnswers(brokers, 1)) {
    options.log(`Kafka already answers on ${brokers[0]}: using it`);
    return { brokers, startedHere: false, stop: async () => undefined };
  }
  const libs = ensureKafkaDistribution(options.root, options.log);
  if (options.fresh) rmSync(options.dataDir, { recursive: true, force: true });
  const logDir = join(options.dataDir, 'log');
  mkdirSync(logDir, { recursive: true });
  const propertiesFile = join(options.dataDir, 'server.properties');
  writeFileSync(propertiesFile, serverProperties(options, logDir));
  const java = (mainClass: string, args: string[]) => [
    `-Dlog4j2.configurationFile=${join(options.root, 'deploy', 'kafka', 'log4j2.properties')}`,
    '-cp',
    `${libs}/*`,
    mainClass,
    ...args,
  ];

  if (!existsSync(join(logDir, 'meta.properties'))) {
    // A KRaft cluster id is 16 random bytes in URL-safe base64 without padding.
    const clusterId = randomBytes(16).toString('base64url');
    execFileSync('java', java('kafka.tools.StorageTool', ['format', '-t', clusterId, '-c', propertiesFile]), { stdio: 'ignore' });
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
  while (!(await brokerAnswers(brokers, 1))) {
    if (exited) throw new Error(`Kafka exited while starting; see ${logFile}:\n${tail(logFile)}`);
    if (Date.now() > deadline) {
      broker.kill('SIGKILL');
      throw new Error(`Kafka did not answer on ${brokers[0]} within 90 s; see ${logFile}`);
    }
    await sleep(250);
  }
  options.log(`Kafka ${KAFKA_VERSION} ready on ${brokers[0]} (KRaft, data in ${options.dataDir})`);
  return { brokers, startedHere: true, stop: () => stopProcess(broker, 30_000) };
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

function serverProperties(options: LocalKafkaOptions, logDir: string): string {
  return [
    '# Written by libs/devstack: a single-node KRaft cluster, broker and controller in one process.',
    'process.roles=broker,controller',
    'node.id=1',
    `controller.quorum.voters=1@127.0.0.1:${options.controllerPort}`,
    `listeners=PLAINTEXT://127.0.0.1:${options.brokerPort},CONTROLLER://127.0.0.1:${options.controllerPort}`,
    `advertised.listeners=PLAINTEXT://127.0.0.1:${options.brokerPort}`,
    'controller.listener.names=CONTROLLER',
    'inter.broker.listener.name=PLAINTEXT',
    'listener.security.protocol.map=CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT',
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
    '',
  ].join('\n');
}

async function brokerAnswers(brokers: string[], retries: number): Promise<boolean> {
  const admin = new Kafka({
    clientId: 'devstack-probe',
    brokers,
    logLevel: logLevel.NOTHING,
    connectionTimeout: 1000,
    retry: { retries },
  }).admin();
  try {
    await admin.connect();
    await admin.describeCluster();
    return true;
  } catch {
    return false;
  } finally {
    await admin.disconnect().catch(() => undefined);
  }
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
