import 'reflect-metadata';
import { DynamicModule, Global, Module, Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { Kafka } from 'kafkajs';
import { DataSource, EntitySchema, MixedList } from 'typeorm';
import { createLogger, HealthModule, PinoNestLogger } from '@mb/observability';
import { createKafka, kafkaReadinessCheck, OutboxRelay } from '@mb/messaging';
import { ConfigOf, ConfigSchema, loadConfigOrExit, serviceConfigSchema } from '../config';
import { createServiceDataSource, databaseReadinessCheck, migrate } from '../database/service-data-source';
import { SERVICE_CONFIG, SERVICE_LOGGER, SERVICE_NAME, ServiceRuntime } from './service-runtime';

type BaseSchema = ReturnType<typeof serviceConfigSchema>;

export interface ServiceDefinition<S extends BaseSchema & ConfigSchema> {
  /** e.g. `invoicing-service`; used in logs, Kafka client ids and event headers. */
  readonly name: string;
  /** The Postgres schema the service owns. */
  readonly schema: string;
  readonly configSchema: S;
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  readonly migrations: Function[];
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  readonly entities?: MixedList<Function | string | EntitySchema>;
  /** The service's own wiring; runtime parts are injectable through the tokens above. */
  rootModule(runtime: ServiceRuntime<ConfigOf<S>>): Type | DynamicModule;
}

/**
 * Starts a service: configuration first (a bad value stops here with one line), then logger,
 * database and migrations, Kafka and the outbox relay, and HTTP. SIGTERM and SIGINT close the
 * application (consumers finish and commit through their shutdown hooks), drain the relay, then
 * close the connections.
 */
export async function runService<S extends BaseSchema & ConfigSchema>(definition: ServiceDefinition<S>): Promise<void> {
  const config = loadConfigOrExit(definition.name, definition.configSchema);
  // Every service's schema extends the base one, so these variables are always there.
  const base = config as ConfigOf<BaseSchema>;
  const logger = createLogger(definition.name, base.LOG_LEVEL);

  const dataSource = createServiceDataSource({
    url: base.DATABASE_URL,
    schema: definition.schema,
    migrations: definition.migrations,
    entities: definition.entities,
    applicationName: definition.name,
  });
  try {
    await dataSource.initialize();
  } catch (error) {
    const { host, pathname, username } = new URL(base.DATABASE_URL);
    process.stderr.write(
      `${definition.name}: cannot connect with DATABASE_URL (postgres://${username}@${host}${pathname}): ${(error as Error).message}\n`,
    );
    process.exit(1);
  }
  const applied = await migrate(dataSource, definition.schema);
  logger.info({ applied }, applied.length ? 'migrations applied' : 'schema up to date');

  const kafka = createKafka(definition.name, base.KAFKA_BROKERS, logger);
  const kafkaCheck = kafkaReadinessCheck(kafka);
  const runtime: ServiceRuntime<ConfigOf<S>> = { serviceName: definition.name, config, logger, dataSource, kafka };

  const app = await NestFactory.create<NestFastifyApplication>(
    rootModuleOf(runtime, definition.rootModule(runtime), [databaseReadinessCheck(dataSource), kafkaCheck]),
    new FastifyAdapter(),
    { logger: new PinoNestLogger(logger) },
  );
  // Every service produces events, so every service relays its outbox.
  const relay = new OutboxRelay({ schema: definition.schema, dataSource, databaseUrl: base.DATABASE_URL, kafka, logger });
  await relay.start();
  await app.listen(base.HTTP_PORT, base.HTTP_HOST);
  logger.info({ url: `http://${base.HTTP_HOST}:${base.HTTP_PORT}` }, `${definition.name} listening`);

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down');
    try {
      // Consumers stop inside app.close() (finishing the message in hand and committing offsets);
      // then the relay publishes whatever they and the last requests committed.
      await app.close();
      await relay.stop();
      await kafkaCheck.close();
      await dataSource.destroy();
      logger.info('stopped');
      process.exit(0);
    } catch (error) {
      logger.error({ err: error }, 'unclean shutdown');
      process.exit(1);
    }
  };
  process.once('SIGTERM', () => void stop('SIGTERM'));
  process.once('SIGINT', () => void stop('SIGINT'));
}

function rootModuleOf<C>(
  runtime: ServiceRuntime<C>,
  serviceModule: Type | DynamicModule,
  readinessChecks: Parameters<typeof HealthModule.withChecks>[0],
): DynamicModule {
  @Global()
  @Module({})
  class ServiceRuntimeModule {}

  return {
    module: ServiceRuntimeModule,
    imports: [HealthModule.withChecks(readinessChecks), serviceModule],
    providers: [
      { provide: SERVICE_NAME, useValue: runtime.serviceName },
      { provide: SERVICE_CONFIG, useValue: runtime.config },
      { provide: SERVICE_LOGGER, useValue: runtime.logger },
      { provide: DataSource, useValue: runtime.dataSource },
      { provide: Kafka, useValue: runtime.kafka },
    ],
    exports: [SERVICE_NAME, SERVICE_CONFIG, SERVICE_LOGGER, DataSource, Kafka],
  };
}
