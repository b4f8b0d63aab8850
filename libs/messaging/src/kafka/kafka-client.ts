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

export function createKafka(clientId: string, brokers: string[], logger: Logger): Kafka {
  const kafkaLogger = logger.child({ component: 'kafkajs' });
  return new Kafka({
    clientId,
    brokers,
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
