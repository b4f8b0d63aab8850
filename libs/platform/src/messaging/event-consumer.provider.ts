import { BeforeApplicationShutdown, OnApplicationBootstrap, Provider, Type } from '@nestjs/common';
import { Kafka } from 'kafkajs';
import { DataSource } from 'typeorm';
import type { Counter } from 'prom-client';
import { AnyEventHandler, countParkedEvents, EventConsumer } from '@mb/messaging';
import { type Logger, ServiceMetrics } from '@mb/observability';
import { ConsumerGroupDirectory } from '../metrics/backbone-metrics';
import { SERVICE_LOGGER, SERVICE_NAME, SERVICE_SCHEMA } from '../service/service-runtime';

const FIRST_RETRY_MS = 1000;
const LONGEST_RETRY_MS = 30_000;

/**
 * A consumer group living as long as the application: it starts joining after bootstrap, in the
 * background, and is stopped first. Joining waits on the broker's group coordinator, for as long
 * as a killed predecessor's session lasts: awaited here, it kept the HTTP port closed and the
 * outbox unpublished that long, though neither needs a consumer. Readiness names the groups still
 * joining (consumerGroupsReadinessCheck). A join that fails (broker unreachable) is tried again with
 * backoff until it succeeds or the application stops.
 */
export class HostedEventConsumer implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private stopping = false;
  private joining: Promise<void> = Promise.resolve();
  private retryTimer: { timer?: NodeJS.Timeout; wake?: () => void } = {};

  constructor(
    readonly consumer: EventConsumer,
    private readonly logger?: Logger,
  ) {}

  onApplicationBootstrap(): void {
    this.joining = this.joinUntilStopped();
  }

  async beforeApplicationShutdown(): Promise<void> {
    this.stopping = true;
    clearTimeout(this.retryTimer.timer);
    this.retryTimer.wake?.();
    await this.consumer.stop();
    await this.joining;
  }

  private async joinUntilStopped(): Promise<void> {
    for (let delayMs = FIRST_RETRY_MS; !this.stopping; delayMs = Math.min(delayMs * 2, LONGEST_RETRY_MS)) {
      try {
        // Resolves once kafkajs runs the group; the join itself may still be under way, which
        // readiness shows, and a failed join is kafkajs's or EventConsumer's to retry.
        await this.consumer.start();
        return;
      } catch (error) {
        if (this.stopping) return;
        this.logger?.error({ err: error, retryInMs: delayMs }, 'consumer could not join its group; trying again');
        await this.consumer.stop().catch(() => undefined);
        await new Promise<void>((resolve) => {
          this.retryTimer = { timer: setTimeout(resolve, delayMs), wake: resolve };
        });
      }
    }
  }
}

/**
 * Registers a consumer group whose handlers are Nest providers. The group id is
 * `<service>.<purpose>`, e.g. `invoicing-service.billing`.
 */
export function eventConsumerProvider(purpose: string, handlers: Type<AnyEventHandler>[]): Provider {
  return {
    provide: `event-consumer:${purpose}`,
    inject: [Kafka, DataSource, SERVICE_LOGGER, SERVICE_NAME, SERVICE_SCHEMA, ServiceMetrics, ConsumerGroupDirectory, ...handlers],
    useFactory: (
      kafka: Kafka,
      dataSource: DataSource,
      logger: Logger,
      serviceName: string,
      schema: string,
      metrics: ServiceMetrics,
      consumerGroups: ConsumerGroupDirectory,
      ...instances: AnyEventHandler[]
    ) => {
      const consumerLogger = logger.child({ consumerGroup: `${serviceName}.${purpose}` });
      const failureMetrics = consumerFailureMetricsOf(metrics, dataSource, schema);
      const consumer = new EventConsumer({
        kafka,
        dataSource,
        schema,
        groupId: `${serviceName}.${purpose}`,
        handlers: instances,
        logger: consumerLogger,
        partitionsConsumedConcurrently: 6,
        onDeadLettered: ({ consumerGroup, sourceTopic }) => metrics.countDeadLetter(consumerGroup, sourceTopic),
        onInfrastructureRetry: ({ consumerGroup }) => failureMetrics.infrastructureRetries.inc({ consumergroup: consumerGroup }),
      });
      failureMetrics.add(consumer);
      const { groupId, topics } = consumer.subscription;
      consumerGroups.add(groupId, topics, () => consumer.groupMembership);
      // Zero from the start, so that the first dead letter is an increase the alert sees.
      for (const topic of topics) metrics.countDeadLetter(groupId, topic, 0);
      return new HostedEventConsumer(consumer, consumerLogger);
    },
  };
}

/**
 * The failure-policy metrics of a service's consumer groups (issue 13): one set per service, as
 * every consumer group of the service reports into the same registry and schema.
 */
class ConsumerFailureMetrics {
  readonly infrastructureRetries: Counter<'consumergroup'>;
  private readonly consumers: EventConsumer[] = [];

  constructor(metrics: ServiceMetrics, dataSource: DataSource, schema: string) {
    this.infrastructureRetries = metrics.counter({
      name: 'mb_consumer_infrastructure_retries_total',
      help: 'Waits of a consumer group on an infrastructure error (database or broker unavailable, read-only, busy) before trying the same message again.',
      labelNames: ['consumergroup'],
    });
    metrics.sampledGauge({
      name: 'mb_consumer_stalled_seconds',
      help: "For how long the consumer group's longest-retrying partition has retried an infrastructure error on the same message (0 when none).",
      labelNames: ['consumergroup'],
      sample: async () => this.consumers.map((consumer) => ({ labels: { consumergroup: consumer.subscription.groupId }, value: consumer.stalledSeconds() })),
    });
    metrics.sampledGauge({
      name: 'mb_consumer_parked_events',
      help: 'Events held back because an earlier event of the same key is dead-lettered by the consumer group and not yet replayed or discarded.',
      labelNames: ['consumergroup'],
      sample: async () => {
        const parked = await countParkedEvents(dataSource, schema);
        return this.consumers.map(({ subscription: { groupId } }) => ({ labels: { consumergroup: groupId }, value: parked.get(groupId) ?? 0 }));
      },
    });
  }

  add(consumer: EventConsumer): void {
    this.consumers.push(consumer);
    // Exported at 0 from the start, so that increase() sees the first retry.
    this.infrastructureRetries.inc({ consumergroup: consumer.subscription.groupId }, 0);
  }
}

const failureMetricsByRegistry = new WeakMap<ServiceMetrics, ConsumerFailureMetrics>();

function consumerFailureMetricsOf(metrics: ServiceMetrics, dataSource: DataSource, schema: string): ConsumerFailureMetrics {
  let failureMetrics = failureMetricsByRegistry.get(metrics);
  if (failureMetrics === undefined) {
    failureMetrics = new ConsumerFailureMetrics(metrics, dataSource, schema);
    failureMetricsByRegistry.set(metrics, failureMetrics);
  }
  return failureMetrics;
}
