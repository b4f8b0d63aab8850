import 'reflect-metadata';
import { DynamicModule, Global, Module, Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { SwaggerModule } from '@nestjs/swagger';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { Kafka } from 'kafkajs';
import { DataSource, EntitySchema, MixedList } from 'typeorm';
import type { GrpcApi } from '@mb/grpc';
import { OffsetClock, Timers, UnitOfWork } from '@mb/kernel';
import { createLogger, HealthController, HealthModule, MetricsController, MetricsModule, PinoNestLogger, ReadinessCheck, recordHttpRequests, ServiceMetrics, type StopTracing } from '@mb/observability';
import { createKafka, EventOutbox, kafkaReadinessCheck, OutboxRelay, OutboxWriter, TransactionalEventOutbox, TypeOrmUnitOfWork } from '@mb/messaging';
import { AccessTokenVerifier } from '../auth/access-token-verifier';
import { refuseLocalIssuerInProduction } from '../auth/auth-config';
import { AccessGuard } from '../auth/access.guard';
import { ApiKeyAuthenticator, IntrospectingApiKeyAuthenticator, NoApiKeyAuthenticator } from '../auth/api-keys';
import { ClockControlController } from '../clock/clock-control.controller';
import { PgBossTimers } from '../timers/pg-boss-timers';
import { ConfigOf, ConfigSchema, InvalidConfigError, loadConfigOrExit, refuseUnsafeProductionOrExit, serviceConfigSchema } from '../config';
import { createServiceDataSource, databaseReadinessCheck, migrate } from '../database/service-data-source';
import { openApiDocumentOf } from '../http/openapi-document';
import { ProblemDetailsFilter } from '../http/problem-details.filter';
import { requestValidationPipe } from '../http/validation';
import { connectGrpcServer } from '../grpc/grpc-server';
import { IdempotencyInterceptor } from '../http/idempotency';
import { GrpcIdempotencyInterceptor } from '../grpc/grpc-idempotency.interceptor';
import { AuditInterceptor } from '../audit/audit.interceptor';
import { AuditLog } from '../audit/audit-log';
import { AuditLogController } from '../audit/audit-log.controller';
import { CallerRateLimitGuard, registerRateLimit } from '../http/rate-limit';
import { IdempotencyKeys } from '../http/idempotency-keys';
import { IDEMPOTENCY_PURGE_CRON, IDEMPOTENCY_PURGE_TIMER, idempotencyPurgeHandler } from '../http/idempotency-purge';
import { consumerGroupsReadinessCheck } from '../messaging/consumer-readiness';
import { MESSAGING_TABLES_PURGE_CRON, MESSAGING_TABLES_PURGE_TIMER, messagingTablesPurgeHandler } from '../messaging/messaging-tables-purge';
import { ConsumerGroupDirectory, registerBackboneMetrics, registerRelayLeaderMetric } from '../metrics/backbone-metrics';
import { SERVICE_CLOCK, SERVICE_CONFIG, SERVICE_LOGGER, SERVICE_NAME, SERVICE_SCHEMA, ServiceRuntime } from './service-runtime';

type BaseSchema = ReturnType<typeof serviceConfigSchema>;

export interface ServiceDefinition<S extends BaseSchema & ConfigSchema> {
  /** e.g. `invoicing-service`; used in logs, Kafka client ids, consumer groups and event headers. */
  readonly name: string;
  /** The Postgres schema the service owns. */
  readonly schema: string;
  readonly configSchema: S;
  /**
   * Its migrations in the order they apply; a function of the configuration when one needs it
   * (the notification service's encrypts secrets in place with the configured keyring).
   */
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  readonly migrations: Function[] | ((config: ConfigOf<S>) => Function[]);
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  readonly entities?: MixedList<Function | string | EntitySchema>;
  /** The gRPC API it serves (`GRPC_APIS.<service>` of @mb/grpc): its proto package and service. */
  readonly grpc: GrpcApi;
  /**
   * The durable timers it sets and fires (one pg-boss queue each, in its schema). A service that
   * declares some gets `Timers` (and `PgBossTimers`) injectable. Every service runs the timer
   * engine anyway, for the platform's recurring purge of expired idempotency keys.
   */
  readonly timers?: readonly string[];
  /**
   * How it checks a presented API key (`mbk_…`). Absent: by asking contract-service, which owns
   * the keys, at API_KEY_SERVICE_URL (refused when that is unset). contract-service checks its own table.
   */
  readonly apiKeys?: (runtime: ServiceRuntime<ConfigOf<S>>) => ApiKeyAuthenticator;
  /** The service's own wiring; runtime parts are injectable through the tokens above. */
  rootModule(runtime: ServiceRuntime<ConfigOf<S>>): Type | DynamicModule;
}

export interface BootstrappedService<C> {
  readonly app: NestFastifyApplication;
  readonly runtime: ServiceRuntime<C>;
  /** host:port its gRPC API listens on, e.g. `127.0.0.1:50051`. */
  readonly grpcAddress: string;
  /** Consumers finish and commit, the relay drains, connections close. */
  close(): Promise<void>;
}

/** The gRPC server could not listen (a port in use, an address not on this host). */
export class GrpcListenError extends Error {
  override readonly name = 'GrpcListenError';
}

export interface BootstrapOptions {
  /**
   * The port the gRPC API listens on: `configured` is GRPC_PORT (runService); `ephemeral`, the
   * default, a free port the OS picks (`grpcAddress` tells which), so that in-process tests run
   * side by side without colliding.
   */
  readonly grpcPort?: 'configured' | 'ephemeral';
}

/**
 * Builds a service without listening on HTTP: configuration first (a bad value stops the process
 * with one line), then logger, database and migrations, Kafka and the outbox relay, the Nest
 * application with problem+json errors and validated request bodies, and its gRPC API, which
 * listens (on a port of the OS's choice unless told otherwise). Integration tests use it
 * in-process, REST through Fastify's inject and gRPC through a real client; runService adds the
 * HTTP port and signal handling.
 */
export async function bootstrapService<S extends BaseSchema & ConfigSchema>(
  definition: ServiceDefinition<S>,
  environment: Record<string, string | undefined> = process.env,
  options: BootstrapOptions = {},
): Promise<BootstrappedService<ConfigOf<S>>> {
  // Unsafe production settings first: they name every problem, whatever else is missing.
  refuseUnsafeProductionOrExit(definition.name, environment);
  const config = loadConfigOrExit(definition.name, definition.configSchema, environment);
  // Every service's schema extends the base one, so these variables are always there.
  const base = config as ConfigOf<BaseSchema>;
  try {
    refuseLocalIssuerInProduction(base, environment.NODE_ENV);
  } catch (error) {
    if (!(error instanceof InvalidConfigError)) throw error;
    process.stderr.write(`${definition.name}: invalid configuration: ${error.message}\n`);
    process.exit(78); // EX_CONFIG, as for any other invalid variable
  }
  const logger = createLogger(definition.name, base.LOG_LEVEL);

  const dataSourceFor = (url: string, applicationName: string) =>
    createServiceDataSource({ url, schema: definition.schema, migrations: migrationsOf(definition, config), entities: definition.entities, applicationName });
  const connectOrExit = async (dataSource: DataSource, variable: string, url: string) => {
    try {
      await dataSource.initialize();
    } catch (error) {
      const { host, pathname, username } = new URL(url);
      process.stderr.write(`${definition.name}: cannot connect with ${variable} (postgres://${username}@${host}${pathname}): ${(error as Error).message}\n`);
      process.exit(1);
    }
  };

  // Migrations and pg-boss's tables are DDL: the schema's owner runs them, on a connection of its
  // own closed before the service takes requests. The runtime role below has DML only.
  if (base.MIGRATION_DATABASE_URL !== undefined) {
    const migrationDataSource = dataSourceFor(base.MIGRATION_DATABASE_URL, `${definition.name}:migrations`);
    await connectOrExit(migrationDataSource, 'MIGRATION_DATABASE_URL', base.MIGRATION_DATABASE_URL);
    try {
      const applied = await migrate(migrationDataSource, definition.schema);
      logger.info({ applied }, applied.length ? 'migrations applied' : 'schema up to date');
    } finally {
      await migrationDataSource.destroy();
    }
    // Every service runs pg-boss: its own timers, if it declares any, and the idempotency keys' purge.
    await PgBossTimers.install({ schema: definition.schema, migrationDatabaseUrl: base.MIGRATION_DATABASE_URL, serviceName: definition.name });
  }

  const dataSource = dataSourceFor(base.DATABASE_URL, definition.name);
  await connectOrExit(dataSource, 'DATABASE_URL', base.DATABASE_URL);
  // TypeORM creates its migrations table when it is missing, which the runtime role may not do.
  if (await dataSource.showMigrations().catch(() => true)) {
    process.stderr.write(`${definition.name}: the ${definition.schema} schema has migrations to apply: run them as its owner (set MIGRATION_DATABASE_URL)\n`);
    process.exit(1);
  }

  const kafka = createKafka(definition.name, base.KAFKA_BROKERS, logger, {
    username: base.KAFKA_SASL_USERNAME,
    password: base.KAFKA_SASL_PASSWORD,
    tls: base.KAFKA_TLS === 'enabled',
  });
  const kafkaCheck = kafkaReadinessCheck(kafka);
  const clock = new OffsetClock();
  const metrics = new ServiceMetrics((metric, error) => logger.warn({ err: error, metric }, 'metric could not be read'));
  const runtime: ServiceRuntime<ConfigOf<S>> = { serviceName: definition.name, schema: definition.schema, config, logger, dataSource, kafka, clock, metrics };
  const consumerGroups = new ConsumerGroupDirectory();
  const backboneMetrics = registerBackboneMetrics(metrics, { dataSource, schema: definition.schema, kafka, consumerGroups });

  // Every service runs the timer engine: at least for the platform's recurring purges (expired
  // idempotency keys; published outbox and old inbox rows), beside the timers the service declares.
  const timerUnitOfWork = new TypeOrmUnitOfWork(dataSource);
  const timers = await PgBossTimers.start({
    schema: definition.schema,
    databaseUrl: base.DATABASE_URL,
    serviceName: definition.name,
    timers: [...(definition.timers ?? []), IDEMPOTENCY_PURGE_TIMER, MESSAGING_TABLES_PURGE_TIMER],
    clock,
    unitOfWork: timerUnitOfWork,
    logger,
    metrics,
    clockControl: base.CLOCK_CONTROL === 'enabled',
  });
  await timers.repeat(IDEMPOTENCY_PURGE_TIMER, IDEMPOTENCY_PURGE_CRON);
  await timers.work(idempotencyPurgeHandler(idempotencyKeysOf(runtime), timerUnitOfWork));
  await timers.repeat(MESSAGING_TABLES_PURGE_TIMER, MESSAGING_TABLES_PURGE_CRON);
  await timers.work(messagingTablesPurgeHandler(dataSource, definition.schema, logger));

  // Every service produces events, so every service relays its outbox.
  const relay = new OutboxRelay({ schema: definition.schema, dataSource, databaseUrl: base.DATABASE_URL, kafka, logger });
  registerRelayLeaderMetric(metrics, relay);
  await relay.start();

  const app = await createServiceApplication(definition, runtime, [databaseReadinessCheck(dataSource), kafkaCheck, consumerGroupsReadinessCheck(consumerGroups)], consumerGroups, timers);
  SwaggerModule.setup('docs', app, openApiDocumentOf(definition.name, app), { jsonDocumentUrl: 'docs/openapi.json' });
  const grpcPort = options.grpcPort === 'configured' ? base.GRPC_PORT : 0;
  const grpc = connectGrpcServer(app, definition.grpc, logger, { host: base.HTTP_HOST, port: grpcPort });
  await app.init();

  const close = async () => {
    // Consumers stop inside app.close() (finishing the message in hand and committing offsets), and
    // the gRPC server lets the calls in flight finish; then the relay publishes whatever they and
    // the last requests committed.
    await app.close();
    await timers?.stop();
    await relay.stop();
    await backboneMetrics.close();
    await kafkaCheck.close();
    await dataSource.destroy();
  };
  try {
    await app.startAllMicroservices();
  } catch (error) {
    await close();
    throw new GrpcListenError(`${definition.name}: cannot serve gRPC on ${base.HTTP_HOST}:${grpcPort} (GRPC_PORT): ${(error as Error).message}`, { cause: error });
  }
  logger.info({ address: grpc.address, package: definition.grpc.packageName }, 'gRPC API listening');

  return { app, runtime, grpcAddress: grpc.address, close };
}

/** A service's migrations, given its configuration. */
// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
export function migrationsOf<S extends BaseSchema & ConfigSchema>(definition: Pick<ServiceDefinition<S>, 'migrations'>, config: ConfigOf<S>): Function[] {
  return typeof definition.migrations === 'function' ? definition.migrations(config) : definition.migrations;
}

/**
 * The Nest application of a service over a runtime, not yet initialised: nothing connects or
 * starts until init. bootstrapService uses it with live connections; the OpenAPI generator with
 * idle ones, to describe the API without a database or broker.
 */
export async function createServiceApplication<S extends BaseSchema & ConfigSchema>(
  definition: ServiceDefinition<S>,
  runtime: ServiceRuntime<ConfigOf<S>>,
  readinessChecks: ReadinessCheck[],
  consumerGroups = new ConsumerGroupDirectory(),
  timers?: PgBossTimers,
): Promise<NestFastifyApplication> {
  const base = runtime.config as ConfigOf<BaseSchema>;
  const app = await NestFactory.create<NestFastifyApplication>(
    rootModuleOf(runtime, definition.rootModule(runtime), apiKeyAuthenticatorOf(definition, runtime), readinessChecks, consumerGroups, base.CLOCK_CONTROL === 'enabled', definition.timers?.length ? (timers ?? null) : undefined),
    new FastifyAdapter(),
    // rawBody keeps each JSON body's bytes beside the parsed body (request.rawBody), with the same
    // parser and body limit: an inbound webhook's signature is over those bytes, not a re-serialisation.
    { logger: new PinoNestLogger(runtime.logger), rawBody: true },
  );
  // Before init, so every route Nest registers is timed.
  recordHttpRequests(app.getHttpAdapter().getInstance(), runtime.metrics);
  const callerLimiter = await registerRateLimit(app, { max: base.RATE_LIMIT_MAX, addressMax: base.RATE_LIMIT_ADDRESS_MAX, windowSeconds: base.RATE_LIMIT_WINDOW_SECONDS });
  app.useGlobalFilters(new ProblemDetailsFilter(runtime.logger));
  // Every HTTP route needs a token and a role its controller's @AccessPolicy allows; health and metrics
  // excepted. Then the caller, now known, is counted against its own rate limit.
  app.useGlobalGuards(
    new AccessGuard(app.get(AccessTokenVerifier), app.get(ApiKeyAuthenticator), [HealthController, MetricsController]),
    new CallerRateLimitGuard(callerLimiter, { max: base.RATE_LIMIT_MAX, windowSeconds: base.RATE_LIMIT_WINDOW_SECONDS }),
  );
  app.useGlobalPipes(requestValidationPipe());
  // Idempotency outside: a replayed answer is no new command, so it is not audited again, and the
  // audit row of a command that runs commits in the key's transaction.
  app.useGlobalInterceptors(
    new IdempotencyInterceptor(new TypeOrmUnitOfWork(runtime.dataSource), idempotencyKeysOf(runtime)),
    new AuditInterceptor(runtime.dataSource, new TypeOrmUnitOfWork(runtime.dataSource), new AuditLog(runtime.schema), runtime.clock, runtime.logger),
  );
  return app;
}

/** How the service checks API keys: its own way, or by introspection at contract-service, or not at all. */
function apiKeyAuthenticatorOf<S extends BaseSchema & ConfigSchema>(definition: ServiceDefinition<S>, runtime: ServiceRuntime<ConfigOf<S>>): ApiKeyAuthenticator {
  if (definition.apiKeys) return definition.apiKeys(runtime);
  const base = runtime.config as ConfigOf<BaseSchema>;
  if (base.API_KEY_SERVICE_URL === undefined) return new NoApiKeyAuthenticator();
  return new IntrospectingApiKeyAuthenticator({ serviceUrl: base.API_KEY_SERVICE_URL, cacheSeconds: base.API_KEY_CACHE_SECONDS });
}

/** The service's idempotency keys, with the lease and retention its configuration sets. */
export function idempotencyKeysOf(runtime: ServiceRuntime<unknown>): IdempotencyKeys {
  const base = runtime.config as ConfigOf<BaseSchema>;
  return new IdempotencyKeys(runtime.schema, { leaseSeconds: base.IDEMPOTENCY_LEASE_SECONDS, retentionHours: base.IDEMPOTENCY_RETENTION_HOURS });
}

export interface RunServiceOptions {
  /**
   * What startTracing returned in the service's instrumentation.ts. Called last on shutdown, once
   * consumers and relay have stopped, so that the spans of their final work are exported too.
   */
  readonly stopTracing?: StopTracing;
}

/**
 * Starts a service as its own process: bootstrap with gRPC on GRPC_PORT, listen on HTTP_PORT, and
 * stop cleanly on SIGTERM or SIGINT.
 */
export async function runService<S extends BaseSchema & ConfigSchema>(definition: ServiceDefinition<S>, options: RunServiceOptions = {}): Promise<void> {
  const service = await bootstrapService(definition, process.env, { grpcPort: 'configured' }).catch((error: unknown) => {
    if (!(error instanceof GrpcListenError)) throw error;
    // Like a bad variable or an unreachable database: one line naming the variable, then exit.
    process.stderr.write(`${error.message}\n`);
    return process.exit(1);
  });
  const { logger } = service.runtime;
  service.runtime.metrics.collectProcessMetrics();
  const base = service.runtime.config as ConfigOf<BaseSchema>;
  await service.app.listen(base.HTTP_PORT, base.HTTP_HOST);
  logger.info({ url: `http://${base.HTTP_HOST}:${base.HTTP_PORT}`, grpc: service.grpcAddress }, `${definition.name} listening`);

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down');
    let exitCode = 0;
    try {
      await service.close();
      logger.info('stopped');
    } catch (error) {
      logger.error({ err: error }, 'unclean shutdown');
      exitCode = 1;
    }
    await options.stopTracing?.().catch((error: unknown) => logger.warn({ err: error }, 'buffered spans could not be exported'));
    process.exit(exitCode);
  };
  process.once('SIGTERM', () => void stop('SIGTERM'));
  process.once('SIGINT', () => void stop('SIGINT'));
}

