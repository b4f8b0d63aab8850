import { Kafka, logLevel, LogEntry } from 'kafkajs';
import type { Logger } from '@mb/observability';
import type { ReadinessCheck } from '@mb/observability';

const PINO_LEVEL_OF: Record<logLevel, 'error' | 'warn' | 'info' | 'debug'> = {
  [logLevel.NOTHING]: 'debug',
  [logLevel.ERROR]: 'error',
  [logLevel.WARN]: 'warn',
  [logLevel.INFO]: 'info',
  [logLevel.DEBUG]: 'debug',
};

/** How a client proves who it is: its own SCRAM-SHA-512 user, over TLS where the cluster offers it. */
export interface KafkaAuthentication {
  readonly username: string;
  readonly password: string;
  readonly tls: boolean;
}

export function createKafka(clientId: string, brokers: string[], logger: Logger, authentication?: KafkaAuthentication): Kafka {
  const kafkaLogger = logger.child({ component: 'kafkajs' });
  return new Kafka({
    clientId,
    brokers,
    ...(authentication && {
      sasl: { mechanism: 'scram-sha-512', username: authentication.username, password: authentication.password },
      ssl: authentication.tls,
    }),
    // kafkajs reports transient coordinator moves as errors; they are retried, so warn is enough.
    logLevel: logLevel.WARN,
    logCreator:
      () =>
      ({ level, log }: LogEntry) => {
        const { message, ...extra } = log;
        kafkaLogger[PINO_LEVEL_OF[level]](extra, message);
      },
    retry: { initialRetryTime: 100, retries: 8 },
  });
}

/** Ready when the broker answers a metadata request. */
export function kafkaReadinessCheck(kafka: Kafka): ReadinessCheck & { close(): Promise<void> } {
  const admin = kafka.admin();
  let connected: Promise<void> | undefined;
  return {
    name: 'kafka',
    async check() {
      connected ??= admin.connect().catch((error: unknown) => {
        connected = undefined;
        throw error;
      });
      await connected;
      await admin.describeCluster();
    },
    async close() {
      if (connected) await admin.disconnect();
    },
  };
}
