import type { DataSource } from 'typeorm';
import type { Kafka } from 'kafkajs';
import type { OffsetClock } from '@mb/kernel';
import type { Logger, ServiceMetrics } from '@mb/observability';

/** What every service is given at start: its validated configuration, logger, database and broker. */
export interface ServiceRuntime<Config> {
  readonly serviceName: string;
  readonly schema: string;
  readonly config: Config;
  readonly logger: Logger;
  readonly dataSource: DataSource;
  readonly kafka: Kafka;
  /** The service's one source of time; movable forward only when CLOCK_CONTROL=enabled. */
  readonly clock: OffsetClock;
  /** Its Prometheus metrics, served on GET /metrics; services add their own domain gauges. */
  readonly metrics: ServiceMetrics;
}

/** Injection tokens for the runtime's parts that have no class of their own. */
export const SERVICE_CONFIG = Symbol('SERVICE_CONFIG');
export const SERVICE_LOGGER = Symbol('SERVICE_LOGGER');
export const SERVICE_NAME = Symbol('SERVICE_NAME');
export const SERVICE_SCHEMA = Symbol('SERVICE_SCHEMA');
export const SERVICE_CLOCK = Symbol('SERVICE_CLOCK');