function rootModuleOf<C>(
  runtime: ServiceRuntime<C>,
  serviceModule: Type | DynamicModule,
  apiKeys: ApiKeyAuthenticator,
  readinessChecks: ReadinessCheck[],
  consumerGroups: ConsumerGroupDirectory,
  clockControl: boolean,
  // undefined: the service declares no timers; null: declared, but not started (the OpenAPI generator).
  timers: PgBossTimers | null | undefined,
): DynamicModule {
  const timerProviders = timers === undefined ? [] : [{ provide: PgBossTimers, useValue: timers }, { provide: Timers, useValue: timers }];
  @Global()
  @Module({})
  class ServiceRuntimeModule {}
  const unitOfWork = new TypeOrmUnitOfWork(runtime.dataSource);
  const accessTokens = AccessTokenVerifier.fromSettings(runtime.config as ConfigOf<BaseSchema>);
  const outboxWriter = new OutboxWriter({ schema: runtime.schema, clock: () => runtime.clock.now() });

  return {
    module: ServiceRuntimeModule,
    imports: [HealthModule.withChecks(readinessChecks), MetricsModule.exposing(runtime.metrics), serviceModule],
    controllers: [AuditLogController, ...(clockControl ? [ClockControlController] : [])],
    providers: [
      { provide: SERVICE_NAME, useValue: runtime.serviceName },
      { provide: SERVICE_SCHEMA, useValue: runtime.schema },
      { provide: SERVICE_CONFIG, useValue: runtime.config },
      { provide: SERVICE_LOGGER, useValue: runtime.logger },
      { provide: SERVICE_CLOCK, useValue: runtime.clock },
      { provide: ServiceMetrics, useValue: runtime.metrics },
      { provide: ConsumerGroupDirectory, useValue: consumerGroups },
      { provide: DataSource, useValue: runtime.dataSource },
      { provide: Kafka, useValue: runtime.kafka },
      { provide: TypeOrmUnitOfWork, useValue: unitOfWork },
      { provide: AuditLog, useValue: new AuditLog(runtime.schema) },
      AuditInterceptor,
      { provide: IdempotencyKeys, useValue: idempotencyKeysOf(runtime) },
      GrpcIdempotencyInterceptor,
      { provide: UnitOfWork, useValue: unitOfWork },
      { provide: EventOutbox, useValue: new TransactionalEventOutbox(outboxWriter, unitOfWork) },
      { provide: AccessTokenVerifier, useValue: accessTokens },
      { provide: ApiKeyAuthenticator, useValue: apiKeys },
      ...timerProviders,
    ],
    exports: [
      SERVICE_NAME,
      SERVICE_SCHEMA,
      SERVICE_CONFIG,
      SERVICE_LOGGER,
      SERVICE_CLOCK,
      ServiceMetrics,
      ConsumerGroupDirectory,
      DataSource,
      Kafka,
      TypeOrmUnitOfWork,
      AuditLog,
      AuditInterceptor,
      IdempotencyKeys,
      GrpcIdempotencyInterceptor,
      UnitOfWork,
      EventOutbox,
      AccessTokenVerifier,
      ApiKeyAuthenticator,
      ...timerProviders.map((provider) => provider.provide),
    ],
  };
}
