import type { DataSource } from 'typeorm';
import type { Kafka } from 'kafkajs';
import type { Logger } from '@mb/observability';

/** What every service is given at start: its validated configuration, logger, database and broker. */
export interface ServiceRuntime<Config> {
  readonly serviceName: string;
  readonly config: Config;
  readonly logger: Logger;
  readonly dataSource: DataSource;
  readonly kafka: Kafka;
}

/** Injection tokens for the runtime's parts that have no class of their own. */
export const SERVICE_CONFIG = Symbol('SERVICE_CONFIG');
export const SERVICE_LOGGER = Symbol('SERVICE_LOGGER');
export const SERVICE_NAME = Symbol('SERVICE_NAME');
